/**
 * Per-directory ignore files with git's precedence (gitignore(5), "PATTERN FORMAT" and the
 * precedence list in "DESCRIPTION").
 *
 * Owns: parsing ignore-file text into rules (one `ignore` rule manager per file), and deciding one
 * path against the stack of files that apply to it. Must not: read the file system (the walker reads
 * the files and hands over their text), or know about built-in exclusions (`__pycache__/`, VCS
 * directories: the walker applies those, they are not overridable).
 *
 * Why it is built this way:
 * - git decides a path with the *deepest* ignore file that has a matching pattern for the path
 *   itself; within that file the last matching line wins. `ignore`'s public `test()`/`ignores()`
 *   re-test the parent directories against the same file's rules, which is wrong when a deeper file
 *   re-includes a directory (`build/` at the root, `!build/` in `pkg/.gitignore`). So each file's
 *   rules are run through `ignore`'s per-path rule test (`RuleManager#test(path, 'regex')`), which
 *   tests the path alone. That is internal API: `createRuleTester` checks it exists and fails loudly
 *   if an upgrade removes it; the git differential suite (test/differential/git.test.ts) pins the
 *   behaviour. Parents never need re-testing: the walker never enters an excluded directory
 *   ("It is not possible to re-include a file if a parent directory of that file is excluded").
 * - git's wildmatch works on the UTF-8 *bytes* of pattern and path (`?` matches one byte, so `caf?`
 *   does not match `café`; `[é]` is a set of two bytes). `ignore` works on UTF-16 code units, so
 *   patterns and paths are handed to it as "binary strings" (one char per UTF-8 byte). ASCII text is
 *   already that, and is passed through without copying.
 * - Lines are split and trimmed here, the way git's `add_patterns_from_buffer` and
 *   `trim_trailing_spaces` do, so every rule carries its 1-based line. `ignore` is then given one
 *   pattern per line, with the line number as its `mark`.
 * - git strips a pattern's literal prefix (up to the first `*?[\`) before calling wildmatch, so a run
 *   of `**` right after the prefix starts the pattern and is a globstar (`a**` then `/b` matches
 *   `ab` and `ax/y/b`); `ignore` reads it as a plain `*`. `expandGlobstarAfterPrefix` rewrites such a line
 *   into equivalent patterns. git's wildmatch also matches an escaped slash (backslash, slash)
 *   exactly as a slash, and takes a `**` before one as a globstar; `unescapeSlashes` rewrites it.
 * - An ignore file that is not valid UTF-8 arrives as bytes and is matched byte for byte; a NUL
 *   ends a line (git reads lines as C strings).
 */
import ignore from 'ignore';
import type { RuleRef } from '../manifest/types.js';
import { pinGlobstars } from './pin-globstars.js';

/** One ignore file's text, as read by the walker. */
export interface IgnoreSource {
  /** Project-relative path of the ignore file, e.g. `src/.gitignore`. */
  source: string;
  /**
   * Its contents: decoded as UTF-8, or the raw bytes when they are not valid UTF-8 (git matches
   * bytes, so `caf?` + byte 0xA9 matches `café`, and byte 0xFF never matches a U+FFFD in a name).
   */
  text: string | Uint8Array;
}

/**
 * The decision for one path. From `check`, `rule` is set exactly when `ignored` is; from `explain`,
 * also when a negation (`!pattern`) re-included the path.
 */
export interface IgnoreCheck {
  ignored: boolean;
  /**
   * The line that decided: the one that excluded the path, or (`explain` only, `ignored` false) the
   * negation that re-included it, as `git check-ignore -v` reports it. Kind `ignore-file`, its
   * source, 1-based line and pattern as written (with its `!`).
   */
  rule?: RuleRef;
}

/** The slice of `ignore`'s internal rule manager this module relies on. */
interface RuleTester {
  test(
    path: string,
    mode: 'regex',
  ): { ignored: boolean; unignored: boolean; rule?: { mark?: string } };
}

/** The rules of one ignore file, scoped to the directory holding it. */
interface Layer {
  /** The directory's project-relative path as a binary string, plus `/`; `''` for the root. */
  readonly prefix: string;
  /**
   * For an ignore file above the project root (see `IgnoreStack.rebase`): the project root's path
   * relative to the file's directory, as a binary string plus `/`, put before each project-relative
   * path. `''` otherwise.
   */
  readonly base: string;
  readonly source: string;
  /** The rules that are not in `literals`; undefined when none is left. */
  readonly tester: RuleTester | undefined;
  /**
   * The same rules less the directory-only ones (a trailing `/`), which never match a path that is
   * not a directory; undefined when none is left. Files, nearly every path checked, skip those.
   */
  readonly fileTester: RuleTester | undefined;
  /**
   * The literal lines (no wildcard, no escape), looked up by name instead of run one by one, so a
   * file of 100,000 names costs two map lookups per path: the deciding line is the later of the
   * last literal hit and the last matching other rule. Undefined when the file has a negated
   * wildcard line (`ignore` does not say which negated line matched, so its order against a
   * literal hit is unknown); then every rule is in `tester`.
   */
  readonly literals: Literals | undefined;
  /** Pattern as written (line ending and trailing spaces removed), by 1-based line. */
  readonly patterns: ReadonlyMap<number, string>;
  /** One frozen decision per line, shared by every path that line excludes (no per-path allocation). */
  readonly decisions: Map<string, IgnoreCheck>;
  /**
   * The layer below this one in its stack has a prefix that is a prefix of this one's (it holds a
   * parent directory, or the same one): a path under this layer is then under that one too, and
   * its prefix need not be compared. The walker only ever stacks subdirectories, so this holds for
   * every layer it builds, and `check` compares one prefix per path instead of one per layer (which
   * made a path below D nested ignore files cost O(D²)).
   */
  readonly nestedInBelow: boolean;
  /**
   * With a negated wildcard line (no `literals`), the negated lines as plain patterns with their
   * line as mark: `ignore` does not say which negation matched, so `explain` asks these (built on
   * first use) which one did. Empty otherwise: a deciding negation is then a literal hit.
   */
  readonly negations: { pattern: string; mark: string }[];
  negationTester?: RuleTester;
}

/**
 * Literal lines by what they match, each as `2 × line + (1 if negated)`, the last line kept:
 * `names` by basename (a slash-free pattern), `paths` by path relative to the ignore file's
 * directory (a pattern with a slash, leading slash removed). A directory-only pattern's key ends in
 * `/`.
 */
interface Literals {
  readonly names: Map<string, number>;
  readonly paths: Map<string, number>;
  /**
   * The length of the longest key in `paths` (0 when empty): a longer path is not looked up, so a
   * path deep below the file is not hashed once per layer (which is O(depth²) over a stack).
   */
  longestPath: number;
  /**
   * Basename lines of one `*` and a literal (`*.log`, `*.egg-info/`, `.coverage.*`): the name
   * ends (starts) with `text`. Tested with `endsWith`/`startsWith` instead of a regular expression:
   * the common template lines, tested on every path (a 14-line run of them took 3× the walk).
   */
  readonly suffixes: Affix[];
  readonly prefixes: Affix[];
  /**
   * The other basename lines (a wildcard in the middle: `name12*.tmp`, `*.tmp?`), grouped by the
   * literal text they start with (`byStart`) or, failing that, end with (`byEnd`): a name is
   * tested only against the groups its own start and end select, not against every line (a file
   * of 100,000 `nameN*.tmp` lines cost lines × files: 18 s for 200 files). Each group's rules are
   * compiled on first use. Empty when there are none.
   */
  readonly byStart: Map<string, Bucket>;
  readonly byEnd: Map<string, Bucket>;
  /**
   * Wildcard lines with a slash (`**\/build12/*.o`, `/docs/api*`), grouped by their longest
   * segment without a wildcard, which must equal one segment of a path they match: a path is
   * tested against the groups its own segments select.
   */
  readonly bySegment: Map<string, Bucket>;
  /** The longest key of `byStart` (`byEnd`): a name's longer starts (ends) are not looked up. */
  longestStart: number;
  longestEnd: number;
}

/** Basename lines that share a literal start (or end), as `ignore` takes them; compiled lazily. */
interface Bucket {
  readonly rules: { pattern: string; mark: string }[];
  tester?: RuleTester;
}

/** One `*X` or `X*` line: `text` is X, `code` as in `Literals`. */
interface Affix {
  readonly text: string;
  readonly dirOnly: boolean;
  readonly code: number;
}

const NOT_IGNORED: IgnoreCheck = Object.freeze({ ignored: false });
const NON_ASCII = /[^\x00-\x7f]/;
const ENCODER = new TextEncoder();
const GLOB_SPECIAL = '*?[\\';

/** The index of the first `*?[\\` in `text` at or after `from` (the end of its literal run), or its length. */
function literalEnd(text: string, from = 0): number {
  let i = from;
  while (i < text.length && !GLOB_SPECIAL.includes(text[i]!)) i++;
  return i;
}
/**
 * A basename pattern `*X` or `X*` (optionally directory-only): groups star, X, star, slash. X must
 * not start like a comment or a negation, or end in a space (git trimmed those already, but an
 * escaped one is still a backslash here, which the caller rejects).
 */
const AFFIX = /^(\*?)([^*/!#\s][^*/]*[^*/\s]|[^*/!#\s])(\*?)(\/?)$/;

/**
 * `text` as a string of one char per UTF-8 byte, the unit git's wildmatch compares.
 * ASCII text is returned as is.
 */
function toBytes(text: string): string {
  if (!NON_ASCII.test(text)) return text;
  const bytes = ENCODER.encode(text);
  let out = '';
  for (const byte of bytes) out += String.fromCharCode(byte);
  return out;
}

/** git's `trim_trailing_spaces`: drop trailing spaces unless the first of them is escaped. */
function trimTrailingSpaces(line: string): string {
  let lastSpace = -1;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === ' ') {
      if (lastSpace < 0) lastSpace = i;
    } else if (c === '\\') {
      i++;
      if (i >= line.length) return line;
      lastSpace = -1;
    } else {
      lastSpace = -1;
    }
  }
  return lastSpace < 0 ? line : line.slice(0, lastSpace);
}

/**
 * git matches a pathname pattern by comparing its literal prefix first and running wildmatch on the
 * rest, where a leading `**` is a globstar. `P**` + `/R` therefore matches `P` + `R` and `P*` + `/…/` +
 * `R`; `P**` alone matches everything starting with `P`. Returns the patterns (without `!`) that
 * `ignore` must be given for `body`; usually `[body]`.
 */
function expandGlobstarAfterPrefix(body: string): string[] {
  const dirOnly = body.endsWith('/');
  const core = dirOnly ? body.slice(0, -1) : body;
  // A pattern without a slash (but a trailing one) is matched against the basename, without the
  // prefix split (git: PATTERN_FLAG_NODIR).
  if (!core.includes('/')) return [body];
  const lead = core.startsWith('/') ? 1 : 0;
  const i = literalEnd(core, lead);
  if (i === lead || core[i - 1] === '/' || core[i] !== '*' || core[i + 1] !== '*') return [body];
  let j = i;
  while (core[j] === '*') j++;
  const rest = core.slice(j);
  if (rest !== '' && !rest.startsWith('/')) return [body];
  const prefix = core.slice(lead, i);
  const tail = dirOnly ? '/' : '';
  // A leading `/` keeps the rewritten patterns anchored, as the original (which has a slash) is.
  if (rest === '') return [`/${prefix}*${tail}`, `/${prefix}*/**${tail}`];
  const after = rest.slice(1);
  return [
    ...expandGlobstarAfterPrefix(`/${prefix}${after}${tail}`),
    `/${prefix}*/**/${after}${tail}`,
  ];
}

/**
 * `pattern` with every escaped slash outside a bracket expression written the way `ignore` reads
 * git's meaning. To git's wildmatch an escaped slash matches a slash, so it becomes `/`, except
 * after a `**` that is a globstar (at the start, after a slash, or right after the literal prefix):
 * `**` + escaped slash matches any run of characters then a slash, like `**` + `/` but without the
 * zero-directory shortcut git has for a plain slash, so it becomes `*` + `/**` + `/` (one or more
 * directories). A final escaped slash is kept: git strips that `/` as directory-only.
 */
function unescapeSlashes(pattern: string): string {
  if (!pattern.includes('\\/')) return pattern;
  let out = '';
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '\\' && i + 1 < pattern.length) {
      const next = pattern[i + 1]!;
      i++;
      if (inClass || next !== '/' || i + 1 >= pattern.length) {
        out += c + next;
        continue;
      }
      let start = out.length;
      while (start > 0 && out[start - 1] === '*') start--;
      const lead = out.startsWith('/') ? 1 : 0;
      const globstar =
        out.length - start >= 2 &&
        (start === 0 || out[start - 1] === '/' || literalEnd(out, lead) >= start);
      out = globstar ? `${out.slice(0, start)}*/**/` : `${out}/`;
    } else if (!inClass && c === '[') {
      inClass = true;
      out += c;
      // A `]` right after `[`, `[!` or `[^` is a member, not the end.
      if (pattern[i + 1] === '!' || pattern[i + 1] === '^') out += pattern[++i];
      if (pattern[i + 1] === ']') out += pattern[++i];
    } else {
      if (inClass && c === ']') inClass = false;
      out += c;
    }
  }
  return out;
}

/**
 * `ignore` trims one more CR and trailing spaces from an object pattern; git has already done its
 * trimming. A final CR that git kept is wrapped in a bracket expression so it survives.
 */
function protectTrailingCr(pattern: string): string {
  if (!pattern.endsWith('\r')) return pattern;
  let backslashes = 0;
  while (pattern[pattern.length - 2 - backslashes] === '\\') backslashes++;
  const head = pattern.slice(0, pattern.length - 1 - (backslashes % 2));
  return `${head}[\r]`;
}

/**
 * Where a literal pattern (as handed to `ignore`, without `!`) is filed in `Literals`, or undefined
 * when it is not literal: it has a wildcard or an escape, starts like a comment or a negation, has
 * an empty segment or a control character. Such a pattern matches exactly the basename (no slash
 * but a trailing one) or the relative path (a slash elsewhere) equal to it.
 */
function literalKey(
  pattern: string,
): { map: 'names' | 'paths' | 'suffixes' | 'prefixes'; key: string } | undefined {
  const affix = AFFIX.exec(pattern);
  if (affix !== null) {
    const [, lead, text, tail, slash] = affix;
    // Exactly one star, at one end; `text` as in a literal name. (`*` alone is left to `ignore`.)
    if ((lead === '') !== (tail === '') && !/[*?[\\\x00-\x1f\x7f]/.test(text!)) {
      return { map: lead === '*' ? 'suffixes' : 'prefixes', key: text! + (slash ?? '') };
    }
  }
  if (/[*?[\\!#\x00-\x20\x7f]/.test(pattern) || pattern.includes('//')) return undefined;
  const dirOnly = pattern.endsWith('/');
  const core = dirOnly ? pattern.slice(0, -1) : pattern;
  const tail = dirOnly ? '/' : '';
  if (!core.includes('/')) return core === '' ? undefined : { map: 'names', key: core + tail };
  const anchored = core.startsWith('/') ? core.slice(1) : core;
  return anchored === '' ? undefined : { map: 'paths', key: anchored + tail };
}

/**
 * Where a positive wildcard basename pattern (as handed to `ignore`: no slash but a trailing one)
 * is grouped in `Literals`: by its literal start (the text before its first `*?[\\`), else by its
 * literal end (after its last wildcard or class), else undefined (it stays with the other rules).
 */
function bucketKey(
  pattern: string,
): { map: 'byStart' | 'byEnd' | 'bySegment'; key: string } | undefined {
  const core = isDirectoryOnly(pattern) ? pattern.slice(0, -1) : pattern;
  if (core === '') return undefined;
  if (core.includes('/')) {
    // A segment without `*?[\\` matches exactly one equal segment of the path (`**` spans whole
    // segments; `*` and `?` never match a slash).
    let key = '';
    for (const segment of core.split('/')) {
      if (segment.length > key.length && literalEnd(segment) === segment.length) key = segment;
    }
    return key === '' ? undefined : { map: 'bySegment', key };
  }
  const start = literalEnd(core);
  if (start > 0) return { map: 'byStart', key: core.slice(0, start) };
  let end = core.length;
  while (end > 0 && !GLOB_SPECIAL.includes(core[end - 1]!) && core[end - 1] !== ']') end--;
  // `\\x` at the end is an escaped literal, not one to key by; nor is a class's `]`.
  if (end === core.length || core[end - 1] === '\\') return undefined;
  return { map: 'byEnd', key: core.slice(end) };
}

/** The tester of `bucket`, compiled on first use. */
function bucketTester(bucket: Bucket): RuleTester {
  if (bucket.tester === undefined) {
    const { add, tester } = createRuleTester();
    add(bucket.rules);
    bucket.tester = tester;
  }
  return bucket.tester;
}

/** The last line of the `bySegment` groups that `relative`'s segments select matching `tested`, or -1. */
function segmentHit(buckets: Map<string, Bucket>, relative: string, tested: string): number {
  if (buckets.size === 0) return -1;
  let hit = -1;
  let start = 0;
  for (;;) {
    const slash = relative.indexOf('/', start);
    const bucket = buckets.get(slash < 0 ? relative.slice(start) : relative.slice(start, slash));
    if (bucket !== undefined) {
      const result = bucketTester(bucket).test(tested, 'regex');
      if (result.ignored) hit = Math.max(hit, 2 * Number(result.rule?.mark ?? -1));
    }
    if (slash < 0) return hit;
    start = slash + 1;
  }
}

/** The last line of the `map` groups that `name`'s starts (ends) select matching `tested`, or -1. */
function bucketHit(
  buckets: Map<string, Bucket>,
  longest: number,
  name: string,
  tested: string,
  fromEnd: boolean,
): number {
  let hit = -1;
  const length = Math.min(longest, name.length);
  for (let k = 1; k <= length; k++) {
    const bucket = buckets.get(fromEnd ? name.slice(name.length - k) : name.slice(0, k));
    if (bucket === undefined) continue;
    const result = bucketTester(bucket).test(tested, 'regex');
    // The groups hold no negated line (see `Literals`): a match excludes.
    if (result.ignored) hit = Math.max(hit, 2 * Number(result.rule?.mark ?? -1));
  }
  return hit;
}

/** The later of two `Literals` values (or -1 for none): the later line decides. */
function later(a: number | undefined, b: number | undefined): number {
  return Math.max(a ?? -1, b ?? -1);
}

/**
 * The last literal (or grouped) line of `literals` matching `relative`, as in `Literals`, or -1.
 * `tested` is `relative` as `ignore` takes it (a directory with its trailing slash).
 */
function literalHit(literals: Literals, relative: string, tested: string, isDir: boolean): number {
  const slash = relative.lastIndexOf('/');
  const name = slash < 0 ? relative : relative.slice(slash + 1);
  let hit = later(literals.names.get(name), isDir ? literals.names.get(`${name}/`) : undefined);
  const { suffixes, prefixes } = literals;
  for (let i = 0; i < suffixes.length; i++) {
    const affix = suffixes[i]!;
    if (affix.code > hit && (isDir || !affix.dirOnly) && name.endsWith(affix.text))
      hit = affix.code;
  }
  for (let i = 0; i < prefixes.length; i++) {
    const affix = prefixes[i]!;
    if (affix.code > hit && (isDir || !affix.dirOnly) && name.startsWith(affix.text))
      hit = affix.code;
  }
  if (literals.longestStart > 0 || literals.longestEnd > 0 || literals.bySegment.size > 0) {
    hit = Math.max(
      hit,
      bucketHit(literals.byStart, literals.longestStart, name, tested, false),
      bucketHit(literals.byEnd, literals.longestEnd, name, tested, true),
      segmentHit(literals.bySegment, relative, tested),
    );
  }
  if (relative.length > literals.longestPath) return hit;
  return Math.max(
    hit,
    later(literals.paths.get(relative), isDir ? literals.paths.get(`${relative}/`) : undefined),
  );
}

/** The decision of `layer`'s line `mark`: built once, frozen, shared by every path it excludes. */
function decisionFor(layer: Layer, mark: string): IgnoreCheck {
  return cachedDecision(layer, mark, mark, true);
}

/** The decision of line `mark` of `layer` (ignored or re-included), cached under `key`. */
function cachedDecision(layer: Layer, key: string, mark: string, ignored: boolean): IgnoreCheck {
  let decision = layer.decisions.get(key);
  if (decision === undefined) {
    const line = Number(mark);
    const rule: RuleRef = Object.freeze({
      kind: 'ignore-file',
      source: layer.source,
      line,
      pattern: layer.patterns.get(line) ?? '',
    });
    decision = Object.freeze({ ignored, rule });
    layer.decisions.set(key, decision);
  }
  return decision;
}

function createRuleTester(): {
  add(patterns: { pattern: string; mark: string }[]): void;
  tester: RuleTester;
} {
  const ig = ignore({ ignorecase: false });
  const tester = (ig as unknown as { _rules?: RuleTester })._rules;
  if (tester === undefined || typeof tester.test !== 'function') {
    throw new Error(
      'the installed "ignore" package has no per-path rule test (RuleManager#test); pin ignore@7',
    );
  }
  return {
    add: (patterns) => {
      ig.add(patterns);
      // Several inner `**` backtrack polynomially as `ignore` compiles them (issue #12).
      pinGlobstars(ig);
    },
    tester,
  };
}

/**
 * Whether `pattern` (as handed to `ignore`) ends in an unescaped `/`: it then matches directories
 * only (gitignore(5): "If there is a separator at the end of the pattern then the pattern will only
 * match directories"), and `ignore` only ever matches it against a path given with a trailing `/`.
 */
function isDirectoryOnly(pattern: string): boolean {
  if (!pattern.endsWith('/')) return false;
  let backslashes = 0;
  while (pattern[pattern.length - 2 - backslashes] === '\\') backslashes++;
  return backslashes % 2 === 0;
}

/** Raw bytes as a binary string (one char per byte), the form `toBytes` gives for text. */
function bytesToBinary(bytes: Uint8Array): string {
  let out = '';
  for (const byte of bytes) out += String.fromCharCode(byte);
  return out;
}

const UTF8 = new TextDecoder('utf-8');

/** A binary-string line shown as text (invalid sequences as U+FFFD), for `RuleRef.pattern`. */
function binaryToText(line: string): string {
  return UTF8.decode(Uint8Array.from(line, (c) => c.charCodeAt(0)));
}

/** Parse one ignore file into a layer, or undefined when it has no rules. */
function parseLayer(dir: string, { source, text }: IgnoreSource): Layer | undefined {
  // Bytes that are not UTF-8 are matched as bytes, the way git matches them: the lines are kept as
  // binary strings and not encoded again.
  const binary = typeof text !== 'string';
  const decoded = binary ? bytesToBinary(text) : text;
  const encode = binary ? (pattern: string) => pattern : toBytes;
  // git skips a UTF-8 BOM at the start of the file (dir.c, add_patterns_from_buffer).
  const bom = binary ? '\xEF\xBB\xBF' : '\uFEFF';
  const body = decoded.startsWith(bom) ? decoded.slice(bom.length) : decoded;
  const lines = body.split('\n');
  const patterns = new Map<number, string>();
  const added: { pattern: string; mark: string; literal: boolean }[] = [];
  let negatedWildcard = false;
  for (let index = 0; index < lines.length; index++) {
    let line = lines[index]!;
    // git drops one CR before each LF; the text's end counts as an LF.
    if (line.endsWith('\r')) line = line.slice(0, -1);
    // git reads each line as a C string: a NUL byte ends it (test/regression.test.ts, probe 3).
    const nul = line.indexOf('\0');
    if (nul >= 0) line = line.slice(0, nul);
    // "A line starting with # serves as a comment." (tested before trimming, as git does)
    if (line === '' || line.startsWith('#')) continue;
    // "Trailing spaces are ignored unless they are quoted with backslash."
    const trimmed = trimTrailingSpaces(line);
    const negative = trimmed.startsWith('!');
    const pattern = negative ? trimmed.slice(1) : trimmed;
    if (pattern === '') continue;
    const mark = String(index + 1);
    patterns.set(index + 1, binary ? binaryToText(trimmed) : trimmed);
    for (const expanded of expandGlobstarAfterPrefix(unescapeSlashes(pattern))) {
      const positive = protectTrailingCr(encode(expanded));
      const literal = literalKey(positive) !== undefined;
      if (negative && !literal) negatedWildcard = true;
      added.push({ pattern: (negative ? '!' : '') + positive, mark, literal });
    }
  }
  if (added.length === 0) return undefined;
  let literals: Literals | undefined;
  let rest = added;
  if (!negatedWildcard) {
    literals = {
      names: new Map(),
      paths: new Map(),
      longestPath: 0,
      suffixes: [],
      prefixes: [],
      byStart: new Map(),
      byEnd: new Map(),
      bySegment: new Map(),
      longestStart: 0,
      longestEnd: 0,
    };
    rest = [];
    for (const rule of added) {
      const negative = rule.pattern.startsWith('!');
      const where = rule.literal
        ? literalKey(negative ? rule.pattern.slice(1) : rule.pattern)
        : undefined;
      const bucket = where === undefined && !negative ? bucketKey(rule.pattern) : undefined;
      if (bucket !== undefined) {
        const buckets = literals[bucket.map];
        let group = buckets.get(bucket.key);
        if (group === undefined) buckets.set(bucket.key, (group = { rules: [] }));
        group.rules.push({ pattern: rule.pattern, mark: rule.mark });
        if (bucket.map === 'byStart')
          literals.longestStart = Math.max(literals.longestStart, bucket.key.length);
        else if (bucket.map === 'byEnd')
          literals.longestEnd = Math.max(literals.longestEnd, bucket.key.length);
      } else if (where === undefined) rest.push(rule);
      else {
        const code = 2 * Number(rule.mark) + (negative ? 1 : 0);
        if (where.map === 'suffixes' || where.map === 'prefixes') {
          const dirOnly = where.key.endsWith('/');
          const text = dirOnly ? where.key.slice(0, -1) : where.key;
          literals[where.map].push({ text, dirOnly, code });
          continue;
        }
        literals[where.map].set(where.key, code);
        if (where.map === 'paths') {
          literals.longestPath = Math.max(literals.longestPath, where.key.length);
        }
      }
    }
  }
  const testerOf = (rules: typeof added): RuleTester | undefined => {
    if (rules.length === 0) return undefined;
    const { add, tester } = createRuleTester();
    add(rules.map(({ pattern, mark }) => ({ pattern, mark })));
    return tester;
  };
  const tester = testerOf(rest);
  const fileRules = rest.filter((rule) => !isDirectoryOnly(rule.pattern));
  const fileTester = fileRules.length === rest.length ? tester : testerOf(fileRules);
  // Without its `!`, a body starting with `#` or `!` would read as a comment or a negation.
  const negations = negatedWildcard
    ? added
        .filter((rule) => rule.pattern.startsWith('!'))
        .map(({ pattern, mark }) => ({ pattern: pattern.slice(1).replace(/^[#!]/, '\\$&'), mark }))
    : [];
  return {
    prefix: dir === '' ? '' : `${toBytes(dir)}/`,
    base: '',
    nestedInBelow: false,
    source,
    tester,
    fileTester,
    literals,
    patterns,
    decisions: new Map(),
    negations,
  };
}

/** The decision naming `layer`'s negation on line `mark`, which re-included a path. */
function reincludedBy(layer: Layer, mark: string): IgnoreCheck {
  return cachedDecision(layer, `!${mark}`, mark, false);
}

/** Which of `layer`'s negations (a wildcard one: see `negations`) matched `tested`. */
function matchingNegation(layer: Layer, tested: string): IgnoreCheck {
  if (layer.negationTester === undefined) {
    const { add, tester } = createRuleTester();
    add(layer.negations);
    layer.negationTester = tester;
  }
  const mark = layer.negationTester.test(tested, 'regex').rule?.mark;
  return mark === undefined ? NOT_IGNORED : reincludedBy(layer, mark);
}

/**
 * The ignore files that apply to one directory, deepest last. Immutable: `child` returns a new
 * stack and leaves this one untouched, so the walker can hold one per directory on its way down.
 *
 * @example
 * const root = IgnoreStack.empty().child('', [{ source: '.gitignore', text: 'build/\n' }]);
 * root.check('build', true); // { ignored: true, rule: { kind: 'ignore-file', source: '.gitignore', line: 1, pattern: 'build/' } }
 */
export class IgnoreStack {
  static readonly #empty = new IgnoreStack([]);
  private readonly layers: readonly Layer[];

  private constructor(layers: readonly Layer[]) {
    this.layers = layers;
  }

  /** The stack with no ignore files: nothing is ignored. */
  static empty(): IgnoreStack {
    return IgnoreStack.#empty;
  }

  /**
   * The stack for subdirectory `dir` (project-relative, `''` for the root) whose ignore files are
   * `sources`, in the order read. A later source in the same directory takes precedence over an
   * earlier one, as a later line does within one file. Returns this stack when `sources` holds no
   * rules, so directories without ignore files cost nothing.
   */
  child(dir: string, sources: readonly IgnoreSource[]): IgnoreStack {
    const added: Layer[] = [];
    let below = this.layers[this.layers.length - 1];
    for (const source of sources) {
      const parsed = parseLayer(dir, source);
      if (parsed === undefined) continue;
      const layer = {
        ...parsed,
        nestedInBelow: below === undefined || parsed.prefix.startsWith(below.prefix),
      };
      added.push(layer);
      below = layer;
    }
    return added.length === 0 ? this : new IgnoreStack([...this.layers, ...added]);
  }

  /**
   * This stack, built for the directories from a repository's root down to `dir` (its path
   * relative to that root), as the stack of a project whose root is `dir`: every layer then
   * applies to `dir`'s paths given relative to `dir`, each matched as the path from the layer's
   * own directory (`/flit_core/dist/` in the repository root's file excludes `dist` of the project
   * `flit_core`). Every layer's directory must be `dir` or above it. Parsing is not repeated: the
   * layers only learn the path to put before each project-relative path.
   * @example IgnoreStack.empty().child('', [{ source: '../.gitignore', text: '/proj/dist/\n' }]).rebase('proj').check('dist', true).ignored // true
   */
  rebase(dir: string): IgnoreStack {
    if (dir === '' || this.layers.length === 0) return this;
    const below = `${toBytes(dir)}/`;
    return new IgnoreStack(
      this.layers.map((layer) => {
        if (!below.startsWith(layer.prefix)) {
          throw new Error(`IgnoreStack.rebase: ${layer.source} is not above ${dir}`);
        }
        return {
          ...layer,
          prefix: '',
          base: `${layer.base}${below.slice(layer.prefix.length)}`,
          nestedInBelow: true,
        };
      }),
    );
  }

  /**
   * Decide one path (project-relative, `/`-separated, no trailing slash); `isDir` for directories
   * (a symlink is not a directory: `build/` does not match a symlink named `build`). The caller
   * guarantees that no parent directory of `path` is excluded: the walker never enters one.
   *
   * gitignore(5): patterns in a deeper file take precedence over those in a higher one; within one
   * file "the last matching pattern decides the outcome".
   * @param ascii the caller knows `path` is ASCII (the walker tests each name once): skips the
   *   conversion to UTF-8 bytes, which ASCII needs none of
   */
  check(path: string, isDir: boolean, ascii = false): IgnoreCheck {
    return this.#decide(path, isDir, ascii, false);
  }

  /**
   * `check`, and when a negation decided that the path is not ignored, that negation's line in
   * `rule` (what `git check-ignore -v` prints for such a path). For `explain`; the walk uses `check`,
   * which never looks for the negation.
   * @example stack.explain('keep.log', false) // { ignored: false, rule: { source: '.gitignore', line: 2, pattern: '!keep.log', … } }
   */
  explain(path: string, isDir: boolean): IgnoreCheck {
    return this.#decide(path, isDir, false, true);
  }

  #decide(path: string, isDir: boolean, ascii: boolean, negation: boolean): IgnoreCheck {
    const layers = this.layers;
    if (layers.length === 0) return NOT_IGNORED;
    const bytes = ascii ? path : toBytes(path);
    // Set once a layer's prefix matched and the layers below it are its ancestors.
    let inside = false;
    for (let i = layers.length - 1; i >= 0; i--) {
      const layer = layers[i]!;
      const { prefix } = layer;
      if (!inside && prefix !== '' && !bytes.startsWith(prefix)) continue;
      inside = layer.nestedInBelow;
      const tester = isDir ? layer.tester : layer.fileTester;
      const { literals } = layer;
      if (tester === undefined && literals === undefined) continue;
      const relative = layer.base + (prefix === '' ? bytes : bytes.slice(prefix.length));
      // `ignore` tells a directory by its trailing slash (`build/` matches only `build/`).
      const tested = isDir ? `${relative}/` : relative;
      const hit = literals === undefined ? -1 : literalHit(literals, relative, tested, isDir);
      if (tester !== undefined) {
        const result = tester.test(tested, 'regex');
        const mark = result.rule?.mark ?? '';
        // With `literals`, `tester` holds no negated line: a match is an exclusion, and it decides
        // unless a later literal line matched too.
        if (result.ignored && 2 * Number(mark) > hit) return decisionFor(layer, mark);
        if (result.unignored) return negation ? matchingNegation(layer, tested) : NOT_IGNORED;
      }
      if (hit >= 0) {
        if (hit % 2 === 0) return decisionFor(layer, String(hit >> 1));
        return negation ? reincludedBy(layer, String(hit >> 1)) : NOT_IGNORED;
      }
    }
    return NOT_IGNORED;
  }
}
