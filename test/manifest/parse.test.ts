/**
 * parseManifest: valid forms give the entries, and each invalid form of MANIFEST-FORMAT.md §1–§5
 * and §8 gives its code at the right line and column.
 */
import { describe, expect, it } from 'vitest';
import { ManifestError, ManifestErrors } from '../../src/errors.js';
import { parseManifest } from '../../src/manifest/parse.js';
import type { ManifestEntry } from '../../src/manifest/types.js';

const V1 = '# pyproject-manifest v1';

/** A manifest text: the format line, then `lines`, each ended by LF. */
function doc(...lines: string[]): string {
  return [V1, ...lines].join('\n') + '\n';
}
/** Entries in [sdist] only. */
function sdist(...lines: string[]): string {
  return doc('[sdist]', ...lines, '[wheel]');
}
/** Entries in [wheel] only. */
function wheel(...lines: string[]): string {
  return doc('[sdist]', '[wheel]', ...lines);
}

function errorsOf(text: string): { code: string; line?: number; column?: number }[] {
  try {
    parseManifest(text, 'pyproject-manifest.txt');
  } catch (error) {
    const list = error instanceof ManifestErrors ? error.errors : [error as ManifestError];
    return list.map((e) => ({ code: e.code, line: e.line, column: e.column }));
  }
  return [];
}

const strip = (entries: ManifestEntry[]) => entries.map(({ line: _line, ...rest }) => rest);

describe('parseManifest: valid', () => {
  it.each<[string, string, ManifestEntry[], ManifestEntry[]]>([
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
      'same DEST in both sections',
      doc('[sdist]', 'dir: a', '[wheel]', 'dir: a'),
      [{ kind: 'dir', dest: 'a' }],
      [{ kind: 'dir', dest: 'a' }],
    ],
  ])('%s', (_name, text, sdistEntries, wheelEntries) => {
    const manifest = parseManifest(text, 'pyproject-manifest.txt');
    expect(manifest.version).toBe(1);
    expect(strip(manifest.sdist)).toEqual(sdistEntries);
    expect(strip(manifest.wheel)).toEqual(wheelEntries);
  });

  it('records the 1-based line of each entry', () => {
    const manifest = parseManifest(
      doc('', '[sdist]', '# c', 'dir: a', '[wheel]', 'dir: b'),
      'pyproject-manifest.txt',
    );
    expect(manifest.sdist[0]?.line).toBe(5);
    expect(manifest.wheel[0]?.line).toBe(7);
  });
});

describe('parseManifest: invalid', () => {
  it.each<[string, string, string, number, number]>([
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
    [
      'unsupported version',
      '# pyproject-manifest v2\n[sdist]\n[wheel]\n',
      'MANIFEST_VERSION',
      1,
      23,
    ],
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
    [
      'column counts characters, not UTF-16 units',
      sdist('dir: 😀/'),
      'MANIFEST_INVALID_PATH',
      3,
      7,
    ],
    // §4.3, §4.4
    ['sdist DEST differs from SRC', sdist('mod: a -> b'), 'MANIFEST_INVALID_PATH', 3, 11],
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
      'bare and quoted spelling of one DEST',
      wheel('mod: x -> a', 'mod: y -> "a"'),
      'MANIFEST_DUPLICATE',
      5,
      11,
    ],
  ])('%s', (_name, text, code, line, column) => {
    expect(errorsOf(text)).toEqual([{ code, line, column }]);
  });
});

describe('parseManifest: error reporting', () => {
  it('collects every error in the file, in line order', () => {
    const text = doc('[sdist]', 'mv: a', 'dir: /a', 'dir: b', 'dir: b', '[wheel]', 'dir: c ');
    expect(errorsOf(text)).toEqual([
      { code: 'MANIFEST_SYNTAX', line: 3, column: 1 },
      { code: 'MANIFEST_INVALID_PATH', line: 4, column: 6 },
      { code: 'MANIFEST_DUPLICATE', line: 6, column: 6 },
      { code: 'MANIFEST_SYNTAX', line: 8, column: 7 },
    ]);
  });

  it('stops at 50 errors', () => {
    const bad = Array.from({ length: 80 }, (_, i) => `bad line ${i}`);
    expect(errorsOf(sdist(...bad))).toHaveLength(50);
  });

  it('reports a CR once for the whole file', () => {
    const errors = errorsOf(sdist('dir: a', 'dir: b').replaceAll('\n', '\r\n'));
    expect(errors).toEqual([{ code: 'MANIFEST_SYNTAX', line: 1, column: 24 }]);
  });

  it('reports only the version error, whatever follows', () => {
    expect(errorsOf('# pyproject-manifest v9\nthis is not a v1 manifest\n')).toEqual([
      { code: 'MANIFEST_VERSION', line: 1, column: 23 },
    ]);
  });

  it('carries file, received text and a hint, in one line', () => {
    let caught: unknown;
    try {
      parseManifest(sdist('mod: a -> b'), 'sub/pyproject-manifest.txt');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ManifestError);
    const error = caught as ManifestError;
    expect(error.file).toBe('sub/pyproject-manifest.txt');
    expect(error.received).toBe('mod: a -> b');
    expect(error.hint).toBeTruthy();
    expect(error.message).not.toContain('\n');
    expect(error.message).toContain('DEST must equal SRC');
  });

  it('hints at upgrading for a newer version', () => {
    try {
      parseManifest('# pyproject-manifest v2\n', 'pyproject-manifest.txt');
      expect.unreachable();
    } catch (error) {
      expect((error as ManifestError).hint).toMatch(/upgrade/);
      expect((error as ManifestError).message).toMatch(/version 2 is not supported/);
    }
  });
});
