/**
 * Manifest paths: validity (MANIFEST-FORMAT.md §5.1), when a path must be quoted (§5.2), the
 * canonical quoted form (§5.3) and reading a quoted path back.
 *
 * Owns: the character-level rules, shared by the parser and the formatter so they cannot drift.
 * Must not: throw. Problems are returned with the index of the offending UTF-16 unit, and the
 * parser turns them into ManifestErrors with a line and a column.
 */

/** A problem at `index` (a UTF-16 offset into the string examined). */
export interface PathProblem {
  index: number;
  /** What is wrong and what was expected, one clause, e.g. `empty segment ("a//b")`. */
  message: string;
}

/** Whitespace that may not start or end a bare path (MANIFEST-FORMAT.md §5.2 item 1). */
function isEdgeSpace(unit: number): boolean {
  return (
    (unit >= 0x09 && unit <= 0x0d) ||
    unit === 0x20 ||
    unit === 0x85 ||
    unit === 0xa0 ||
    unit === 0x1680 ||
    (unit >= 0x2000 && unit <= 0x200a) ||
    unit === 0x2028 ||
    unit === 0x2029 ||
    unit === 0x202f ||
    unit === 0x205f ||
    unit === 0x3000 ||
    unit === 0xfeff
  );
}

/** Characters that need quoting anywhere (§5.2 items 3 and 4). */
function isQuotedOnly(unit: number): boolean {
  return (
    unit <= 0x1f ||
    (unit >= 0x7f && unit <= 0x9f) ||
    unit === 0x2028 ||
    unit === 0x2029 ||
    unit === 0x22 || // "
    unit === 0x5c // \
  );
}

/**
 * The index of the first character that makes `path` need quoting (§5.2), or undefined when it
 * can be written bare.
 */
export function findQuotingReason(path: string): PathProblem | undefined {
  if (path.length === 0) return undefined;
  const n = path.length;
  if (isEdgeSpace(path.charCodeAt(0))) return { index: 0, message: 'leading whitespace' };
  for (let i = 0; i < n; i++) {
    const unit = path.charCodeAt(i);
    if (isQuotedOnly(unit)) {
      const what =
        unit === 0x22
          ? 'a double quote'
          : unit === 0x5c
            ? 'a backslash'
            : `control character U+${unit.toString(16).toUpperCase().padStart(4, '0')}`;
      return { index: i, message: what };
    }
    if (unit === 0x20 && path.startsWith(' -> ', i))
      return { index: i, message: 'the separator " -> "' };
    // A SRC ending in " ->", followed by the separator, would read as " -> -> ".
    if (unit === 0x20 && i === n - 3 && path.endsWith(' ->'))
      return { index: i, message: 'a trailing " ->" (with the separator after it, " -> ")' };
    if (isEdgeSpace(unit)) {
      let j = i;
      while (j < n && isEdgeSpace(path.charCodeAt(j))) j++;
      if (j === n) return { index: i, message: 'trailing whitespace' };
    }
  }
  return undefined;
}

/**
 * Every character that can make a path need quoting: edge whitespace, the characters quoted
 * anywhere, and the space of ` -> `. A path without any (nearly every path) is written bare, decided
 * by one native scan; only the others are looked at character by character.
 */
const MAY_NEED_QUOTING =
  /[\x00-\x20"\\\x7f-\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]/;

/**
 * False when `path` certainly needs no quoting, nor does any substring of it (it holds none of the
 * characters that quoting depends on); true when it may.
 */
export function mayNeedQuoting(path: string): boolean {
  return MAY_NEED_QUOTING.test(path);
}

/** True when `path` must be written as a JSON string (MANIFEST-FORMAT.md §5.2). */
export function needsQuoting(path: string): boolean {
  return MAY_NEED_QUOTING.test(path) && findQuotingReason(path) !== undefined;
}

/**
 * The path as written in a manifest: bare when possible, else exactly `JSON.stringify(path)`
 * (MANIFEST-FORMAT.md §5.3).
 * @example quotePath('a/b.py') // 'a/b.py'
 * @example quotePath('a\tb') // '"a\\tb"'
 */
export function quotePath(path: string): string {
  return needsQuoting(path) ? JSON.stringify(path) : path;
}

const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

/**
 * The first reason `path` is not a valid manifest path (MANIFEST-FORMAT.md §5.1), or undefined.
 * @example findPathProblem('a//b') // { index: 2, message: 'empty segment …' }
 */
export function findPathProblem(path: string): PathProblem | undefined {
  if (path.length === 0)
    return { index: 0, message: 'empty path (expected a relative path such as "pkg/a.py")' };
  if (path.startsWith('/'))
    return { index: 0, message: 'absolute path (expected a relative path, no leading "/")' };
  if (path.endsWith('/'))
    return {
      index: path.length - 1,
      message: 'trailing "/" (expected a file or directory path without one)',
    };
  const nul = path.indexOf('\0');
  if (nul !== -1) return { index: nul, message: 'NUL character in path' };
  let start = 0;
  for (const segment of path.split('/')) {
    if (segment === '') return { index: start, message: 'empty segment (expected no "//")' };
    if (segment === '.' || segment === '..') {
      return {
        index: start,
        message: `"${segment}" segment (expected a normalized path without "." or "..")`,
      };
    }
    start += segment.length + 1;
  }
  const lone = LONE_SURROGATE.exec(path);
  if (lone !== null)
    return { index: lone.index, message: 'lone surrogate (a path must be valid Unicode)' };
  return undefined;
}

/** A quoted path read from a line. */
export interface QuotedPath {
  value: string;
  /** Index just past the closing quote. */
  end: number;
  /** For each UTF-16 unit of `value`, the index in the line of the text that produced it. */
  offsets: number[];
}

const SIMPLE_ESCAPES: Record<string, string> = {
  '"': '"',
  '\\': '\\',
  '/': '/',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
};

/**
 * Read a JSON string literal (RFC 8259 §7) starting at `line[start] === '"'`.
 * Lone surrogates are decoded as such; `findPathProblem` rejects them.
 */
export function readQuotedPath(line: string, start: number): QuotedPath | PathProblem {
  let value = '';
  const offsets: number[] = [];
  let i = start + 1;
  while (i < line.length) {
    const unit = line.charCodeAt(i);
    if (unit === 0x22) return { value, end: i + 1, offsets };
    if (unit <= 0x1f) {
      return {
        index: i,
        message: 'raw control character inside a quoted path (expected a JSON escape such as \\t)',
      };
    }
    if (unit !== 0x5c) {
      value += line[i];
      offsets.push(i);
      i++;
      continue;
    }
    const next = line[i + 1];
    if (next === undefined) break;
    const simple = SIMPLE_ESCAPES[next];
    if (simple !== undefined) {
      value += simple;
      offsets.push(i);
      i += 2;
      continue;
    }
    if (next === 'u') {
      const hex = line.slice(i + 2, i + 6);
      if (!/^[0-9A-Fa-f]{4}$/.test(hex)) {
        return { index: i, message: 'invalid \\u escape (expected four hex digits)' };
      }
      value += String.fromCharCode(Number.parseInt(hex, 16));
      offsets.push(i);
      i += 6;
      continue;
    }
    return {
      index: i,
      message: `invalid escape "\\${next}" (expected one of \\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)`,
    };
  }
  return { index: start, message: 'unterminated quoted path (expected a closing ")' };
}
