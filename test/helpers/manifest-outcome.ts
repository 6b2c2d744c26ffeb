/**
 * Everything the format's implementations must agree on for one manifest text, as plain JSON:
 * the parse errors (code, line, column), or the entries, the whole-manifest findings, the
 * canonical-form finding and the canonical text. The shared case files (fixtures/format-cases/)
 * and the differential test against the Python reader both compare these objects; the Python
 * side builds the same shape in python/tests/outcome.py.
 */
import { ManifestError, ManifestErrors } from '../../src/errors.js';
import { checkCanonical, checkManifest } from '../../src/manifest/check.js';
import { formatManifest } from '../../src/manifest/format.js';
import { compileGenGlob, findGlobProblem } from '../../src/manifest/glob.js';
import { parseManifest } from '../../src/manifest/parse.js';
import type { Finding, ManifestEntry } from '../../src/manifest/types.js';

/** The manifest file name used in outcomes (findings carry it). */
export const OUTCOME_FILE = 'pyproject-manifest.txt';

export interface ErrorOutcome {
  code: string;
  line: number | null;
  column: number | null;
}

export type ManifestOutcome =
  | { errors: ErrorOutcome[] }
  | {
      sdist: Record<string, unknown>[];
      wheel: Record<string, unknown>[];
      findings: Record<string, unknown>[];
      canonical: Record<string, unknown>[];
      formatted: string;
    };

const plain = (value: Finding | ManifestEntry): Record<string, unknown> =>
  JSON.parse(JSON.stringify(value)) as Record<string, unknown>;

/** What parse, check and format make of `text`. */
export function manifestOutcome(text: string): ManifestOutcome {
  let manifest;
  try {
    manifest = parseManifest(text, OUTCOME_FILE);
  } catch (error) {
    const list =
      error instanceof ManifestErrors
        ? error.errors
        : error instanceof ManifestError
          ? [error]
          : [];
    if (list.length === 0) throw error;
    return {
      errors: list.map((e) => ({ code: e.code, line: e.line ?? null, column: e.column ?? null })),
    };
  }
  return {
    sdist: manifest.sdist.map(plain),
    wheel: manifest.wheel.map(plain),
    findings: checkManifest(manifest, OUTCOME_FILE).map(plain),
    canonical: checkCanonical(text, manifest, OUTCOME_FILE).map(plain),
    formatted: formatManifest(manifest),
  };
}

/** Code points before UTF-16 offset `index` of `text`: the index the Python side reports. */
export function codePointIndex(text: string, index: number): number {
  return Array.from(text.slice(0, index)).length;
}

/** A gen glob's outcome: the problem's code-point index (null when valid), and whether it matches `path`. */
export function globOutcome(
  pattern: string,
  path: string | undefined,
): { problem: number | null; matches: boolean | null } {
  const problem = findGlobProblem(pattern);
  if (problem !== undefined)
    return { problem: codePointIndex(pattern, problem.index), matches: null };
  return { problem: null, matches: path === undefined ? null : compileGenGlob(pattern)(path) };
}

/** Whether the TypeScript side reads `alt:` lines yet (the Python reader does); tests add them only then. */
export function typescriptReadsAlt(): boolean {
  try {
    parseManifest('# pyproject-manifest v1\n[sdist]\nalt: a -> a\n[wheel]\n', 'x');
    return true;
  } catch {
    return false;
  }
}
