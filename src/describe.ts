/**
 * All prose: turns a Finding or a ManifestError into one line of text.
 *
 * Owns: message wording. Tests assert codes and args; CLI transcripts pin this prose.
 * Must not: print or decide exit codes. Line format (familiar from Python linters):
 *   <file>:<line>:<col>: error[CODE] <what is wrong>: <received> (hint: <what to do>)
 */
import { CODES, type ManifestError } from './errors.js';
import type { Finding, FindingCode, FindingGroup } from './manifest/types.js';

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

/** The tree path of an archive finding's file: its entry's SRC, else the path itself. */
function srcOf(f: Finding): string {
  const entry = typeof f.args.entry === 'string' ? /^mod: (.*) -> /.exec(f.args.entry) : null;
  return entry?.[1] ?? f.path;
}

/**
 * The hint when the build ships less than the rules say: leaving the files out of the rules is the
 * fix that applies when the build is right, naming the key and a pattern; rebuilding when the
 * archive is old; the build's configuration otherwise.
 */
function shipsLess(f: Finding, pattern: string, them: 'it' | 'them'): string {
  return `the build ships less than the rules say: to follow the build, add ${pattern} to [tool.manifest.${f.target}] exclude (or narrow its include) and run \`manifest update\`; otherwise rebuild, or make the build ship ${them}`;
}

/**
 * The hint when the build ships more than the rules say: the backend's own setting that leaves
 * files out (`args.backendExclude`, when the backend is known), or listing them in the rules.
 */
function shipsMore(f: Finding, them: 'it' | 'them'): string {
  const setting =
    typeof f.args.backendExclude === 'string'
      ? f.args.backendExclude
      : "the backend's own exclude setting";
  return `the build ships more than the rules say: exclude ${them} from the build (${setting}), or, to follow the build, select ${them} in [tool.manifest.${f.target}] (generated if the build writes ${them}) and run \`manifest update\``;
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
    what: `[${f.target}] ${f.args.entry} is selected by the rules but not listed`,
    hint: 'run `manifest update` to add it, or exclude it in [tool.manifest]',
  }),
  MANIFEST_NOT_CANONICAL: (f) => ({
    what: `the manifest is not in canonical form (${f.args.reason})`,
    hint: 'run `manifest update` to rewrite it',
  }),
  MANIFEST_IGNORED: (f) => ({
    what: `git ignores the manifest ${f.args.manifest} (${f.args.source}:${f.args.line}: ${f.args.pattern}): \`git add -A\` skips it and a fresh clone has none`,
    hint: String(f.args.fix),
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
  GEN_SHADOWS_MOD: (f) => ({
    what: `[${f.target}] ${f.args.entry} is also matched by ${f.args.gen} (line ${f.args.genLine}): a file is either copied or generated, not both`,
    hint: `run \`manifest update\` (the build writes that file, so the ${f.args.kind ?? 'mod'}: line goes)`,
  }),
  ARCHIVE_MISSING_FILE: (f) => ({
    what: `[${f.target}] ${f.args.entry} is listed, but the archive has no ${f.path}`,
    hint: shipsLess(f, `"/${srcOf(f)}"`, 'it'),
  }),
  ARCHIVE_EXTRA_FILE: (f) => ({
    what: `[${f.target}] the archive holds ${f.path}, which the manifest does not list`,
    hint: shipsMore(f, 'it'),
  }),
  ARCHIVE_CONTENT_MISMATCH: (f) => ({
    what: `[${f.target}] ${f.path} differs from ${f.args.src} in the tree`,
    hint: 'rebuild the archive from the current tree; if the build rewrites this file on purpose, list it in `rewritten` in [tool.manifest]',
  }),
  ARCHIVE_PREDATES_MANIFEST: (f) => {
    const manifest =
      f.args.manifest === 'missing'
        ? ` and it has no ${f.args.manifestFile}`
        : f.args.manifest === 'older'
          ? ` and an older ${f.args.manifestFile}`
          : '';
    const what =
      f.args.reason === 'pyproject-added'
        ? `the manifest: it has no pyproject.toml (the project's now holds [tool.manifest])${manifest}`
        : f.args.reason === 'table-added'
          ? `the manifest: its pyproject.toml has no [tool.manifest] table${manifest}`
          : f.args.reason === 'table-changed'
            ? `the last change to [tool.manifest]: its pyproject.toml holds an older table${manifest}`
            : `the last change to ${f.args.manifestFile}: it holds an older copy`;
    return {
      what: `[${f.target}] the archive was built before ${what}`,
      hint: 'rebuild it (`python -m build`), then validate the new archive',
    };
  },
  SDIST_ROOT_INVALID: (f) => ({
    what: `the sdist must hold exactly one {name}-{version}/ directory: ${f.args.reason}`,
    hint: 'build the sdist with a PEP 517 backend; do not repack it by hand',
  }),
  SDIST_PKG_INFO_MISSING: (f) => ({
    what: `the sdist has no ${f.path}, which the source distribution format requires`,
  }),
  SDIST_PYPROJECT_MISSING: (f) => ({
    what: `the sdist has no ${f.path}, which the source distribution format requires`,
  }),
  WHEEL_DIST_INFO_INVALID: (f) => ({
    what: `the wheel's .dist-info directory is not valid: ${f.args.reason}`,
  }),
  WHEEL_DATA_SCHEME_INVALID: (f) => ({
    what: `${f.path}: ${f.args.reason}`,
    hint: 'use {name}-{version}.data/ with purelib, platlib, headers, scripts or data',
  }),
  // RECORD findings are located at a member (record.ts): RECORD itself for a faulty row, the
  // file for a file that disagrees with its row, so the prose does not name that member again.
  RECORD_MISSING: () => ({
    what: 'no such member: a wheel must list its files and their hashes in RECORD',
  }),
  RECORD_ROW_INVALID: (f) => ({
    what: `line ${f.args.recordLine}: ${f.args.reason}: ${f.args.row}`,
  }),
  RECORD_ROW_MISSING: () => ({ what: 'in the wheel, but not listed in RECORD' }),
  RECORD_ROW_EXTRA: (f) => ({
    what: `line ${f.args.recordLine} lists ${f.path}, which the wheel does not hold`,
  }),
  RECORD_DUPLICATE_ROW: (f) => ({
    what: `line ${f.args.recordLine} lists ${f.path} again (first on line ${f.args.firstLine})`,
  }),
  RECORD_HASH_MISMATCH: (f) => ({
    what: `RECORD line ${f.args.recordLine} says ${f.args.algorithm}=${f.args.recorded}, the file has ${f.args.algorithm}=${f.args.actual}`,
  }),
  RECORD_SIZE_MISMATCH: (f) => ({
    what: `RECORD line ${f.args.recordLine} says size ${f.args.recorded === '' ? '(empty)' : f.args.recorded}, the file has ${f.args.actual} bytes`,
  }),
  RECORD_WEAK_HASH: (f) => ({
    what:
      f.args.algorithm === ''
        ? `line ${f.args.recordLine} gives ${f.path} no hash`
        : `line ${f.args.recordLine} hashes ${f.path} with ${f.args.algorithm}, which is not sha256 or stronger`,
    hint: 'every file but RECORD needs a sha256, sha384 or sha512 hash',
  }),
  ARCHIVE_UNSAFE_PATH: (f) => ({
    what: `unsafe member name ${JSON.stringify(f.path)}: ${f.args.reason}`,
  }),
  ARCHIVE_UNSAFE_LINK: (f) => ({
    what: `${f.args.linkKind} ${f.path} points outside the archive: ${JSON.stringify(f.args.target)}${f.args.via !== undefined ? ` (followed through the symlink ${String(f.args.via)})` : ''}`,
  }),
  ARCHIVE_NAME_MISMATCH: (f) => ({
    what: `the member ${JSON.stringify(f.path)} is named ${JSON.stringify(f.args.other)} in its ${f.args.where}`,
    hint: 'unzip tools disagree on which name they use; rebuild the archive',
  }),
  ARCHIVE_KIND_MISMATCH: (f) => ({
    what: `the file name says ${f.args.nameKind === 'wheel' ? 'a wheel (.whl)' : 'an sdist (.tar.gz)'}, but the bytes are ${f.args.kind === 'wheel' ? 'a zip (a wheel)' : 'a gzip-compressed tar (an sdist)'}; read as what the bytes are`,
    hint: 'pip and PyPI go by the name and reject it; rename or rebuild the archive',
  }),
  ARCHIVE_DUPLICATE_MEMBER: (f) => ({ what: `the archive holds ${f.path} ${f.args.count} times` }),
  ARCHIVE_CASE_COLLISION: (f) => ({
    what: `${f.path} and ${f.args.other} differ only by case, and collide on case-insensitive file systems`,
  }),
  ARCHIVE_SIZE_SUSPICIOUS: (f) => ({ what: `${f.path}: ${f.args.reason}` }),
};

/** What is wrong and what to do, without location or code (e.g. for a CI annotation body). */
export function describeFindingMessage(finding: Finding): string {
  const { what, hint } = FINDING_MESSAGES[finding.code](finding);
  return `${what}${hint ? ` (hint: ${hint})` : ''}`;
}

/** One line for a finding, without colour. */
export function describeFinding(finding: Finding): string {
  const level = finding.severity === 'error' ? 'error' : 'warning';
  const where =
    finding.member !== undefined && finding.line === undefined
      ? `${finding.file}:${finding.member}: `
      : location(finding.file, finding.line);
  return `${where}${level}[${finding.code}] ${describeFindingMessage(finding)}`;
}

/** How many of a group's paths a line names before `and N more`. */
const GROUP_SAMPLE = 3;

/**
 * The line of a group, by code: the count and the directory in the finding's own words, and the hint
 * for all of them at once. Codes without an entry say `N findings under DIR`, then the first one.
 */
const GROUP_MESSAGES: Partial<
  Record<
    FindingCode,
    (g: FindingGroup, n: number, where: string) => { what: string; hint?: string }
  >
> = {
  ARCHIVE_MISSING_FILE: (g, n, where) => ({
    what: `[${g.target}] ${n} listed files under ${where} are not in the archive`,
    hint: shipsLess(
      g.findings[0]!,
      g.dir === '' ? `a pattern for each (e.g. "/${srcOf(g.findings[0]!)}")` : `"/${g.dir}/"`,
      'them',
    ),
  }),
  ARCHIVE_EXTRA_FILE: (g, n, where) => ({
    what: `[${g.target}] the archive holds ${n} files under ${where} that the manifest does not list`,
    hint: shipsMore(g.findings[0]!, 'them'),
  }),
  ARCHIVE_CONTENT_MISMATCH: (g, n, where) => ({
    what: `[${g.target}] ${n} files under ${where} differ from the tree`,
    hint: 'rebuild the archive from the current tree',
  }),
  UNLISTED_FILE: (g, n, where) => ({
    what: `[${g.target}] ${n} entries under ${where} are selected by the rules but not listed`,
    hint: 'run `manifest update` to add them, or exclude them in [tool.manifest]',
  }),
  STALE_ENTRY: (g, n, where) => ({
    what: `[${g.target}] ${n} entries under ${where} are no longer produced by the rules`,
    hint: 'run `manifest update`, or change [tool.manifest] if the files should still ship',
  }),
  MISSING_SOURCE: (g, n, where) => ({
    what: `[${g.target}] ${n} entries under ${where} name sources that do not exist`,
    hint: 'restore the files, or run `manifest update` to drop the entries',
  }),
  RECORD_ROW_MISSING: (_g, n, where) => ({
    what: `${n} files under ${where} are in the wheel, but not listed in RECORD`,
  }),
  RECORD_HASH_MISMATCH: (_g, n, where) => ({
    what: `${n} files under ${where} do not have the hashes RECORD gives them`,
  }),
};

/** What is wrong with a group of findings and what to do, without location or code. */
export function describeGroupMessage(group: FindingGroup): string {
  const n = group.findings.length;
  const where = group.dir === '' ? 'the top level' : `${group.dir}/`;
  const first = FINDING_MESSAGES[group.code](group.findings[0]!);
  const { what, hint } = GROUP_MESSAGES[group.code]?.(group, n, where) ?? {
    what: `${n} findings under ${where}; the first: ${first.what}`,
    hint: first.hint,
  };
  const paths = group.findings.slice(0, GROUP_SAMPLE).map((f) => f.path);
  const more = n > GROUP_SAMPLE ? `, and ${n - GROUP_SAMPLE} more` : '';
  // The span of lines, in one pass: a group can hold a million findings, more than a spread
  // into Math.min can pass as arguments (issue #12).
  let count = 0;
  let low = Infinity;
  let high = -Infinity;
  for (const f of group.findings) {
    const line =
      f.line !== undefined
        ? f.line
        : typeof f.args.entryLine === 'number'
          ? f.args.entryLine
          : undefined;
    if (line === undefined) continue;
    count++;
    low = Math.min(low, line);
    high = Math.max(high, line);
  }
  const span =
    count > 1
      ? ` (${group.findings[0]!.line !== undefined ? '' : 'manifest '}lines ${low}–${high})`
      : '';
  return `${what}${span}: ${paths.join(', ')}${more}${hint ? ` (hint: ${hint})` : ''}`;
}

/**
 * One line for a group of findings, without colour: located at the first finding's line, or, in
 * an archive, at the group's directory as stored (`dist/p-1.0.tar.gz:p-1.0/docs/`).
 */
export function describeGroup(group: FindingGroup): string {
  const first = group.findings[0]!;
  const level = group.severity === 'error' ? 'error' : 'warning';
  let where = location(group.file, first.line);
  if (first.member !== undefined && first.line === undefined) {
    const prefix = first.member.endsWith(first.path)
      ? first.member.slice(0, first.member.length - first.path.length)
      : '';
    where = `${group.file}:${prefix}${group.dir === '' ? '' : `${group.dir}/`}: `;
  }
  return `${where}${level}[${group.code}] ${describeGroupMessage(group)}`;
}

/**
 * One line for a user error, without colour.
 * @param file how to show the error's file (e.g. relative to the working directory)
 * @default file error.file
 */
export function describeError(error: ManifestError, file: string | undefined = error.file): string {
  const received =
    error.received !== undefined ? `: ${truncate(JSON.stringify(error.received))}` : '';
  const key = error.keyPath !== undefined ? ` [${error.keyPath}]` : '';
  const hint = error.hint !== undefined ? ` (hint: ${error.hint})` : '';
  return `${location(file, error.line, error.column)}error[${error.code}]${key} ${error.message}${received}${hint}`;
}
