/**
 * The interface every backend profile implements: what one build backend ships, writes, rewrites
 * and forces in, how its own file-selection config translates into `[tool.manifest]` rules
 * (`manifest init`), and how a manifest translates back into its config (`manifest export`).
 *
 * Owns: the shape only (docs agreed in the project notes; add fields, never rename them).
 * Must not: do I/O. Profiles are pure like rules/: the api layer reads pyproject.toml, setup.cfg,
 * setup.py, MANIFEST.in and the walk, and hands them in as a BackendInput.
 */
import type { Manifest, Target } from '../manifest/types.js';

/** Pure inputs a profile may look at; the api layer reads them. */
export interface BackendInput {
  /** pyproject.toml text ('' when the project has none, e.g. setup.py/setup.cfg-only projects). */
  pyproject: string;
  /** pyproject.toml parsed (smol-toml); {} when absent. */
  doc: Record<string, unknown>;
  /** Project-relative files the walker lists (ignore files applied), sorted in code-point order. */
  files: readonly string[];
  /** Other files the backend reads, by project-relative name, when present: MANIFEST.in, setup.cfg, setup.py. */
  extra: ReadonlyMap<string, string>;
}

/** A file the build writes, rewrites or forces in, and why (shown by generate/explain/init). */
export interface KnownOutput {
  /** generated: a gen DEST (glob allowed, §8). rewritten/forced: a gitignore-style SRC pattern. */
  pattern: string;
  /** One line naming what does it, e.g. "setuptools writes the egg-info directory". */
  reason: string;
  /** Where that comes from, when it comes from config, e.g. "tool.setuptools_scm.write_to". */
  key?: string;
}

export interface BuildOutputs {
  /** gen: lines the backend (or its configured plugins) writes itself, per section. */
  generated: Record<Target, KnownOutput[]>;
  /** Files shipped from the tree with bytes rewritten: become alt: lines. */
  rewritten: Record<Target, KnownOutput[]>;
  /** Files the backend always ships whatever its include says (hatchling's .gitignore, license files). */
  forced: Record<Target, KnownOutput[]>;
}

/** init from config: [tool.manifest] rules whose expansion equals what the backend ships. */
export interface Translation {
  /** The TOML text to append: starts with `[tool.manifest]`, ends with `\n`. */
  table: string;
  /** Exactly the keys written, as key paths (`tool.manifest.sdist.include`). */
  written: string[];
  /** One line each: what was found/translated. */
  notes: string[];
  /** One line each: a backend setting that cannot be expressed, naming the setting. */
  untranslated: string[];
}

/** `manifest export --backend NAME`: backend config reproducing a manifest. */
export interface ExportResult {
  /** The file the text belongs in, e.g. `MANIFEST.in` or `pyproject.toml`. */
  file: string;
  /** The config text to paste or write. */
  text: string;
  /** One line per manifest entry the backend cannot express, naming the entry. */
  inexpressible: string[];
}

export interface BackendProfile {
  /** Short name used by `--backend` and in messages: setuptools | hatchling | flit | poetry | pdm. */
  readonly name: string;
  /** `[build-system].build-backend` values this profile answers to. */
  readonly ids: readonly string[];
  /**
   * Where this backend's own configuration leaves files out of each target, for the hint of an
   * archive that holds files the manifest does not list (`validate`), e.g.
   * `[tool.hatch.build.targets.sdist] exclude`.
   */
  readonly excludeSetting?: Readonly<Record<Target, string>>;
  outputs(input: BackendInput): BuildOutputs;
  translate(input: BackendInput): Translation;
  exportConfig(manifest: Manifest, input: BackendInput): ExportResult;
}

/** BuildOutputs with nothing in it, for profiles to fill. */
export function emptyOutputs(): BuildOutputs {
  return {
    generated: { sdist: [], wheel: [] },
    rewritten: { sdist: [], wheel: [] },
    forced: { sdist: [], wheel: [] },
  };
}
