/**
 * The format's case tables (MANIFEST-FORMAT.md §1–§8): one source of truth, read by the unit tests
 * in test/manifest/, exported with the TypeScript results as JSON to fixtures/format-cases/
 * (test/manifest/format-cases.test.ts), and run from there by the Python reader's tests
 * (python/tests/test_format_cases.py). Add a case here and both implementations are held to it.
 */
import type { ManifestEntry } from '../../src/manifest/types.js';

export const V1 = '# pyproject-manifest v1';

/** A manifest text: the format line, then `lines`, each ended by LF. */
export function doc(...lines: string[]): string {
  return [V1, ...lines].join('\n') + '\n';
}
/** Entries in [sdist] only. */
export function sdist(...lines: string[]): string {
  return doc('[sdist]', ...lines, '[wheel]');
}
/** Entries in [wheel] only. */
export function wheel(...lines: string[]): string {
  return doc('[sdist]', '[wheel]', ...lines);
}

const HEAD = [
  V1,
  '# Generated from [tool.manifest] in pyproject.toml by `manifest update`; do not edit by hand.',
  '',
];
/** Canonical-looking text with these section lines. */
export function canonicalText(sdistLines: string[], wheelLines: string[] = []): string {
  return [...HEAD, '[sdist]', ...sdistLines, '', '[wheel]', ...wheelLines].join('\n') + '\n';
}

/** Valid texts: [name, text, sdist entries, wheel entries] (lines left out). */
export const PARSE_VALID: [string, string, ManifestEntry[], ManifestEntry[]][] = [
  ['empty sections', doc('[sdist]', '', '[wheel]'), [], []],
  ['no blank line between sections', doc('[sdist]', '[wheel]'), [], []],
  [
    'comments and blank lines anywhere',
    doc('# c', '', '[sdist]', '#x', '', 'dir: a', '', '[wheel]', '# end'),
    [{ kind: 'dir', dest: 'a' }],
    [],
  ],
  [
    'mod, dir, gen',
    sdist('mod: a.py -> a.py', 'dir: d', 'gen: PKG-INFO'),
    [
      { kind: 'mod', src: 'a.py', dest: 'a.py' },
      { kind: 'dir', dest: 'd' },
      { kind: 'gen', dest: 'PKG-INFO' },
    ],
    [],
  ],
  [
    'wheel mod with another DEST',
    wheel('mod: src/p/a.py -> p/a.py'),
    [],
    [{ kind: 'mod', src: 'src/p/a.py', dest: 'p/a.py' }],
  ],
  [
    'file order is kept (not canonical, still valid)',
    sdist('dir: b', 'dir: a'),
    [
      { kind: 'dir', dest: 'b' },
      { kind: 'dir', dest: 'a' },
    ],
    [],
  ],
  [
    'quoted path that did not need quoting',
    sdist('mod: "a" -> a'),
    [{ kind: 'mod', src: 'a', dest: 'a' }],
    [],
  ],
  [
    'all JSON escapes',
    sdist('dir: "\\"\\\\\\/\\b\\f\\n\\r\\t\\u0041\\u00e9"'),
    [{ kind: 'dir', dest: '"\\/\b\f\n\r\tAé' }],
    [],
  ],
  ['escaped surrogate pair', sdist('dir: "\\ud83d\\ude00"'), [{ kind: 'dir', dest: '😀' }], []],
  ['raw non-ASCII, bare', sdist('dir: naïve/年/😀'), [{ kind: 'dir', dest: 'naïve/年/😀' }], []],
  [
    'inner spaces, #, [, * are bare',
    sdist('mod: a b#[*]? -> a b#[*]?'),
    [{ kind: 'mod', src: 'a b#[*]?', dest: 'a b#[*]?' }],
    [],
  ],
  [
    'quoted SRC with " -> " inside',
    wheel('mod: "a -> b" -> c'),
    [],
    [{ kind: 'mod', src: 'a -> b', dest: 'c' }],
  ],
  [
    'quoted path with leading space',
    sdist('mod: " a" -> " a"'),
    [{ kind: 'mod', src: ' a', dest: ' a' }],
    [],
  ],
  [
    'raw U+007F and U+2028 inside quotes',
    sdist('dir: "a\u007fb\u2028c"'),
    [{ kind: 'dir', dest: 'a\u007fb\u2028c' }],
    [],
  ],
  [
    '{data} in wheel',
    wheel('dir: {data}', 'dir: {data}/scripts', 'mod: s/run -> {data}/scripts/run'),
    [],
    [
      { kind: 'dir', dest: '{data}' },
      { kind: 'dir', dest: '{data}/scripts' },
      { kind: 'mod', src: 's/run', dest: '{data}/scripts/run' },
    ],
  ],
  [
    '{data} is an ordinary name in sdist',
    sdist('mod: {data}/x -> {data}/x'),
    [{ kind: 'mod', src: '{data}/x', dest: '{data}/x' }],
    [],
  ],
  [
    'gen globs',
    wheel('gen: p/_s.*.so', 'gen: p/**/[!a-c]?.pyd', 'gen: "p/\\\\*"'),
    [],
    [
      { kind: 'gen', dest: 'p/_s.*.so' },
      { kind: 'gen', dest: 'p/**/[!a-c]?.pyd' },
      { kind: 'gen', dest: 'p/\\*' },
    ],
  ],
  [
    'alt in both sections (§4.9)',
    doc('[sdist]', 'alt: setup.cfg -> setup.cfg', '[wheel]', 'alt: s/run -> {data}/scripts/run'),
    [{ kind: 'alt', src: 'setup.cfg', dest: 'setup.cfg' }],
    [{ kind: 'alt', src: 's/run', dest: '{data}/scripts/run' }],
  ],
  [
    'alt with quoted paths',
    wheel('alt: "a -> b" -> "c\\\\d"'),
    [],
    [{ kind: 'alt', src: 'a -> b', dest: 'c\\d' }],
  ],
  [
    'same DEST in both sections',
    doc('[sdist]', 'dir: a', '[wheel]', 'dir: a'),
    [{ kind: 'dir', dest: 'a' }],
    [{ kind: 'dir', dest: 'a' }],
  ],
];

/** Invalid texts with exactly one error: [name, text, code, line, column]. */
export const PARSE_INVALID: [string, string, string, number, number][] = [
  // §2: the format line
  ['empty file', '', 'MANIFEST_VERSION', 1, 1],
  ['no format line', '[sdist]\n[wheel]\n', 'MANIFEST_VERSION', 1, 1],
  [
    'format line with another tool name',
    '# other-manifest v1\n[sdist]\n[wheel]\n',
    'MANIFEST_VERSION',
    1,
    1,
  ],
  ['unsupported version', '# pyproject-manifest v2\n[sdist]\n[wheel]\n', 'MANIFEST_VERSION', 1, 23],
  ['version 0', '# pyproject-manifest v0\n[sdist]\n[wheel]\n', 'MANIFEST_VERSION', 1, 23],
  ['leading zero', '# pyproject-manifest v01\n[sdist]\n[wheel]\n', 'MANIFEST_VERSION', 1, 23],
  [
    'trailing space on the format line',
    '# pyproject-manifest v1 \n[sdist]\n[wheel]\n',
    'MANIFEST_VERSION',
    1,
    23,
  ],
  [
    'format line not on line 1',
    '\n# pyproject-manifest v1\n[sdist]\n[wheel]\n',
    'MANIFEST_VERSION',
    1,
    1,
  ],
  // §1: the file
  ['byte order mark', `\ufeff${sdist()}`, 'MANIFEST_SYNTAX', 1, 1],
  ['CRLF line endings', sdist('dir: a').replaceAll('\n', '\r\n'), 'MANIFEST_SYNTAX', 1, 24],
  ['a CR inside a line', sdist('dir: a\rb'), 'MANIFEST_SYNTAX', 3, 7],
  ['no final newline', `${V1}\n[sdist]\n[wheel]`, 'MANIFEST_SYNTAX', 3, 8],
  ['blank line at the end', `${sdist()}\n`, 'MANIFEST_SYNTAX', 4, 1],
  // §3: lines and sections
  ['whitespace-only line', sdist('  '), 'MANIFEST_SYNTAX', 3, 1],
  ['leading whitespace', sdist(' dir: a'), 'MANIFEST_SYNTAX', 3, 1],
  ['unknown section', doc('[sdist]', '[tests]', '[wheel]'), 'MANIFEST_SYNTAX', 3, 1],
  ['section header with spaces', doc('[sdist]', '[wheel] ', '[wheel]'), 'MANIFEST_SYNTAX', 3, 1],
  ['section twice', doc('[sdist]', '[wheel]', '[wheel]'), 'MANIFEST_SYNTAX', 4, 1],
  ['[sdist] after [wheel]', doc('[wheel]', '[sdist]'), 'MANIFEST_SYNTAX', 3, 1],
  ['missing [wheel]', doc('[sdist]', 'dir: a'), 'MANIFEST_SYNTAX', 3, 1],
  ['entry before any section', doc('dir: a', '[sdist]', '[wheel]'), 'MANIFEST_SYNTAX', 2, 1],
  // §4.1: entry syntax
  ['unknown kind', sdist('mv: a -> a'), 'MANIFEST_SYNTAX', 3, 1],
  ['uppercase kind', sdist('Mod: a -> a'), 'MANIFEST_SYNTAX', 3, 1],
  ['not an entry at all', sdist('a.py'), 'MANIFEST_SYNTAX', 3, 1],
  ['no space after the colon', sdist('mod:a -> a'), 'MANIFEST_SYNTAX', 3, 5],
  ['two spaces after the colon', sdist('mod:  a -> a'), 'MANIFEST_SYNTAX', 3, 6],
  ['no path', sdist('dir:'), 'MANIFEST_SYNTAX', 3, 5],
  ['no path after the space', sdist('dir: '), 'MANIFEST_SYNTAX', 3, 6],
  ['mod without arrow', sdist('mod: a'), 'MANIFEST_SYNTAX', 3, 7],
  ['alt without arrow', sdist('alt: a'), 'MANIFEST_SYNTAX', 3, 7],
  ['alt without path', sdist('alt:'), 'MANIFEST_SYNTAX', 3, 5],
  ['uppercase alt', sdist('Alt: a -> a'), 'MANIFEST_SYNTAX', 3, 1],
  ['alt with ->, no spaces', sdist('alt: a->a'), 'MANIFEST_SYNTAX', 3, 10],
  ['alt with an empty DEST', sdist('alt: a -> '), 'MANIFEST_INVALID_PATH', 3, 11],
  ['mod with ->, no spaces', sdist('mod: a->a'), 'MANIFEST_SYNTAX', 3, 10],
  ['mod with one-sided arrow', sdist('mod: a ->a'), 'MANIFEST_SYNTAX', 3, 11],
  ['quoted SRC without arrow', sdist('mod: "a" a'), 'MANIFEST_SYNTAX', 3, 9],
  ['text after a quoted DEST', sdist('dir: "a" x'), 'MANIFEST_SYNTAX', 3, 9],
  ['empty DEST', sdist('mod: a -> '), 'MANIFEST_INVALID_PATH', 3, 11],
  // §5.2: bare and quoted paths
  ['bare path with trailing space', sdist('dir: a '), 'MANIFEST_SYNTAX', 3, 7],
  ['bare path with trailing NBSP', sdist('dir: a\u00a0'), 'MANIFEST_SYNTAX', 3, 7],
  ['bare path with a tab', sdist('dir: a\tb'), 'MANIFEST_SYNTAX', 3, 7],
  ['bare path with U+0085', sdist('dir: a\u0085b'), 'MANIFEST_SYNTAX', 3, 7],
  ['bare path with U+2028', sdist('dir: a\u2028b'), 'MANIFEST_SYNTAX', 3, 7],
  ['bare path with a backslash', sdist('dir: a\\b'), 'MANIFEST_SYNTAX', 3, 7],
  ['bare path with a double quote', sdist('dir: a"b'), 'MANIFEST_SYNTAX', 3, 7],
  ['bare DEST containing " -> "', wheel('mod: a -> b -> c'), 'MANIFEST_SYNTAX', 4, 12],
  ['bare DEST ending with " ->"', wheel('mod: a -> b ->'), 'MANIFEST_SYNTAX', 4, 12],
  ['unterminated quoted path', sdist('dir: "a'), 'MANIFEST_SYNTAX', 3, 6],
  ['unknown escape', sdist('dir: "a\\qb"'), 'MANIFEST_SYNTAX', 3, 8],
  ['short \\u escape', sdist('dir: "a\\u12"'), 'MANIFEST_SYNTAX', 3, 8],
  ['raw tab inside quotes', sdist('dir: "a\tb"'), 'MANIFEST_SYNTAX', 3, 8],
  // §5.1: valid paths
  ['absolute path', sdist('dir: /a'), 'MANIFEST_INVALID_PATH', 3, 6],
  ['trailing slash', sdist('dir: a/'), 'MANIFEST_INVALID_PATH', 3, 7],
  ['empty segment', sdist('dir: a//b'), 'MANIFEST_INVALID_PATH', 3, 8],
  ['dot segment', sdist('dir: a/./b'), 'MANIFEST_INVALID_PATH', 3, 8],
  ['dot-dot segment', sdist('mod: ../a -> ../a'), 'MANIFEST_INVALID_PATH', 3, 6],
  ['dot-dot in DEST only', wheel('mod: a -> x/..'), 'MANIFEST_INVALID_PATH', 4, 13],
  ['empty quoted path', sdist('dir: ""'), 'MANIFEST_INVALID_PATH', 3, 6],
  ['NUL', sdist('dir: "a\\u0000b"'), 'MANIFEST_INVALID_PATH', 3, 8],
  ['lone high surrogate', sdist('dir: "\\ud800"'), 'MANIFEST_INVALID_PATH', 3, 7],
  ['lone low surrogate after text', sdist('dir: "ab\\udc00"'), 'MANIFEST_INVALID_PATH', 3, 9],
  ['column counts characters, not UTF-16 units', sdist('dir: 😀/'), 'MANIFEST_INVALID_PATH', 3, 7],
  // §4.3, §4.4
  ['sdist DEST differs from SRC', sdist('mod: a -> b'), 'MANIFEST_INVALID_PATH', 3, 11],
  ['sdist alt DEST differs from SRC', sdist('alt: a -> b'), 'MANIFEST_INVALID_PATH', 3, 11],
  ['alt SRC with a .. segment', wheel('alt: ../a -> a'), 'MANIFEST_INVALID_PATH', 4, 6],
  ['alt unknown {data} scheme', wheel('alt: a -> {data}/lib/x'), 'MANIFEST_INVALID_PATH', 4, 18],
  [
    'alt directly in {data}/<scheme>',
    wheel('alt: a -> {data}/scripts'),
    'MANIFEST_INVALID_PATH',
    4,
    11,
  ],
  ['unknown {data} scheme', wheel('mod: a -> {data}/lib/x'), 'MANIFEST_INVALID_PATH', 4, 18],
  [
    'file directly in {data}/<scheme>',
    wheel('mod: a -> {data}/scripts'),
    'MANIFEST_INVALID_PATH',
    4,
    11,
  ],
  ['file directly in {data}', wheel('gen: {data}'), 'MANIFEST_INVALID_PATH', 4, 6],
  ['glob as {data} scheme', wheel('gen: {data}/*/x'), 'MANIFEST_INVALID_PATH', 4, 13],
  ['dir with unknown scheme', wheel('dir: {data}/lib'), 'MANIFEST_INVALID_PATH', 4, 13],
  // §8: gen globs
  ['unterminated class', sdist('gen: a/[b'), 'MANIFEST_INVALID_PATH', 3, 8],
  ['reversed range', sdist('gen: a/[z-a]'), 'MANIFEST_INVALID_PATH', 3, 9],
  ['reserved [^', sdist('gen: [^a]'), 'MANIFEST_INVALID_PATH', 3, 7],
  ['reserved POSIX class', sdist('gen: [[:alpha:]]'), 'MANIFEST_INVALID_PATH', 3, 7],
  ['dangling escape', sdist('gen: "a\\\\"'), 'MANIFEST_INVALID_PATH', 3, 8],
  ['escape before /', sdist('gen: "a\\\\/b"'), 'MANIFEST_INVALID_PATH', 3, 8],
  // §4.2: duplicates
  ['same dir twice', sdist('dir: a', 'dir: a'), 'MANIFEST_DUPLICATE', 4, 6],
  ['mod and gen with one DEST', wheel('mod: x -> p/a', 'gen: p/a'), 'MANIFEST_DUPLICATE', 5, 6],
  [
    'mod and alt with one DEST',
    wheel('mod: x -> p/a', 'alt: y -> p/a'),
    'MANIFEST_DUPLICATE',
    5,
    11,
  ],
  ['alt and dir with one DEST', sdist('alt: a -> a', 'dir: a'), 'MANIFEST_DUPLICATE', 4, 6],
  [
    'bare and quoted spelling of one DEST',
    wheel('mod: x -> a', 'mod: y -> "a"'),
    'MANIFEST_DUPLICATE',
    5,
    11,
  ],
];

/** checkManifest (§4.5, §4.7, §4.8): [name, sdist lines, wheel lines, [code, target, path, line][]], on canonicalText(sdist, wheel). */
export const CHECK_MANIFEST: [string, string[], string[], unknown[][]][] = [
  ['valid', ['dir: p', 'mod: p/a.py -> p/a.py'], ['dir: p', 'mod: p/a.py -> p/a.py'], []],
  ['top-level files need no dir', ['gen: PKG-INFO', 'mod: a -> a'], [], []],
  ['missing dir', ['mod: p/a.py -> p/a.py'], [], [['DIR_ENTRY_MISSING', 'sdist', 'p', 5]]],
  [
    'missing nested dirs',
    ['dir: p', 'mod: p/q/r/a -> p/q/r/a'],
    [],
    [
      ['DIR_ENTRY_MISSING', 'sdist', 'p/q', 6],
      ['DIR_ENTRY_MISSING', 'sdist', 'p/q/r', 6],
    ],
  ],
  [
    'extra dir',
    ['dir: p', 'dir: q', 'mod: p/a -> p/a'],
    [],
    [['DIR_ENTRY_EXTRA', 'sdist', 'q', 6]],
  ],
  ['a dir alone is extra', ['dir: p'], [], [['DIR_ENTRY_EXTRA', 'sdist', 'p', 5]]],
  ['gen literal needs its dirs', [], ['gen: p/_v.py'], [['DIR_ENTRY_MISSING', 'wheel', 'p', 7]]],
  ['gen glob needs its literal leading dirs', [], ['dir: p', 'dir: p/q', 'gen: p/q/*.so'], []],
  [
    'gen glob dirs stop at the glob segment',
    [],
    ['dir: p', 'dir: p/x', 'gen: p/*/x.so'],
    [['DIR_ENTRY_EXTRA', 'wheel', 'p/x', 8]],
  ],
  ['an escaped segment is not literal', [], ['dir: p', 'gen: "p/\\\\*/x"'], []],
  [
    '{data} dirs are ordinary dirs',
    ['mod: a -> a'],
    ['mod: a -> {data}/scripts/a'],
    [
      ['DIR_ENTRY_MISSING', 'wheel', '{data}', 8],
      ['DIR_ENTRY_MISSING', 'wheel', '{data}/scripts', 8],
    ],
  ],
  [
    'a file that is also a dir',
    ['mod: a -> a', 'mod: a/b -> a/b'],
    [],
    [['DIR_ENTRY_MISSING', 'sdist', 'a', 6]],
  ],
  [
    'gen glob shadows a mod',
    ['dir: p', 'mod: p/_s.x.so -> p/_s.x.so', 'gen: p/_s.*.so'],
    [],
    [['GEN_SHADOWS_MOD', 'sdist', 'p/_s.x.so', 6]],
  ],
  [
    'gen glob shadows an alt (§4.9), reported at the alt line',
    ['gen: *.cfg', 'alt: setup.cfg -> setup.cfg'],
    [],
    [['GEN_SHADOWS_MOD', 'sdist', 'setup.cfg', 6]],
  ],
  [
    'alt DESTs need their dirs',
    ['alt: p/a -> p/a', 'mod: s -> s'],
    ['dir: q', 'alt: p/a -> q/a', 'alt: s -> {data}/scripts/s'],
    [
      ['DIR_ENTRY_MISSING', 'sdist', 'p', 5],
      ['DIR_ENTRY_MISSING', 'wheel', '{data}', 11],
      ['DIR_ENTRY_MISSING', 'wheel', '{data}/scripts', 11],
    ],
  ],
  [
    'wheel alt from an sdist mod, wheel mod from an sdist alt',
    ['alt: a -> a', 'mod: b -> b'],
    ['mod: a -> x', 'alt: b -> y'],
    [],
  ],
  [
    'wheel alt source not in sdist',
    ['mod: a -> a'],
    ['alt: b -> b'],
    [['WHEEL_SOURCE_NOT_IN_SDIST', 'wheel', 'b', 8]],
  ],
  [
    'gen glob does not match dirs as files',
    [],
    ['dir: p', 'gen: p/*', 'dir: p/q', 'gen: p/q/x'],
    [],
  ],
  [
    'wheel source not in sdist',
    ['mod: a -> a'],
    ['mod: b -> b'],
    [['WHEEL_SOURCE_NOT_IN_SDIST', 'wheel', 'b', 8]],
  ],
  [
    'sdist gen does not count as a source',
    ['gen: b'],
    ['mod: b -> b'],
    [['WHEEL_SOURCE_NOT_IN_SDIST', 'wheel', 'b', 8]],
  ],
  [
    'ordered by section then path',
    ['dir: z', 'dir: a'],
    ['mod: q -> b/x'],
    [
      ['DIR_ENTRY_EXTRA', 'sdist', 'a', 6],
      ['DIR_ENTRY_EXTRA', 'sdist', 'z', 5],
      ['DIR_ENTRY_MISSING', 'wheel', 'b', 9],
      ['WHEEL_SOURCE_NOT_IN_SDIST', 'wheel', 'b/x', 9],
    ],
  ],
];

const canonical = canonicalText(['gen: PKG-INFO', 'mod: a b -> a b', 'mod: b -> b']);

/** checkCanonical (§6): [name, text, [code, line, reason][]]. */
export const CHECK_CANONICAL: [string, string, unknown[][]][] = [
  ['canonical', canonical, []],
  [
    'other header comment',
    canonical.replace('# Generated', '# Made'),
    [['MANIFEST_NOT_CANONICAL', 2, 'header']],
  ],
  [
    'no blank line after the header',
    canonical.replace('hand.\n\n', 'hand.\n'),
    [['MANIFEST_NOT_CANONICAL', 3, 'header']],
  ],
  [
    'extra comment',
    canonical.replace('[sdist]\n', '[sdist]\n# note\n'),
    [['MANIFEST_NOT_CANONICAL', 5, 'comments']],
  ],
  ['comment at the end', `${canonical}# end\n`, [['MANIFEST_NOT_CANONICAL', 10, 'comments']]],
  [
    'extra blank line',
    canonical.replace('[sdist]\n', '[sdist]\n\n'),
    [['MANIFEST_NOT_CANONICAL', 5, 'blank lines']],
  ],
  [
    'no blank line before [wheel]',
    canonical.replace('\n\n[wheel]', '\n[wheel]'),
    [['MANIFEST_NOT_CANONICAL', 8, 'blank lines']],
  ],
  [
    'unneeded quotes',
    canonical.replace('mod: b -> b', 'mod: "b" -> b'),
    [['MANIFEST_NOT_CANONICAL', 7, 'quoting']],
  ],
  [
    'unneeded escape',
    canonical.replace('mod: b -> b', 'mod: "\\u0062" -> "b"'),
    [['MANIFEST_NOT_CANONICAL', 7, 'quoting']],
  ],
  [
    'out of order',
    canonical.replace('mod: a b -> a b\nmod: b -> b', 'mod: b -> b\nmod: a b -> a b'),
    [['MANIFEST_NOT_CANONICAL', 6, 'order']],
  ],
];

/** quotePath (§5.2, §5.3): [path, as written]. */
export const QUOTE_PATH: [string, string][] = [
  ['a/b.py', 'a/b.py'],
  ['naïve/年/😀', 'naïve/年/😀'],
  ['a b', 'a b'],
  ['#a', '#a'],
  ['[a]', '[a]'],
  ['a*?', 'a*?'],
  ['a->b', 'a->b'],
  ['{data}/x', '{data}/x'],
  [' a', '" a"'],
  ['a ', '"a "'],
  ['a\u00a0', '"a\u00a0"'],
  ['\ufeffa', '"\ufeffa"'],
  ['\u3000a', '"\u3000a"'],
  ['a -> b', '"a -> b"'],
  ['a ->', '"a ->"'],
  ['-> a', '-> a'],
  ['a ->b', 'a ->b'],
  ['a\tb', '"a\\tb"'],
  ['a\nb', '"a\\nb"'],
  ['a\u001bb', '"a\\u001bb"'],
  ['a\u007fb', '"a\u007fb"'],
  ['a\u0085b', '"a\u0085b"'],
  ['a\u2028b', '"a\u2028b"'],
  ['a"b', '"a\\"b"'],
  ['a\\b', '"a\\\\b"'],
];

/** formatEntry: [entry, line]. */
export const FORMAT_ENTRY: [ManifestEntry, string][] = [
  [{ kind: 'mod', src: 'src/p/a.py', dest: 'p/a.py' }, 'mod: src/p/a.py -> p/a.py'],
  [{ kind: 'mod', src: 'a -> b', dest: 'c', line: 9 }, 'mod: "a -> b" -> c'],
  [{ kind: 'alt', src: 'setup.cfg', dest: 'setup.cfg' }, 'alt: setup.cfg -> setup.cfg'],
  [{ kind: 'alt', src: 's/run', dest: '{data}/scripts/run' }, 'alt: s/run -> {data}/scripts/run'],
  [{ kind: 'mod', src: 'a ->', dest: 'a ->' }, 'mod: "a ->" -> "a ->"'],
  [{ kind: 'alt', src: 'a -> b', dest: 'c ' }, 'alt: "a -> b" -> "c "'],
  [{ kind: 'dir', dest: 'p' }, 'dir: p'],
  [{ kind: 'gen', dest: 'p/_s.*.so' }, 'gen: p/_s.*.so'],
  [{ kind: 'gen', dest: 'p/\\*' }, 'gen: "p/\\\\*"'],
];

/** Gen globs (§8): [pattern, path, matches]. */
export const GLOB_MATCH: [string, string, boolean][] = [
  // literal
  ['PKG-INFO', 'PKG-INFO', true],
  ['PKG-INFO', 'pkg-info', false],
  ['a/b', 'a/b/c', false],
  // *
  ['proj/_speedups.*.so', 'proj/_speedups.cpython-312-x86_64-linux-gnu.so', true],
  ['proj/_speedups.*.so', 'proj/sub/_speedups.x.so', false],
  ['proj/_speedups.*.so', 'proj/_speedups..so', true],
  ['a*', 'a', true],
  ['*', '.hidden', true],
  ['*', 'a/b', false],
  ['a**b', 'axyb', true],
  ['a**b', 'a/b', false],
  ['*.py', 'line\nbreak.py', true],
  // **
  ['a/**/b', 'a/b', true],
  ['a/**/b', 'a/x/b', true],
  ['a/**/b', 'a/x/y/b', true],
  ['a/**/b', 'a/x/y/c', false],
  ['a/**', 'a', true],
  ['a/**', 'a/x/y', true],
  ['a/**', 'b/x', false],
  ['**', 'x/y/z', true],
  ['**/*.so', 'a.so', true],
  ['**/*.so', 'p/q/a.so', true],
  ['a/**/**/b', 'a/b', true],
  ['**/a/**/a', 'a/a/a/a/a/a/b', false],
  // ?
  ['?', 'a', true],
  ['?', '', false],
  ['?', 'ab', false],
  ['a/?/b', 'a/😀/b', true],
  ['a/?/b', 'a/é/b', true],
  ['a?b', 'a/b', false],
  // classes
  ['[abc]', 'b', true],
  ['[abc]', 'd', false],
  ['[a-c]x', 'bx', true],
  ['[a-c]x', 'dx', false],
  ['[!a-c]', 'd', true],
  ['[!a-c]', 'b', false],
  ['[]]', ']', true],
  ['[!]]', ']', false],
  ['[!]]', 'a', true],
  ['[-a]', '-', true],
  ['[a-]', '-', true],
  ['[\\]]', ']', true],
  ['[😀-😂]', '😁', true],
  ['[😀-😂]', '😃', false],
  // escapes
  ['\\*', '*', true],
  ['\\*', 'x', false],
  ['x\\?', 'x?', true],
  ['x\\?', 'xy', false],
  ['\\[a]', '[a]', true],
  ['a\\\\b', 'a\\b', true],
  // literal characters that are special elsewhere
  ['(a|b)', 'a', false],
  ['(a|b)', '(a|b)', true],
  ['!a', 'b', false],
  ['!a', '!a', true],
  ['a{b,c}', 'ab', false],
  ['a{b,c}*', 'a{b,c}', true],
  ['@(a)', '@(a)', true],
  ['a+', 'aa', false],
  ['a.b*', 'axb', false],
  ['$^*', '$^x', true],
];

/** Invalid gen globs: [pattern, index of the problem]. */
export const GLOB_INVALID: [string, number][] = [
  ['a/[b', 2],
  ['[', 0],
  ['[]', 0],
  ['[z-a]', 1],
  ['[^a]', 1],
  ['[[:alpha:]]', 1],
  ['a\\', 1],
  ['[a\\', 2],
  ['a[/]b', 1],
  ['[!]', 0],
];

/** Valid gen globs that look doubtful. */
export const GLOB_VALID: string[] = ['[!!]', '[\\^a]', 'a/**/b', '[[]', '[a-a]'];

/** isGlob: [dest, is a glob]. */
export const GLOB_IS_GLOB: [string, boolean][] = [
  ['a/b.py', false],
  ['{data}/scripts/x', false],
  ['a*', true],
  ['a?', true],
  ['a[b]', true],
  ['a\\b', true],
  ['(a|b)', false],
];

/** More texts whose whole outcome (every error, or every finding) the implementations must share. */
export const MORE_TEXTS: [string, string][] = [
  [
    'every error in the file, in line order',
    doc('[sdist]', 'mv: a', 'dir: /a', 'dir: b', 'dir: b', '[wheel]', 'dir: c '),
  ],
  ['stops at 50 errors', sdist(...Array.from({ length: 80 }, (_, i) => `bad line ${i}`))],
  ['a CR on every line, reported once', sdist('dir: a', 'dir: b').replaceAll('\n', '\r\n')],
  ['only the version error', '# pyproject-manifest v9\nthis is not a v1 manifest\n'],
  ['a BOM and a missing final newline', `\ufeff${V1}\n[sdist]\n[wheel]`],
  ['section errors and entries before sections', doc('mod: a -> a', '[wheel]', '[sdist]', '[x]')],
  [
    'several findings in both sections',
    canonicalText(
      ['dir: z', 'mod: p/q/a -> p/q/a', 'gen: p/*', 'mod: p/x -> p/x'],
      ['mod: q -> b/x', 'gen: {data}/scripts/*', 'dir: {data}'],
    ),
  ],
];
