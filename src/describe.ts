/**
 * All prose: turns a Finding or a ManifestError into one line of text.
 *
 * Owns: message wording. Tests assert codes and args; CLI transcripts pin this prose.
 * Must not: print or decide exit codes. Line format (familiar from Python linters):
 *   <file>:<line>:<col>: error[CODE] <what is wrong>: <received> (hint: <what to do>)
 */
import { CODES, type ManifestError } from './errors.js';
import type { Finding, FindingCode } from './manifest/types.js';

const RECEIVED_MAX = 80;

/** Where the docs for a code live, relative to the repository root. */
export function docsAnchor(code: keyof typeof CODES): string {
  return `docs/codes.md#${CODES[code].anchor}`;
}

function truncate(value: string): string {
  return value.length > RECEIVED_MAX ? `${value.slice(0, RECEIVED_MAX - 1)}…` : value;
}

function location(file: string | undefined, line?: number, column?: number): string {
  if (file === undefined) return '';
  let out = file;
  if (line !== undefined) {
    out += `:${line}`;
    if (column !== undefined) out += `:${column}`;
  }
  return `${out}: `;
}

/** Message text for each finding code; `f.args` holds the details. */
const FINDING_MESSAGES: { [C in FindingCode]: (f: Finding) => { what: string; hint?: string } } = {
  STALE_ENTRY: (f) => ({
    what: `[${f.target}] ${f.args.entry} is no longer produced by the rules`,
    hint: 'run `manifest update`, or change [tool.manifest] if the file should still ship',
  }),
  MISSING_SOURCE: (f) => ({
    what: `[${f.target}] ${f.args.entry}: source ${f.args.src} does not exist`,
    hint: 'restore the file, or run `manifest update` to drop the entry',
  }),
  UNLISTED_FILE: (f) => ({
    what: `[${f.target}] the rules select ${f.args.entry}, which the manifest does not list`,
    hint: 'run `manifest update` to add it, or exclude it in [tool.manifest]',
  }),
  MANIFEST_NOT_CANONICAL: (f) => ({
    what: `the manifest is not in canonical form (${f.args.reason})`,
    hint: 'run `manifest update` to rewrite it',
  }),
  DIR_ENTRY_MISSING: (f) => ({
    what: `[${f.target}] directory ${f.path} holds listed files but has no dir: line`,
    hint: 'run `manifest update`',
  }),
  DIR_ENTRY_EXTRA: (f) => ({
    what: `[${f.target}] dir: ${f.path} holds no listed file`,
    hint: 'run `manifest update`',
  }),
  WHEEL_SOURCE_NOT_IN_SDIST: (f) => ({
    what: `[wheel] ${f.args.entry}: source ${f.args.src} is not shipped in [sdist], so the wheel cannot be built from the sdist`,
    hint: 'include the source in the sdist, or drop it from the wheel',
  }),
};

/** One line for a finding, without colour. */
export function describeFinding(finding: Finding): string {
  const { what, hint } = FINDING_MESSAGES[finding.code](finding);
  const level = finding.severity === 'error' ? 'error' : 'warning';
  return `${location(finding.file, finding.line)}${level}[${finding.code}] ${what}${hint ? ` (hint: ${hint})` : ''}`;
}

/**
 * One line for a user error, without colour.
 * @param file how to show the error's file (e.g. relative to the working directory)
 * @default file error.file
 */
export function describeError(error: ManifestError, file: string | undefined = error.file): string {
  const received = error.received !== undefined ? `: ${truncate(JSON.stringify(error.received))}` : '';
  const key = error.keyPath !== undefined ? ` [${error.keyPath}]` : '';
  const hint = error.hint !== undefined ? ` (hint: ${error.hint})` : '';
  return `${location(file, error.line, error.column)}error[${error.code}]${key} ${error.message}${received}${hint}`;
}
