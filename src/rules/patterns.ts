/**
 * Pattern syntax of `[tool.manifest]`: checking a pattern when the config is read, and compiled
 * matchers that remember which pattern decided.
 *
 * Owns: two syntaxes and their validators.
 * - gitignore-style lists (`include`, `exclude`, `artifacts`), matched with `ignore`, with git's
 *   semantics for ONE .gitignore at the project root (gitignore(5)):
 *     - "If there is a separator at the beginning or middle (or both) of the pattern, then the
 *       pattern is relative to the directory level of the particular .gitignore file itself.
 *       Otherwise the pattern may also match at any level": `/docs` and `docs/api` are anchored,
 *       `docs` and `*.schema.json` match at any depth.
 *     - "If there is a separator at the end of the pattern then the pattern will only match
 *       directories": `docs/` matches the directory, and so everything below it.
 *     - "An optional prefix `!` which negates the pattern"; the last matching pattern decides.
 *     - "It is not possible to re-include a file if a parent directory of that file is excluded":
 *       with `["docs/", "!docs/keep.md"]` the file stays matched, exactly as git would leave it
 *       ignored. Write `["docs/**", "!docs/keep.md"]` to carve a file out of a directory.
 * - globs (`generated` DESTs, `ignore-file`, PEP 639 `license-files`), in picomatch's syntax
 *   (`dot`, `nobrace`, `noextglob`, `posix`): `*` and `?` stay within a segment, `**` spans
 *   segments, `[…]` is a class. No negation; the last matching glob is reported. Matched by the
 *   §8 matcher where the syntax is shared (compileLinearGlob: linear time), by picomatch otherwise.
 * Must not: touch the file system (rules/ is pure), or accept a pattern git would silently treat
 * differently from how it reads (a comment, trailing spaces, an unclosed class): those are
 * rejected at config time with the reason.
 */
import ignore, { type Ignore } from 'ignore';
import picomatch from 'picomatch';
import { ManifestError } from '../errors.js';
import { compileGenGlob } from '../manifest/glob.js';
import { pinGlobstars } from './pin-globstars.js';

/** A pattern as written in pyproject.toml, with where it was written. */
export interface PatternSource {
  /** The pattern or value as written. */
  pattern: string;
  /** Its key path, e.g. `tool.manifest.wheel.exclude[0]`. */
  key: string;
  /** 1-based line in pyproject.toml, when the locator found it. */
  line?: number;
}

/** The outcome of testing one path against a list. */
export interface PatternMatch {
  matched: boolean;
  /**
   * The pattern that decided: the last matching one, or the pattern matching the nearest
   * excluded ancestor directory. A negated pattern that decides gives `matched: false` with its
   * source. Undefined when no pattern applies.
   */
  source?: PatternSource;
}

/** A compiled gitignore-style list. */
export interface PatternList {
  /**
   * Test a project-relative, `/`-separated path (no leading `/` or `./`).
   * @param isDir the path is a directory (dir-only patterns such as `docs/` then apply to it)
   * @default isDir false
   */
  test(path: string, isDir?: boolean): PatternMatch;
  /** True when the list has no pattern (an empty `include` means "no include filter"). */
  empty: boolean;
}

/** A compiled glob list. */
export interface GlobList {
  test(path: string): PatternMatch;
}

/**
 * A path as a gitignore pattern body that matches only itself: special characters escaped
 * (`\`, `*`, `?`, `[`, `]`, and `!`, `#` and spaces, which are special at the start or end).
 * @example escapeGitignoreLiteral('docs/a b[1].md') → docs/a\ b\[1\].md
 */
export function escapeGitignoreLiteral(path: string): string {
  return path.replace(/[\\*?[\]!# ]/g, '\\$&');
}

const PICOMATCH_OPTIONS = { dot: true, nobrace: true, noextglob: true, posix: true } as const;

/** `ig` with its rules' inner globstars pinned (rules/pin-globstars.ts: linear time, issue #12). */
function pinned(ig: Ignore): Ignore {
  pinGlobstars(ig);
  return ig;
}

/** The parent directories of a relative path, nearest first: `a/b/c` → `a/b`, `a`. */
function listAncestors(path: string): string[] {
  const out: string[] = [];
  for (let i = path.lastIndexOf('/'); i > 0; i = path.lastIndexOf('/', i - 1)) {
    out.push(path.slice(0, i));
  }
  return out;
}

/**
 * Compile a gitignore-style pattern list (git's semantics for one .gitignore at the project root;
 * see the header). Patterns must have passed `checkGitignorePattern`.
 * @example compilePatternList([{ pattern: '/docs', key: 'tool.manifest.exclude[0]' }]).test('docs/a.md').matched → true
 */
export function compilePatternList(sources: readonly PatternSource[]): PatternList {
  // `ignorecase: false`: `ignore` defaults to case-insensitive matching; git (core.ignoreCase
  // unset) is case-sensitive. Each rule carries its index as `mark`, so a result names its source.
  const matcher = pinned(
    ignore({ ignorecase: false }).add(
      sources.map((source, index) => ({ pattern: source.pattern, mark: String(index) })),
    ),
  );
  // `ignore` reports only that some negation re-included a path, not which one. To name it, the
  // negations are tried from the last: the first whose pattern matches the path itself (not only
  // one of its ancestors) decides, because the path was re-included, so no later pattern matched it.
  const negations = sources.flatMap((source) =>
    source.pattern.startsWith('!')
      ? [
          {
            source,
            positive: source.pattern.slice(1),
            alone: undefined as Ignore | undefined,
            probes: new Map<string, Ignore>(),
          },
        ]
      : [],
  );
  const findNegation = (level: string): PatternSource | undefined => {
    const parent = listAncestors(level.replace(/\/$/, ''))[0];
    for (let i = negations.length - 1; i >= 0; i--) {
      const negation = negations[i]!;
      const alone = (negation.alone ??= pinned(
        ignore({ ignorecase: false }).add(negation.positive),
      ));
      // Matching `level` itself implies `ignores(level)`; with no ancestor matched, it is exact.
      if (!alone.ignores(level)) continue;
      if (parent === undefined || !alone.ignores(`${parent}/`)) return negation.source;
      // An ancestor matches too: probe with every ancestor re-included, so that only `level`
      // itself can match. One probe per directory, shared by its entries.
      let probe = negation.probes.get(parent);
      if (probe === undefined) {
        const keepAncestors = [parent, ...listAncestors(parent)].map(
          (dir) => `!/${escapeGitignoreLiteral(dir)}/`,
        );
        probe = pinned(ignore({ ignorecase: false }).add(negation.positive).add(keepAncestors));
        negation.probes.set(parent, probe);
      }
      if (probe.ignores(level)) return negation.source;
    }
    return undefined;
  };

  return {
    empty: sources.length === 0,
    test(path: string, isDir = false): PatternMatch {
      if (path === '' || sources.length === 0) return { matched: false };
      const self = isDir ? `${path}/` : path;
      const result = matcher.test(self);
      if (result.ignored) {
        const source = sources[Number(result.rule?.mark)];
        return source !== undefined ? { matched: true, source } : { matched: true };
      }
      // Not matched: name the negation that decided, on the path itself or on the nearest
      // ancestor directory it re-included.
      const levels = [self, ...listAncestors(path).map((dir) => `${dir}/`)];
      for (const level of levels) {
        if (!matcher.test(level).unignored) continue;
        const source = findNegation(level);
        return source !== undefined ? { matched: false, source } : { matched: false };
      }
      return { matched: false };
    },
  };
}

/**
 * Syntax picomatch reads and a MANIFEST-FORMAT.md §8 glob does not (or reads otherwise): braces,
 * groups and extglobs, a leading `!` or `./`, `[^…]`, POSIX classes.
 */
const PICOMATCH_ONLY = /[{}()]|^!|^\.\/|\[\^|\[\[:/;

/**
 * A glob matcher that takes time proportional to the pattern's length × the path's length: the
 * §8 matcher (manifest/glob.ts) for every glob written in the syntax both read alike, picomatch
 * (with `options`) only for its own syntax. picomatch compiles `*?*?*?*?*?*?*?*?x` to a regular
 * expression that backtracks exponentially on a long name that does not match (an `ignore-file`
 * value ran `manifest ls` past 10 s, issue #12).
 * @example compileLinearGlob('**\/.gitignore', { dot: true })('pkg/.gitignore') // true
 */
export function compileLinearGlob(
  pattern: string,
  options: picomatch.PicomatchOptions,
): (path: string) => boolean {
  if (!PICOMATCH_ONLY.test(pattern)) {
    try {
      return compileGenGlob(pattern);
    } catch (error) {
      // Not a §8 glob (a lone `[`, say): picomatch reads it its own way.
      if (!(error instanceof ManifestError)) throw error;
    }
  }
  return picomatch(pattern, options);
}

/** The most alternatives one `ignore-file` glob may stand for once its braces are written out. */
export const MAX_BRACE_ALTERNATIVES = 256;

/** A `{…}` found in a glob: where it opens and closes, and its top-level parts. */
interface Brace {
  open: number;
  close: number;
  parts: string[];
}

/**
 * The first `{` at or after `from` that is not escaped or inside a `[…]` class, with its matching
 * `}` and its parts split at its own commas; `'unclosed'` when it never closes.
 */
function findBrace(pattern: string, from: number): Brace | 'unclosed' | undefined {
  for (let i = from; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (c === '[') {
      // A class: `]` right after `[` or `[!` is a member, the next one closes it.
      let j = i + 1;
      if (pattern[j] === '!' || pattern[j] === '^') j++;
      if (pattern[j] === ']') j++;
      const end = pattern.indexOf(']', j);
      if (end !== -1) i = end;
      continue;
    }
    if (c !== '{') continue;
    const parts: string[] = [];
    let depth = 0;
    let start = i + 1;
    for (let j = i; j < pattern.length; j++) {
      const d = pattern[j];
      if (d === '\\') j++;
      else if (d === '{') depth++;
      else if (d === ',' && depth === 1) {
        parts.push(pattern.slice(start, j));
        start = j + 1;
      } else if (d === '}' && --depth === 0) {
        parts.push(pattern.slice(start, j));
        return { open: i, close: j, parts };
      }
    }
    return 'unclosed';
  }
  return undefined;
}

/** The members of a brace range `1..3` or `a..c`, as picomatch reads it; undefined for anything else. */
function braceRange(body: string): string[] | undefined {
  const numbers = /^(-?\d+)\.\.(-?\d+)$/.exec(body);
  const letters = /^([a-zA-Z])\.\.([a-zA-Z])$/.exec(body);
  let from: number;
  let to: number;
  if (numbers !== null) [from, to] = [Number(numbers[1]), Number(numbers[2])];
  else if (letters !== null) [from, to] = [letters[1]!.charCodeAt(0), letters[2]!.charCodeAt(0)];
  else return undefined;
  if (Math.abs(to - from) >= MAX_BRACE_ALTERNATIVES) return [];
  const out: string[] = [];
  const step = from <= to ? 1 : -1;
  for (let n = from; n !== to + step; n += step)
    out.push(numbers !== null ? String(n) : String.fromCharCode(n));
  return out;
}

/**
 * `pattern` with its braces written out, as picomatch reads them: `{a,b}` (nested, parts may be
 * empty) and the ranges `{1..3}`, `{a..c}`; a brace with neither (`{a}`) is literal. Linear-time
 * matchers then take each alternative (issue #12: picomatch compiles braces into a regular
 * expression that backtracks). Returns a reason instead when a `{` never closes or the
 * alternatives would number more than {@link MAX_BRACE_ALTERNATIVES}.
 * @example expandBraces('**\/{.gitignore,.ignore}') // ['**\/.gitignore', '**\/.ignore']
 */
export function expandBraces(pattern: string): string[] | { reason: string } {
  const out: string[] = [];
  const work: string[] = [pattern];
  while (work.length > 0) {
    const current = work.pop()!;
    let from = 0;
    for (;;) {
      const brace = findBrace(current, from);
      if (brace === undefined) {
        out.push(current);
        break;
      }
      if (brace === 'unclosed') return { reason: 'has a `{` that is never closed' };
      const parts = brace.parts.length > 1 ? brace.parts : braceRange(brace.parts[0]!);
      if (parts === undefined) {
        // Literal `{…}`: braces inside it may still expand.
        from = brace.open + 1;
        continue;
      }
      const head = current.slice(0, brace.open);
      const tail = current.slice(brace.close + 1);
      for (let i = parts.length - 1; i >= 0; i--) work.push(`${head}${parts[i]!}${tail}`);
      if (parts.length === 0 || out.length + work.length > MAX_BRACE_ALTERNATIVES)
        return {
          reason: `stands for more than ${MAX_BRACE_ALTERNATIVES} alternatives once its braces are written out`,
        };
      break;
    }
  }
  return out;
}

/** What an `ignore-file` glob may hold beyond §8 and braces: nothing picomatch alone reads. */
const IGNORE_FILE_UNSUPPORTED = /[()]|\[\^|\[\[:|^\.\//;

/**
 * Why `pattern` cannot be an `ignore-file` glob, or undefined: a glob list pattern
 * (checkGlobPattern) whose alternatives (expandBraces) are each a MANIFEST-FORMAT.md §8 glob,
 * so that compileIgnoreFileGlob matches it in linear time. Groups and extglobs (`(a|b)`,
 * `@(…)`), `[^…]`, POSIX classes and a leading `./` are refused rather than matched by picomatch's
 * regular expressions (issue #12: `**\/{x,y}*a*a*a*a*a*a*a*a*c` ran for minutes on one long name).
 * @example checkIgnoreFileGlob('**\/{.gitignore,.ignore}') === undefined
 */
export function checkIgnoreFileGlob(pattern: string): string | undefined {
  const base = checkGlobPattern(pattern);
  if (base !== undefined) return base;
  const alternatives = expandBraces(pattern);
  if (!Array.isArray(alternatives)) return alternatives.reason;
  for (const alternative of alternatives) {
    const unsupported = IGNORE_FILE_UNSUPPORTED.exec(alternative);
    if (unsupported !== null)
      return `uses \`${unsupported[0]}\`, which ignore-file globs do not support (groups, extglobs, \`[^…]\`, POSIX classes, a leading \`./\`); list the names with \`{a,b}\` or \`[!…]\` instead`;
    try {
      compileGenGlob(alternative);
    } catch (error) {
      if (!(error instanceof ManifestError)) throw error;
      return `is not a valid glob (${error.message})`;
    }
  }
  return undefined;
}

/**
 * Match an `ignore-file` glob (checked by checkIgnoreFileGlob) in time proportional to the
 * pattern's length × the path's length: each brace alternative by the §8 matcher.
 * @example compileIgnoreFileGlob('**\/{.gitignore,.ignore}')('pkg/.ignore') // true
 */
export function compileIgnoreFileGlob(pattern: string): (path: string) => boolean {
  const alternatives = expandBraces(pattern);
  if (!Array.isArray(alternatives))
    throw new TypeError(`ignore-file glob ${JSON.stringify(pattern)} ${alternatives.reason}`);
  const matchers = alternatives.map((alternative) => compileGenGlob(alternative));
  return matchers.length === 1 ? matchers[0]! : (path) => matchers.some((match) => match(path));
}

/**
 * Compile a glob list (picomatch with `dot`, `nobrace`, `noextglob`, `posix`, in linear time:
 * compileLinearGlob). Patterns must have passed `checkGlobPattern` (or `checkLicenseGlob`).
 * @example compileGlobList([{ pattern: 'pkg/_version.py', key: 'k' }]).test('pkg/_version.py').matched → true
 */
export function compileGlobList(sources: readonly PatternSource[]): GlobList {
  const matchers = sources.map((source) => compileLinearGlob(source.pattern, PICOMATCH_OPTIONS));
  return {
    test(path: string): PatternMatch {
      for (let i = matchers.length - 1; i >= 0; i--) {
        if (matchers[i]!(path)) return { matched: true, source: sources[i]! };
      }
      return { matched: false };
    },
  };
}

/** Does the glob contain a wildcard or class (`*`, `?`, `[`)? Unescaped or not: a hint only. */
export function hasGlobSyntax(pattern: string): boolean {
  return /[*?[]/.test(pattern);
}

/** Whether each `[` opens a class that closes (wildmatch: `]` right after `[`, `[!` or `[^` is literal). */
function findUnclosedClass(pattern: string): boolean {
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (c !== '[') continue;
    let j = i + 1;
    if (pattern[j] === '!' || pattern[j] === '^') j++;
    if (pattern[j] === ']') j++;
    while (j < pattern.length && pattern[j] !== ']') {
      if (pattern[j] === '\\') j++;
      j++;
    }
    if (j >= pattern.length) return true;
    i = j;
  }
  return false;
}

/** An odd number of trailing backslashes: the last one escapes nothing. */
function endsWithLoneBackslash(pattern: string): boolean {
  const trailing = /\\*$/.exec(pattern)?.[0].length ?? 0;
  return trailing % 2 === 1;
}

/** Problems with the `/`-separated segments of a pattern or path body, or undefined. */
function checkSegments(body: string): string | undefined {
  for (const segment of body.split('/')) {
    if (segment === '') return 'has an empty path segment (`//`)';
    if (segment === '..') return 'has a `..` segment; patterns cannot leave the project';
    if (segment === '.') return 'has a `.` segment; write the path without it';
  }
  return undefined;
}

const CONTROL = /[\u0000-\u001f\u007f]/;

/**
 * Why a gitignore-style pattern (`include`, `exclude`, `artifacts`) is not accepted, or undefined
 * when it is. Rejects what git would read differently from how it looks.
 * @example checkGitignorePattern('../x') → 'has a `..` segment; patterns cannot leave the project'
 */
export function checkGitignorePattern(pattern: string): string | undefined {
  if (pattern.trim() === '') return 'is empty';
  if (CONTROL.test(pattern)) return 'contains a control character (a newline or a tab)';
  if (pattern.startsWith('#'))
    return 'would be a comment in gitignore syntax; write `\\#` for a literal `#`';
  if (endsWithLoneBackslash(pattern)) return 'ends with a backslash that escapes nothing';
  // gitignore(5): "Trailing spaces are ignored unless they are quoted with backslash".
  if (/(^|[^\\])\s$/.test(pattern))
    return 'ends with a space, which gitignore syntax drops; escape it as `\\ `';
  let body = pattern.startsWith('!') ? pattern.slice(1) : pattern;
  if (body === '') return '`!` alone negates nothing';
  if (findUnclosedClass(body)) return 'has a `[` that is never closed';
  if (body.startsWith('/')) body = body.slice(1);
  if (body.endsWith('/')) body = body.slice(0, -1);
  if (body === '') return 'matches nothing (only `/`)';
  return checkSegments(body);
}

/**
 * Why a glob (`generated` DEST, `ignore-file`) is not accepted, or undefined when it is.
 * @example checkGlobPattern('/abs/*.py') → 'is absolute; write it relative to the project (or wheel) root'
 */
export function checkGlobPattern(pattern: string): string | undefined {
  if (pattern.trim() === '') return 'is empty';
  if (CONTROL.test(pattern)) return 'contains a control character (a newline or a tab)';
  if (pattern.startsWith('/'))
    return 'is absolute; write it relative to the project (or wheel) root';
  if (pattern.startsWith('!')) return 'starts with `!`; globs here cannot be negated';
  if (pattern.endsWith('/')) return 'ends with `/`; name files, e.g. `dir/**`';
  if (endsWithLoneBackslash(pattern)) return 'ends with a backslash that escapes nothing';
  if (findUnclosedClass(pattern)) return 'has a `[` that is never closed';
  const segments = checkSegments(pattern);
  if (segments !== undefined) return segments;
  try {
    picomatch.makeRe(pattern, PICOMATCH_OPTIONS);
  } catch (error) {
    return `is not a valid glob (${error instanceof Error ? error.message : String(error)})`;
  }
  return undefined;
}

// PEP 639 "Add license-files key": alphanumerics, `_`, `-`, `.` match verbatim; `*`, `?`, `**`
// and `[…]` classes of those characters are the only special syntax; `/` separates; "Any
// characters or character sequences not covered by this specification are invalid."
const PEP639_VERBATIM = /^[\p{L}\p{N}_.-]$/u;

/**
 * Why a PEP 639 `license-files` glob is not valid, or undefined when it is.
 * @example checkLicenseGlob('../LICENSE') → 'has a `..` segment; patterns cannot leave the project'
 */
export function checkLicenseGlob(pattern: string): string | undefined {
  if (pattern === '') return 'is empty';
  if (pattern.startsWith('/')) return 'is absolute; PEP 639 globs are relative to pyproject.toml';
  const segments = checkSegments(pattern.endsWith('/') ? `${pattern}x` : pattern);
  if (segments !== undefined) return segments;
  if (pattern.endsWith('/')) return 'ends with `/`; PEP 639 globs name files';
  // Code points, not UTF-16 units, so that a letter outside the BMP is one character.
  const chars = [...pattern];
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    if (c === '[') {
      const close = chars.indexOf(']', i + 1);
      if (close === -1) return 'has a `[` that is never closed';
      const inner = chars.slice(i + 1, close);
      if (inner.length === 0 || inner.some((k) => !PEP639_VERBATIM.test(k))) {
        return `has a class \`[${inner.join('')}]\` PEP 639 does not allow (letters, digits, \`_\`, \`-\`, \`.\` only)`;
      }
      i = close;
      continue;
    }
    if (c === '/' || c === '*' || c === '?' || PEP639_VERBATIM.test(c)) continue;
    const shown = /\s/.test(c) ? 'a space' : `\`${c}\``;
    return `has ${shown}, which PEP 639 globs do not allow`;
  }
  return undefined;
}
