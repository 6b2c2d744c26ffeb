/**
 * Manifest text → Manifest (MANIFEST-FORMAT.md §1–§5, §8), or every error in the file (up to 50),
 * each with the file, the 1-based line and the column of the offending character.
 *
 * Owns: everything a consumer must reject line by line. The whole-manifest rules (§4.5 dir lines,
 * §4.7 gen vs mod, §4.8 wheel sources) live in check.ts, because they are findings, not syntax.
 * Must not: sort, normalize or repair. Entries come back in file order with their `line`, so
 * messages can point at them. Never returns a partial manifest: any error throws.
 */
import { ManifestError, throwCollected, type ErrorCode } from '../errors.js';
import { findGlobProblem, isGlob } from './glob.js';
import { findPathProblem, findQuotingReason, readQuotedPath, type PathProblem } from './path.js';
import type { Manifest, ManifestEntry, Target } from './types.js';

/** At most this many errors are collected before parsing stops. */
export const MAX_ERRORS = 50;

/** The format versions this parser reads (MANIFEST-FORMAT.md §2). */
export const SUPPORTED_VERSIONS: readonly number[] = [1];

const FORMAT_PREFIX = '# pyproject-manifest v';
/**
 * Each kind's name, to which an entry's `kind` is set: the constant, not a slice of its line (one
 * string per entry of a million-line manifest otherwise; issue #12).
 */
const KINDS = new Map<string, ManifestEntry['kind']>([
  ['mod', 'mod'],
  ['alt', 'alt'],
  ['dir', 'dir'],
  ['gen', 'gen'],
]);
/** Kinds written `KIND: SRC -> DEST` (MANIFEST-FORMAT.md §4). */
const SOURCED_KINDS = new Set(['mod', 'alt']);
/** MANIFEST-FORMAT.md §4.4. */
const DATA_SCHEMES = new Set(['purelib', 'platlib', 'headers', 'scripts', 'data']);

const HINTS: Partial<Record<ErrorCode, string>> = {
  MANIFEST_SYNTAX:
    'fix the line by hand, or run `manifest update` to rewrite the file (MANIFEST-FORMAT.md §3–§5)',
  MANIFEST_INVALID_PATH:
    'paths are relative, "/"-separated, without empty, "." or ".." segments (MANIFEST-FORMAT.md §5.1)',
  MANIFEST_DUPLICATE: 'list each DEST once per section; run `manifest update` to rewrite the file',
};

/** 1-based column (in characters) of UTF-16 offset `index` in `line`. */
function columnOf(line: string, index: number): number {
  let column = 1;
  for (let i = 0; i < index && i < line.length; i++) {
    const unit = line.charCodeAt(i);
    // The low half of a surrogate pair is not a new character.
    if (unit >= 0xdc00 && unit <= 0xdfff && i > 0) {
      const prev = line.charCodeAt(i - 1);
      if (prev >= 0xd800 && prev <= 0xdbff) continue;
    }
    column++;
  }
  return column;
}

class Collector {
  readonly errors: ManifestError[] = [];
  constructor(private readonly file: string) {}

  get full(): boolean {
    return this.errors.length >= MAX_ERRORS;
  }

  add(
    code: ErrorCode,
    message: string,
    lineNo: number,
    line: string,
    index: number,
    hint?: string,
  ): void {
    if (this.full) return;
    this.errors.push(
      new ManifestError(code, message, {
        file: this.file,
        line: lineNo,
        column: columnOf(line, index),
        received: line,
        hint: hint ?? HINTS[code] ?? '',
      }),
    );
  }
}

interface ReadPath {
  value: string;
  /** Index in the line just past the path. */
  end: number;
  /** Quoted paths only: the line index of each UTF-16 unit of `value` (a bare path maps 1:1). */
  offsets?: number[];
  start: number;
}

/** Where in the line a problem at `index` of the decoded path is. */
function lineIndex(path: ReadPath, index: number): number {
  if (path.offsets === undefined)
    return index < path.value.length ? path.start + index : path.start;
  return path.offsets[index] ?? path.start;
}

/**
 * Read a bare or quoted path at `start`. A bare SRC (`untilArrow`: the entry's kind, for messages)
 * ends at the first ` -> `; any other bare path runs to the end of the line.
 */
function readPath(
  line: string,
  start: number,
  untilArrow: string | undefined,
): ReadPath | PathProblem {
  if (line[start] === '"') {
    const quoted = readQuotedPath(line, start);
    if ('message' in quoted) return quoted;
    return { ...quoted, start };
  }
  let end = line.length;
  if (untilArrow !== undefined) {
    end = line.indexOf(' -> ', start);
    if (end === -1)
      return {
        index: line.length,
        message: `missing " -> " between SRC and DEST (expected "${untilArrow}: SRC -> DEST")`,
      };
  }
  const raw = line.slice(start, end);
  const reason = findQuotingReason(raw);
  if (reason !== undefined) {
    return {
      index: start + reason.index,
      message: `${reason.message} in a bare path (expected such a path written as a JSON string, e.g. ${JSON.stringify(raw)})`,
    };
  }
  return { value: raw, end, start };
}

/**
 * Parse a manifest.
 * @param file the manifest's project-relative path, for error locations
 * @throws ManifestError or ManifestErrors (MANIFEST_SYNTAX, MANIFEST_VERSION, MANIFEST_INVALID_PATH,
 *   MANIFEST_DUPLICATE), never a partial result
 * @example const manifest = parseManifest(readFileSync('pyproject-manifest.txt', 'utf8'), 'pyproject-manifest.txt');
 */
export function parseManifest(text: string, file: string): Manifest {
  const out = new Collector(file);
  const sawBom = text.charCodeAt(0) === 0xfeff;
  const body = sawBom ? text.slice(1) : text;
  const lines = body.split('\n');
  const endsWithLf = body.endsWith('\n');
  if (endsWithLf) lines.pop();

  // §2: the format line decides whether anything else can be read.
  const first = (lines[0] ?? '').replace(/\r$/, '');
  checkFormatLine(first, file);

  // §1: encoding, line endings, end of file.
  if (sawBom) {
    out.add(
      'MANIFEST_SYNTAX',
      'byte order mark at the start of the file (expected UTF-8 without a BOM)',
      1,
      text.split('\n')[0] ?? '',
      0,
      'save the file as UTF-8 without a BOM',
    );
  }
  const crLines = lines.map((line, i) => (line.includes('\r') ? i : -1)).filter((i) => i !== -1);
  const firstCr = crLines[0];
  if (firstCr !== undefined) {
    const line = lines[firstCr] ?? '';
    out.add(
      'MANIFEST_SYNTAX',
      `carriage return (CR) in the file${crLines.length > 1 ? ` (on ${crLines.length} lines)` : ''} (expected LF line endings only)`,
      firstCr + 1,
      line,
      line.indexOf('\r'),
      'save the file with LF line endings; with git, add `pyproject-manifest.txt text eol=lf` to .gitattributes',
    );
  }
  const clean = lines.map((line) => line.replaceAll('\r', ''));
  const last = clean.length - 1;
  if (!endsWithLf) {
    const line = clean[last] ?? '';
    out.add(
      'MANIFEST_SYNTAX',
      'missing newline at the end of the file (expected the last line to end with LF)',
      last + 1,
      line,
      line.length,
      'add a newline at the end of the file',
    );
  } else if (last > 0 && clean[last] === '') {
    out.add(
      'MANIFEST_SYNTAX',
      'blank line at the end of the file (expected it to end with exactly one LF)',
      last + 1,
      '',
      0,
      'remove the blank lines at the end of the file',
    );
  }

  const manifest: Manifest = { version: 1, sdist: [], wheel: [] };
  const seen: Record<Target, number | undefined> = { sdist: undefined, wheel: undefined };
  const dests: Record<Target, Map<string, number>> = { sdist: new Map(), wheel: new Map() };
  let section: Target | undefined;

  for (let i = 1; i < clean.length && !out.full; i++) {
    const line = clean[i] as string;
    const lineNo = i + 1;
    if (line === '' || line.startsWith('#')) continue;
    if (line.startsWith('[')) {
      const name = line === '[sdist]' ? 'sdist' : line === '[wheel]' ? 'wheel' : undefined;
      if (name === undefined) {
        out.add(
          'MANIFEST_SYNTAX',
          'unknown section header (expected exactly "[sdist]" or "[wheel]")',
          lineNo,
          line,
          0,
        );
        continue;
      }
      const before = seen[name];
      if (before !== undefined) {
        out.add(
          'MANIFEST_SYNTAX',
          `section [${name}] appears twice, first at line ${before} (expected each section once)`,
          lineNo,
          line,
          0,
        );
      } else if (name === 'sdist' && seen.wheel !== undefined) {
        out.add(
          'MANIFEST_SYNTAX',
          `section [sdist] after [wheel] at line ${seen.wheel} (expected [sdist] first)`,
          lineNo,
          line,
          0,
        );
      }
      seen[name] ??= lineNo;
      section = name;
      continue;
    }
    if (/^[ \t]/.test(line)) {
      const what = line.trim() === '' ? 'whitespace-only line' : 'leading whitespace';
      out.add(
        'MANIFEST_SYNTAX',
        `${what} (expected an entry, a comment, a section header or an empty line)`,
        lineNo,
        line,
        0,
      );
      continue;
    }
    const parsed = parseEntry(line, lineNo, section, out);
    if (parsed === undefined) continue;
    const { entry, destIndex } = parsed;
    if (section === undefined) {
      out.add(
        'MANIFEST_SYNTAX',
        'entry before the first section header (expected "[sdist]" or "[wheel]" first)',
        lineNo,
        line,
        0,
      );
      continue;
    }
    const firstLine = dests[section].get(entry.dest);
    if (firstLine !== undefined) {
      out.add(
        'MANIFEST_DUPLICATE',
        `[${section}] DEST ${JSON.stringify(entry.dest)} is already listed at line ${firstLine} (expected each DEST once per section)`,
        lineNo,
        line,
        destIndex,
        `remove line ${lineNo} or line ${firstLine}, or run \`manifest update\``,
      );
      continue;
    }
    dests[section].set(entry.dest, lineNo);
    manifest[section].push(entry);
  }

  const lastLineNo = Math.max(clean.length, 1);
  for (const name of ['sdist', 'wheel'] as const) {
    if (seen[name] === undefined) {
      out.add(
        'MANIFEST_SYNTAX',
        `missing section [${name}] (expected both [sdist] and [wheel], in that order)`,
        lastLineNo,
        clean[lastLineNo - 1] ?? '',
        0,
        `add a "[${name}]" line, or run \`manifest update\``,
      );
    }
  }
  throwCollected(out.errors);
  return manifest;
}

/**
 * Whether `text` starts with a format line's prefix (`# pyproject-manifest v`, after an optional
 * BOM): the mark of a manifest, of any version, valid or not. A writer replaces only such a file
 * (or an empty one); a file without it is someone else's (MANIFEST-FORMAT.md §12).
 */
export function hasFormatLine(text: string): boolean {
  return text.startsWith(FORMAT_PREFIX, text.charCodeAt(0) === 0xfeff ? 1 : 0);
}

/** Throws MANIFEST_VERSION unless `line` is a supported format line (MANIFEST-FORMAT.md §2). */
function checkFormatLine(line: string, file: string): void {
  const fail = (message: string, column: number, hint: string, echo = true): never => {
    throw new ManifestError('MANIFEST_VERSION', message, {
      file,
      line: 1,
      column,
      ...(echo ? { received: line } : {}),
      hint,
    });
  };
  if (!line.startsWith(FORMAT_PREFIX)) {
    // Not a manifest at all (perhaps --manifest names another file, or a symlink to one): its
    // content is not ours to show.
    fail(
      'missing format line (expected "# pyproject-manifest v1" on line 1)',
      1,
      'is this a pyproject-manifest file? Run `manifest update` to create one (MANIFEST-FORMAT.md §2)',
      false,
    );
  }
  const version = line.slice(FORMAT_PREFIX.length);
  if (!/^(0|[1-9][0-9]*)$/.test(version)) {
    fail(
      'malformed format line (expected "# pyproject-manifest v<integer>", e.g. "# pyproject-manifest v1")',
      FORMAT_PREFIX.length + 1,
      'line 1 must be exactly "# pyproject-manifest v1" (MANIFEST-FORMAT.md §2)',
    );
  }
  if (!SUPPORTED_VERSIONS.includes(Number(version))) {
    fail(
      `manifest format version ${version} is not supported (this tool reads version ${SUPPORTED_VERSIONS.join(', ')})`,
      FORMAT_PREFIX.length + 1,
      `upgrade pyproject-manifest to a release that reads format v${version}`,
    );
  }
}

/**
 * Why a `[wheel]` DEST breaks MANIFEST-FORMAT.md §4.4 (`{data}`), or undefined: after `{data}`
 * comes one of the five schemes, and a file needs a path below the scheme. `scheme` says the
 * problem is the second segment. Shared with the configuration, whose `map` and `generated`
 * DESTs become such entries.
 * @example findDataDestProblem('{data}/bin/run', false)?.message // 'unknown {data} scheme "bin" (…)'
 */
export function findDataDestProblem(
  dest: string,
  isDir: boolean,
): { message: string; scheme: boolean } | undefined {
  const segments = dest.split('/');
  if (segments[0] !== '{data}') return undefined;
  const scheme = segments[1];
  if (scheme !== undefined && !DATA_SCHEMES.has(scheme)) {
    return {
      message: `unknown {data} scheme "${scheme}" (expected purelib, platlib, headers, scripts or data)`,
      scheme: true,
    };
  }
  if (!isDir && segments.length < 3) {
    return {
      message: 'a file directly in {data} or {data}/<scheme> (expected {data}/<scheme>/<path>)',
      scheme: false,
    };
  }
  return undefined;
}

/** One entry line (MANIFEST-FORMAT.md §4), or undefined after recording its first error. */
function parseEntry(
  line: string,
  lineNo: number,
  section: Target | undefined,
  out: Collector,
): { entry: ManifestEntry; destIndex: number } | undefined {
  const colon = line.indexOf(':');
  const written = colon === -1 ? '' : line.slice(0, colon);
  const kind = KINDS.get(written);
  if (kind === undefined) {
    const message =
      colon !== -1 && /^[A-Za-z]+$/.test(written)
        ? `unknown entry kind "${written}:" (expected "mod:", "alt:", "dir:" or "gen:")`
        : 'not an entry, comment, section header or empty line (expected e.g. "mod: SRC -> DEST")';
    out.add('MANIFEST_SYNTAX', message, lineNo, line, 0);
    return undefined;
  }
  const start = colon + 2;
  if (
    line[colon + 1] !== ' ' ||
    line.length <= start ||
    line[start] === ' ' ||
    line[start] === '\t'
  ) {
    const index = line[colon + 1] !== ' ' ? colon + 1 : start;
    const message =
      line.length <= start
        ? `missing path after "${kind}:" (expected "${SOURCED_KINDS.has(kind) ? `${kind}: SRC -> DEST` : `${kind}: DEST`}")`
        : `expected exactly one space after "${kind}:"`;
    out.add('MANIFEST_SYNTAX', message, lineNo, line, index);
    return undefined;
  }
  const syntax = (problem: PathProblem): undefined => {
    out.add('MANIFEST_SYNTAX', problem.message, lineNo, line, problem.index);
    return undefined;
  };
  const invalid = (message: string, index: number, hint?: string): undefined => {
    out.add('MANIFEST_INVALID_PATH', message, lineNo, line, index, hint);
    return undefined;
  };

  let src: ReadPath | undefined;
  let destStart = start;
  if (SOURCED_KINDS.has(kind)) {
    const read = readPath(line, start, kind);
    if ('message' in read) return syntax(read);
    if (!line.startsWith(' -> ', read.end)) {
      return syntax({
        index: read.end,
        message: `expected " -> " after the quoted SRC (expected "${kind}: SRC -> DEST")`,
      });
    }
    src = read;
    destStart = read.end + 4;
    if (destStart === line.length)
      return invalid(`empty DEST (expected "${kind}: SRC -> DEST")`, destStart);
  }
  const dest = readPath(line, destStart, undefined);
  if ('message' in dest) return syntax(dest);
  if (dest.end !== line.length) {
    return syntax({
      index: dest.end,
      message: 'unexpected text after the closing quote (expected the end of the line)',
    });
  }

  // §5.1 for each path, then §8, §4.3 and §4.4.
  for (const path of src ? [src, dest] : [dest]) {
    const problem = findPathProblem(path.value);
    if (problem !== undefined)
      return invalid(`invalid path: ${problem.message}`, lineIndex(path, problem.index));
  }
  if (kind === 'gen' && isGlob(dest.value)) {
    const problem = findGlobProblem(dest.value);
    if (problem !== undefined) {
      return invalid(
        `invalid gen glob: ${problem.message}`,
        lineIndex(dest, problem.index),
        'see MANIFEST-FORMAT.md §8 for the glob syntax',
      );
    }
  }
  if (section === 'sdist' && src !== undefined && src.value !== dest.value) {
    return invalid(
      `in [sdist], DEST must equal SRC (expected "${kind}: ${line.slice(start, src.end)} -> ${line.slice(start, src.end)}")`,
      dest.start,
      'an sdist copies files to the same path (MANIFEST-FORMAT.md §4.3); run `manifest update`',
    );
  }
  if (section === 'wheel') {
    const problem = findDataDestProblem(dest.value, kind === 'dir');
    if (problem !== undefined) {
      return invalid(
        problem.message,
        problem.scheme ? lineIndex(dest, 7) : dest.start,
        'write {data}/<scheme>/<path> (MANIFEST-FORMAT.md §4.4)',
      );
    }
  }
  // An sdist entry's DEST is its SRC (§4.3): one string for both, not two slices of the line (a
  // manifest of a million entries keeps a million; issue #12).
  const entry: ManifestEntry =
    src !== undefined
      ? {
          kind: kind as 'mod' | 'alt',
          src: src.value,
          dest: src.value === dest.value ? src.value : dest.value,
          line: lineNo,
        }
      : { kind: kind as 'dir' | 'gen', dest: dest.value, line: lineNo };
  return { entry, destIndex: dest.start };
}
