/**
 * The build backend's knowledge for one project: the api side of src/backends/. Reads the files a
 * profile may look at (pyproject.toml, setup.cfg, setup.py, MANIFEST.in) and turns the profile's
 * known outputs into expansion rules whose RuleRef (kind `backend`) names the setting and the
 * reason, so the manifest, `explain` and `init` all show where a `gen:` line comes from.
 *
 * Must not: switch on backend names (the registry does).
 */
import { join } from 'node:path';
import { parse } from 'smol-toml';
import { findBackend, findBackendId } from '../backends/registry.js';
import type { BackendInput, BackendProfile, KnownOutput } from '../backends/types.js';
import type { RuleRef, Target } from '../manifest/types.js';
import type { BackendPattern, BackendRules } from '../rules/expand.js';
import { checkGitignorePattern, checkGlobPattern } from '../rules/patterns.js';
import { createKeyLocator, parseKeyPath } from '../rules/toml-locate.js';
import { readFileIfExists } from '../tree/project.js';

/** Files other than pyproject.toml that a profile may read. */
const EXTRA_FILES = ['MANIFEST.in', 'setup.cfg', 'setup.py'];

/** pyproject.toml parsed, or {} when it cannot be (config.ts reports that with its line). */
function parseDoc(text: string): Record<string, unknown> {
  try {
    return parse(text) as Record<string, unknown>;
  } catch {
    return {};
  }
}

/**
 * What a profile looks at, read from the project.
 * @param files the walker's listing (project-relative, sorted)
 */
export function readBackendInput(
  root: string,
  pyprojectText: string,
  files: readonly string[],
): BackendInput {
  const extra = new Map<string, string>();
  for (const name of EXTRA_FILES) {
    const text = readFileIfExists(join(root, name), name);
    if (text !== undefined) extra.set(name, text.replace(/^\uFEFF/, ''));
  }
  return { pyproject: pyprojectText, doc: parseDoc(pyprojectText), files, extra };
}

/** The profile of the project's backend, and the id and key that named it. */
export function findProjectBackend(doc: Record<string, unknown>): {
  profile: BackendProfile | undefined;
  id: string;
  key: string;
} {
  return { profile: findBackend(doc), ...findBackendId(doc) };
}

/**
 * The profile's known outputs as expansion rules; undefined when no profile knows the backend.
 * Patterns a profile took from the project's config and that are not valid here are left out.
 */
export function createBackendRules(input: BackendInput): BackendRules | undefined {
  const { profile, id, key } = findProjectBackend(input.doc);
  if (profile === undefined) return undefined;
  const outputs = profile.outputs(input);
  const locate = createKeyLocator(input.pyproject);
  const ruleFor = (output: KnownOutput): RuleRef => {
    const named = output.key ?? key;
    const file = /^(setup\.py|setup\.cfg|MANIFEST\.in)\b/.exec(named)?.[1];
    const tomlKey = file === undefined && /^[A-Za-z0-9_.-]+$/.test(named) ? named : undefined;
    const line = tomlKey !== undefined ? locate(parseKeyPath(tomlKey))?.line : undefined;
    return {
      kind: 'backend',
      source: file ?? 'pyproject.toml',
      key: file !== undefined ? named.slice(file.length).trim() || id : named,
      pattern: output.pattern,
      reason: output.reason,
      ...(line !== undefined ? { line } : {}),
    };
  };
  const convert = (
    list: readonly KnownOutput[],
    check: (pattern: string) => string | undefined,
  ): BackendPattern[] =>
    list
      .filter((o) => check(o.pattern) === undefined)
      .map((o) => ({ pattern: o.pattern, rule: ruleFor(o) }));
  const per = (
    field: 'generated' | 'rewritten' | 'forced',
    check: (pattern: string) => string | undefined,
  ): Record<Target, BackendPattern[]> => ({
    sdist: convert(outputs[field].sdist, check),
    wheel: convert(outputs[field].wheel, check),
  });
  return {
    generated: per('generated', checkGlobPattern),
    rewritten: per('rewritten', checkGitignorePattern),
    forced: per('forced', checkGitignorePattern),
  };
}
