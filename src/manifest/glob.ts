/**
 * Gen globs (MANIFEST-FORMAT.md §8): `**` as a whole segment, `*`, `?`, `[...]` with `!` and
 * ranges, and `\` escapes, matched segment by segment over code points.
 *
 * This is a small exact matcher, not picomatch. With `{ dot, nobrace, noextglob, posix }`,
 * picomatch still reads `(a|b)` as a group, a leading `!` as negation, `[^a]` as negation,
 * `[[:alpha:]]` as a POSIX class and `./a` as `a`, matches a lone `[` as `[`, and its `?` matches
 * one UTF-16 unit rather than one character (all measured; see the §8 table test). Each of those
 * would make the spec and the code disagree.
 *
 * Matching takes time proportional to the pattern's length × the path's length, whatever the
 * input: within a segment, a star is matched greedily and only the last star is ever retried (a
 * regular expression of `[^]*a[^]*a…` backtracked exponentially: `*a*a*a*a*a*a*a*a*c` against 60
 * characters ran for minutes, issue #12); across segments, `**` is decided by a table over (pattern
 * segment, path segment), filled iteratively (no recursion whose depth the path controls).
 *
 * Must not: touch the file system, or accept a pattern that §8 calls invalid.
 */
import { ManifestError } from '../errors.js';
import type { PathProblem } from './path.js';

/** True when a gen DEST (or one segment of it) is a glob: it contains `*`, `?`, `[` or `\` (§8). */
export function isGlob(dest: string): boolean {
  return /[*?[\\]/.test(dest);
}

/** One token of a segment: every token but `*` matches exactly one code point. */
type Token =
  | { t: 'star' }
  | { t: 'any' }
  | { t: 'char'; cp: number }
  | { t: 'class'; negate: boolean; ranges: [number, number][] };

type SegmentMatcher =
  { kind: 'globstar' } | { kind: 'literal'; text: string } | { kind: 'tokens'; tokens: Token[] };

/** Compile one segment (no `/`), or return the problem with its index inside the segment. */
function compileSegment(segment: string): SegmentMatcher | PathProblem {
  if (segment === '**') return { kind: 'globstar' };
  if (!isGlob(segment)) return { kind: 'literal', text: segment };
  const chars = Array.from(segment);
  // Index of each code point in UTF-16 units, for error positions.
  const unitIndex: number[] = [];
  let at = 0;
  for (const c of chars) {
    unitIndex.push(at);
    at += c.length;
  }
  const tokens: Token[] = [];
  let i = 0;
  while (i < chars.length) {
    const c = chars[i] as string;
    if (c === '\\') {
      const next = chars[i + 1];
      if (next === undefined)
        return {
          index: unitIndex[i] ?? 0,
          message: 'glob ends with "\\" (expected a character to escape)',
        };
      tokens.push({ t: 'char', cp: next.codePointAt(0) ?? 0 });
      i += 2;
    } else if (c === '*') {
      while (chars[i + 1] === '*') i++;
      tokens.push({ t: 'star' });
      i++;
    } else if (c === '?') {
      tokens.push({ t: 'any' });
      i++;
    } else if (c === '[') {
      const open = i;
      i++;
      let negate = false;
      if (chars[i] === '!') {
        negate = true;
        i++;
      } else if (chars[i] === '^') {
        return {
          index: unitIndex[i] ?? 0,
          message: 'reserved "[^" in glob (expected "[!...]" to negate, or "[\\^...]")',
        };
      }
      const ranges: [number, number][] = [];
      let first = true;
      let closed = false;
      while (i < chars.length) {
        let m = chars[i] as string;
        if (m === ']' && !first) {
          closed = true;
          i++;
          break;
        }
        first = false;
        if (m === '[' && chars[i + 1] === ':') {
          return {
            index: unitIndex[i] ?? 0,
            message:
              'reserved "[:" in a glob class (POSIX classes are not supported; write "\\[" for a literal "[")',
          };
        }
        const memberAt = i;
        if (m === '\\') {
          const next = chars[i + 1];
          if (next === undefined)
            return {
              index: unitIndex[i] ?? 0,
              message: 'glob ends with "\\" (expected a character to escape)',
            };
          m = next;
          i++;
        }
        i++;
        // A range: `x-y`, where the `-` is not the last member.
        if (chars[i] === '-' && chars[i + 1] !== undefined && chars[i + 1] !== ']') {
          let end = chars[i + 1] as string;
          let endAt = i + 1;
          if (end === '\\') {
            const next = chars[i + 2];
            if (next === undefined)
              return {
                index: unitIndex[i + 1] ?? 0,
                message: 'glob ends with "\\" (expected a character to escape)',
              };
            end = next;
            endAt = i + 2;
          }
          if ((end.codePointAt(0) ?? 0) < (m.codePointAt(0) ?? 0)) {
            return {
              index: unitIndex[memberAt] ?? 0,
              message: `reversed range "${m}-${end}" in glob class (expected start <= end)`,
            };
          }
          ranges.push([m.codePointAt(0) ?? 0, end.codePointAt(0) ?? 0]);
          i = endAt + 1;
        } else {
          const cp = m.codePointAt(0) ?? 0;
          ranges.push([cp, cp]);
        }
      }
      if (!closed)
        return {
          index: unitIndex[open] ?? 0,
          message: 'unterminated "[" in glob (expected a closing "]", or "\\[" for a literal "[")',
        };
      tokens.push({ t: 'class', negate, ranges });
    } else {
      tokens.push({ t: 'char', cp: c.codePointAt(0) ?? 0 });
      i++;
    }
  }
  return { kind: 'tokens', tokens };
}

function matchesOne(token: Token, cp: number): boolean {
  if (token.t === 'char') return token.cp === cp;
  if (token.t === 'any') return true;
  if (token.t === 'star') return false;
  const inside = token.ranges.some(([lo, hi]) => lo <= cp && cp <= hi);
  return inside !== token.negate;
}

/**
 * Match one segment's tokens against a path segment in O(tokens × code points): the two-pointer
 * scan that remembers only the last `*`. Every other token matches exactly one code point, so
 * retrying an earlier `*` can never succeed where the last one failed. (The regular expression
 * this replaces backtracked: `*a*a*a*a*a*a*a*a*c` against 35 characters took ~0.5 s, growing
 * like n^8; the differential test against the Python reader found it.)
 */
function matchTokens(tokens: readonly Token[], text: string): boolean {
  const cps = Array.from(text, (c) => c.codePointAt(0) ?? 0);
  let t = 0;
  let s = 0;
  let star = -1;
  let starS = 0;
  while (s < cps.length) {
    const token = tokens[t];
    if (token?.t === 'star') {
      star = t++;
      starS = s;
    } else if (token !== undefined && matchesOne(token, cps[s]!)) {
      t++;
      s++;
    } else if (star !== -1) {
      s = ++starS;
      t = star + 1;
    } else return false;
  }
  while (tokens[t]?.t === 'star') t++;
  return t === tokens.length;
}

function isProblem(value: SegmentMatcher | PathProblem): value is PathProblem {
  return 'message' in value;
}

function compileSegments(pattern: string): SegmentMatcher[] | PathProblem {
  const out: SegmentMatcher[] = [];
  let offset = 0;
  for (const segment of pattern.split('/')) {
    const compiled = compileSegment(segment);
    if (isProblem(compiled)) return { index: offset + compiled.index, message: compiled.message };
    out.push(compiled);
    offset += segment.length + 1;
  }
  return out;
}

/**
 * Why `pattern` is not a valid gen glob (MANIFEST-FORMAT.md §8), or undefined. Does not check the
 * path rules of §5.1; the parser does that first.
 */
export function findGlobProblem(pattern: string): PathProblem | undefined {
  const compiled = compileSegments(pattern);
  return Array.isArray(compiled) ? undefined : compiled;
}

/**
 * Compile a gen DEST into a matcher over valid manifest paths (MANIFEST-FORMAT.md §8). A DEST
 * without glob characters matches only itself.
 * @throws ManifestError (MANIFEST_INVALID_PATH) for an invalid glob
 * @example compileGenGlob('proj/_speedups.*.so')('proj/_speedups.cpython-312.so') // true
 */
export function compileGenGlob(pattern: string): (path: string) => boolean {
  if (!isGlob(pattern)) return (path) => path === pattern;
  const compiled = compileSegments(pattern);
  if (!Array.isArray(compiled)) {
    throw new ManifestError('MANIFEST_INVALID_PATH', `invalid gen glob: ${compiled.message}`, {
      received: pattern,
      hint: 'see MANIFEST-FORMAT.md §8 for the glob syntax',
    });
  }
  const segments = compiled;
  const matchSegment = (m: SegmentMatcher, text: string): boolean =>
    m.kind === 'literal'
      ? m.text === text
      : m.kind === 'tokens'
        ? matchTokens(m.tokens, text)
        : true;
  if (!segments.some((m) => m.kind === 'globstar')) {
    // Segment for segment.
    return (path) => {
      const parts = path.split('/');
      if (parts.length !== segments.length) return false;
      for (let i = 0; i < parts.length; i++)
        if (!matchSegment(segments[i]!, parts[i]!)) return false;
      return true;
    };
  }
  return (path) => {
    const parts = path.split('/');
    const count = parts.length;
    // next[s]: pattern segments p+1… match path segments s…; filled from the last pattern segment
    // back to the first, so that no call nests (a path may have thousands of segments).
    let next = new Uint8Array(count + 1);
    next[count] = 1;
    let current = new Uint8Array(count + 1);
    for (let p = segments.length - 1; p >= 0; p--) {
      const m = segments[p]!;
      current.fill(0);
      if (m.kind === 'globstar') {
        // `**` matches zero or more whole segments.
        current[count] = next[count]!;
        for (let s = count - 1; s >= 0; s--) current[s] = next[s]! | current[s + 1]!;
      } else {
        for (let s = count - 1; s >= 0; s--)
          if (next[s + 1] && matchSegment(m, parts[s]!)) current[s] = 1;
      }
      [next, current] = [current, next];
    }
    return next[0] === 1;
  };
}
