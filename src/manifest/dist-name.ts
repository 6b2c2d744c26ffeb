/**
 * Distribution names and versions as the packaging specifications normalize them, for the parts of
 * archive names that a manifest's `{name}-{version}` stands for (MANIFEST-FORMAT.md §3.5, §4.4).
 *
 * Owns: PEP 440 version normalization, done exactly as `packaging.version.Version.__str__` does
 * (packaging 23: the same regular expression, the same spellings folded, the same case folding
 * under `re.IGNORECASE`, the same whitespace), PEP 503 name normalization, and the escaping of
 * names in sdist and wheel file names. test/manifest/dist-name.test.ts runs a table of tricky
 * versions through the real `packaging` and this module and requires the same answers.
 * Must not: guess. A version that packaging rejects has no normalized form here either (`undefined`).
 * Pure.
 */

/**
 * Python's `\s` for str patterns (the characters for which `str.isspace()` is true). JavaScript's
 * `\s` is not the same set: it has U+FEFF, and lacks U+001C–U+001F and U+0085.
 */
const SPACE =
  '[\\t\\n\\v\\f\\r\\x1c-\\x20\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]';

/**
 * A letter as Python's `re.IGNORECASE` matches it in a str pattern: the ASCII pair, plus the four
 * non-ASCII letters Python folds onto ASCII ones (U+0130 and U+0131 onto `i`, U+017F onto `s`,
 * U+212A onto `k`). Only the letters the version pattern uses are needed.
 */
function letter(c: string): string {
  const extra: Record<string, string> = { i: '\\u0130\\u0131', s: '\\u017f', k: '\\u212a' };
  return `[${c}${c.toUpperCase()}${extra[c] ?? ''}]`;
}

function word(text: string): string {
  return [...text].map(letter).join('');
}

/** `[a-z0-9]` under IGNORECASE: 62 ASCII characters and the four letters above. */
const LOCAL_CHAR = '[a-zA-Z0-9\\u0130\\u0131\\u017f\\u212a]';
const SEP = '[-_.]';

/** packaging's VERSION_PATTERN, anchored with optional whitespace as `Version` anchors it. */
const VERSION = new RegExp(
  [
    `^${SPACE}*`,
    `${letter('v')}?`,
    '(?:',
    '(?:([0-9]+)!)?', // 1 epoch
    '([0-9]+(?:\\.[0-9]+)*)', // 2 release
    `(?:${SEP}?(${['a', 'b', 'c', 'rc', 'alpha', 'beta', 'pre', 'preview'].map(word).join('|')})${SEP}?([0-9]+)?)?`, // 3 pre_l, 4 pre_n
    `(?:(?:-([0-9]+))|(?:${SEP}?(${['post', 'rev', 'r'].map(word).join('|')})${SEP}?([0-9]+)?))?`, // 5 post_n1, 6 post_l, 7 post_n2
    `(?:${SEP}?(${word('dev')})${SEP}?([0-9]+)?)?`, // 8 dev_l, 9 dev_n
    ')',
    `(?:\\+(${LOCAL_CHAR}+(?:${SEP}${LOCAL_CHAR}+)*))?`, // 10 local
    `${SPACE}*$`,
  ].join(''),
  'u',
);

/** A decimal number as Python's `int()` then `str()` give it: leading zeros dropped. */
function integer(digits: string): string {
  return digits.replace(/^0+(?=[0-9])/, '');
}

const PRE_SPELLINGS: Record<string, string> = {
  alpha: 'a',
  beta: 'b',
  c: 'rc',
  pre: 'rc',
  preview: 'rc',
};

/**
 * The PEP 440 normal form of a version, as `str(packaging.version.Version(version))` gives it, or
 * undefined when packaging rejects the version.
 * @example normalizeVersion('1.0.0-RC1') → '1.0.0rc1'
 * @example normalizeVersion('v1!2.0-r') → '1!2.0.post0'
 * @example normalizeVersion('1.0+Ubuntu-1') → '1.0+ubuntu.1'
 */
export function normalizeVersion(version: string): string | undefined {
  const m = VERSION.exec(version);
  if (m === null) return undefined;
  const [, epoch, release, preL, preN, postN1, postL, postN2, devL, devN, local] = m;
  let out = '';
  if (epoch !== undefined && integer(epoch) !== '0') out += `${integer(epoch)}!`;
  out += release!.split('.').map(integer).join('.');
  if (preL !== undefined) {
    const lower = preL.toLowerCase();
    out += `${PRE_SPELLINGS[lower] ?? lower}${integer(preN ?? '0')}`;
  }
  // packaging: a letter gives a post-release (number 0 when absent); so does `-N` alone.
  const postNumber = postN1 ?? postN2;
  if (postL !== undefined || postNumber !== undefined) out += `.post${integer(postNumber ?? '0')}`;
  if (devL !== undefined) out += `.dev${integer(devN ?? '0')}`;
  if (local !== undefined) {
    const parts = local
      .split(/[-_.]/)
      .map((p) => (/^[0-9]+$/.test(p) ? integer(p) : p.toLowerCase()));
    out += `+${parts.join('.')}`;
  }
  return out;
}

/**
 * The PEP 503 normalized name: runs of `-`, `_` and `.` become one `-`, lower case
 * (`packaging.utils.canonicalize_name`).
 * @example canonicalizeName('My.Pkg__Name') → 'my-pkg-name'
 */
export function canonicalizeName(name: string): string {
  return name.replace(/[-_.]+/g, '-').toLowerCase();
}

/**
 * A name as sdist and wheel file names (and `.dist-info`/`.data` directories) escape it: runs of
 * `-`, `_` and `.` become `_`, lower case. Names written by older backends (`My.Pkg_Name`,
 * `foo-bar` in a legacy sdist name) compare equal to it after the same escaping.
 * @example escapeDistName('My.Pkg-Name') → 'my_pkg_name'
 */
export function escapeDistName(name: string): string {
  return name.replace(/[-_.]+/g, '_').toLowerCase();
}

/**
 * Whether two versions name the same release as archive names carry them: equal PEP 440 normal
 * forms; versions packaging rejects compare as written, ignoring case and a leading `v`.
 * @example sameVersion('1.0.0-RC1', '1.0.0rc1') → true
 */
export function sameVersion(a: string, b: string): boolean {
  const na = normalizeVersion(a);
  const nb = normalizeVersion(b);
  if (na !== undefined && nb !== undefined) return na === nb;
  const legacy = (v: string): string => v.toLowerCase().replace(/^v/, '');
  return legacy(a) === legacy(b);
}

/**
 * Split `{name}-{version}` (an sdist root, a wheel's `.dist-info` stem) at its last `-`: names in
 * archive names may hold `-` (legacy sdists), normalized versions never do.
 * @example splitNameVersion('fixture-st-plain-1.0') → { name: 'fixture-st-plain', version: '1.0' }
 */
export function splitNameVersion(stem: string): { name: string; version: string } | undefined {
  const dash = stem.lastIndexOf('-');
  if (dash <= 0 || dash === stem.length - 1) return undefined;
  return { name: stem.slice(0, dash), version: stem.slice(dash + 1) };
}
