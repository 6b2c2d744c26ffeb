/**
 * Seeded random source trees for the walker-vs-git fuzzer (test/differential/fuzz.test.ts and
 * `npm run fuzz`).
 *
 * Owns: a fast-check arbitrary of raw trees (nested directories, ignore files at random depths with
 * random mixes of plain, anchored, directory-only, negated, `**`, bracket and escaped patterns
 * (`\#`, `\!`, trailing `\ `, escaped slashes), CRLF, a BOM, NUL and bytes that are not UTF-8,
 * unicode and odd names, symlinks to files, directories, nowhere, outside the project and to
 * themselves, nested repositories, empty directories), turning a raw tree into a {@link TreeSpec},
 * running one tree against git, and printing a divergence as a case ready to paste into
 * test/cases/gitignore.ts. Must not: reach the network, or leave temp directories behind.
 *
 * Why fast-check: a seed fixes the tree, and on a divergence fast-check shrinks the raw tree
 * (drops entries, pattern lines and segments) while the divergence persists, so the report is a
 * minimal tree for free. Names and pattern pieces come from small pools so that patterns hit.
 */
import fc from 'fast-check';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { walkTree } from '../../src/tree/walk.js';
import { listSubdirectories, listUntracked, sortPaths, type GitSandbox } from '../helpers/git.js';
import { writeTree, type TreeSpec } from '../helpers/tree.js';

/** Names of files and directories: plain, dotted, unicode (NFC and NFD), spaces, glob characters. */
const ODD_NAMES = [
  '.hidden',
  'café',
  'cafe\u0301',
  'données',
  '😀',
  '日本',
  'sp ace',
  'trail ',
  ' lead',
  'tab\tx',
  'new\nline',
  '#hash',
  '!bang',
  '[ab]',
  'a*b',
  'q?',
  'back\\slash',
  '-dash',
  '"q"',
  'x.pyc',
  'README',
  'readme',
] as const;
const PLAIN_NAMES = [
  'a',
  'b',
  'c',
  'ab',
  'a.txt',
  'b.log',
  'm.py',
  'build',
  'dist',
  'one',
  'x',
  'B',
];
const DIR_NAMES = ['a', 'b', 'build', 'dist', 'sub', 'one', 'src', 'données', 'sp ace', '.hidden'];

/** Pattern segments: literals, wildcards, brackets, escapes; each a valid piece between slashes. */
const SEGMENTS = [
  ...PLAIN_NAMES,
  ...DIR_NAMES,
  '*',
  '**',
  '***',
  '?',
  '*.txt',
  '*.log',
  'a*',
  '*b',
  'a?',
  '[ab]',
  '[!a]*',
  '[^b]',
  '[a-c]',
  '[[:alpha:]]*',
  '[[:digit:]]',
  '[[:upper:]]*',
  '[A-Z]*',
  'README',
  'Readme',
  'caf?',
  'caf??',
  'ca[fé]*',
  'données',
  'caf\u00e9',
  '😀*',
  '\\#hash',
  '#hash',
  '\\!bang',
  'trail\\ ',
  'sp\\ ace',
  'sp ace',
  'a\\*b',
  'q\\?',
  '\\[ab]',
  '[ab',
  'back\\\\slash',
  'x**',
  '**b',
  'b**',
];

/** Whole lines that are not built from segments. */
const SPECIAL_LINES = [
  '',
  '#comment',
  ' #not-a-comment',
  '!',
  '/',
  '**/',
  '*/',
  '\\',
  ' ',
  '*',
  '!*/',
  '!.gitignore',
  // A BOM is skipped at the start of a file only.
  '\uFEFF*.log',
  // Bytes that are not UTF-8 (see RAW_BYTE): matched as bytes by git.
  '\uE0FF',
  'caf?\uE0A9',
  '*\uE0C3',
  // Escaped slashes: a slash to wildmatch, and `**` before one is a globstar.
  'a/**\\/b',
  '**\\/b',
  'a**\\/b',
  'sub\\/a',
  '*\\/**',
  // A NUL ends the line for git.
  'b\u0000x',
  'a.txt\u0000',
];

/** In generated ignore-file text, U+E000 + b stands for the raw byte b (the file is then not UTF-8). */
const RAW_BYTE = /[\uE000-\uE0FF]/;

/** `text` as UTF-8, except that U+E000–U+E0FF become the single bytes 0x00–0xFF. */
function encodeWithRawBytes(text: string): Buffer {
  const parts: Buffer[] = [];
  for (const char of text) {
    const code = char.codePointAt(0)!;
    parts.push(code >= 0xe000 && code <= 0xe0ff ? Buffer.from([code - 0xe000]) : Buffer.from(char));
  }
  return Buffer.concat(parts);
}

const SYMLINK_TARGETS = ['a', 'b', 'build', 'sub', '..', '.', '../..', 'nowhere', '/', '/tmp'];

/** One entry of a raw tree; `dir` is the chain of directory names it lives in. */
export type RawEntry =
  | { kind: 'file'; dir: string[]; name: string }
  | { kind: 'empty-dir'; dir: string[]; name: string }
  | { kind: 'ignore'; dir: string[]; lines: string[]; crlf: boolean; finalNewline: boolean }
  | { kind: 'symlink'; dir: string[]; name: string; target: string }
  | { kind: 'repo'; dir: string[]; name: string };

/** What the arbitrary generates and fast-check shrinks. */
export interface RawTree {
  entries: RawEntry[];
}

const name = fc.oneof(
  { arbitrary: fc.constantFrom(...PLAIN_NAMES), weight: 4 },
  { arbitrary: fc.constantFrom(...ODD_NAMES), weight: 1 },
);
const dirName = fc.oneof(
  // A few common names, so that files, ignore files and patterns meet in the same directories.
  { arbitrary: fc.constantFrom('a', 'sub', 'build'), weight: 6 },
  { arbitrary: fc.constantFrom(...DIR_NAMES), weight: 2 },
  { arbitrary: fc.constantFrom(...ODD_NAMES), weight: 1 },
);
const dir = fc.array(dirName, { maxLength: 3, size: 'max' });

const patternLine: fc.Arbitrary<string> = fc.oneof(
  {
    weight: 8,
    arbitrary: fc
      .record({
        negate: fc.boolean(),
        anchor: fc.boolean(),
        // Mostly one segment (matched against the basename at any depth), sometimes a path.
        segments: fc.oneof(
          { weight: 3, arbitrary: fc.tuple(fc.constantFrom(...SEGMENTS)) },
          {
            weight: 2,
            arbitrary: fc.array(fc.constantFrom(...SEGMENTS), { minLength: 2, maxLength: 3 }),
          },
        ),
        dirOnly: fc.boolean(),
        trailing: fc.constantFrom('', '', '', ' ', '  ', '\t'),
      })
      .map(
        ({ negate, anchor, segments, dirOnly, trailing }) =>
          `${negate ? '!' : ''}${anchor ? '/' : ''}${segments.join('/')}${dirOnly ? '/' : ''}${trailing}`,
      ),
  },
  { weight: 1, arbitrary: fc.constantFrom(...SPECIAL_LINES) },
);

const entry: fc.Arbitrary<RawEntry> = fc.oneof(
  { weight: 12, arbitrary: fc.record({ kind: fc.constant('file' as const), dir, name }) },
  {
    weight: 8,
    arbitrary: fc.record({
      kind: fc.constant('ignore' as const),
      dir,
      lines: fc.array(patternLine, { minLength: 1, maxLength: 6, size: 'max' }),
      // Mostly LF; shrinks to LF.
      crlf: fc.oneof(
        { arbitrary: fc.constant(false), weight: 4 },
        { arbitrary: fc.constant(true), weight: 1 },
      ),
      finalNewline: fc.boolean(),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('symlink' as const),
      dir,
      name: fc.oneof(name, fc.constant('.gitignore')),
      target: fc.oneof(fc.constantFrom(...SYMLINK_TARGETS), name),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('empty-dir' as const), dir, name }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('repo' as const), dir, name }) },
);

/** Random raw trees: up to 60 entries, about a third of them ignore files. */
export function arbitraryTree(): fc.Arbitrary<RawTree> {
  return fc.record({ entries: fc.array(entry, { maxLength: 60, size: 'max' }) });
}

function joinPath(parts: readonly string[]): string {
  return parts.join('/');
}

/**
 * The tree a raw tree stands for. Conflicts are settled deterministically: a path needed as a
 * directory stays a directory (a file or symlink of that name is dropped), the first leaf of a path
 * wins, and the ignore-file entries of one directory are concatenated in order.
 */
export function toTreeSpec(raw: RawTree): TreeSpec {
  const dirs = new Set<string>();
  const addDirs = (parts: readonly string[]): void => {
    for (let i = 1; i <= parts.length; i++) dirs.add(joinPath(parts.slice(0, i)));
  };
  for (const e of raw.entries) {
    addDirs(e.dir);
    if (e.kind === 'empty-dir' || e.kind === 'repo') addDirs([...e.dir, e.name]);
  }
  const spec: TreeSpec = {};
  const taken = new Set<string>();
  const ignoreTexts = new Map<string, string>();
  for (const e of raw.entries) {
    if (e.kind !== 'ignore') continue;
    const path = joinPath([...e.dir, '.gitignore']);
    const eol = e.crlf ? '\r\n' : '\n';
    const text = e.lines.join(eol) + (e.finalNewline ? eol : '');
    const before = ignoreTexts.get(path);
    ignoreTexts.set(path, before === undefined ? text : `${before}${eol}${text}`);
  }
  for (const [path, text] of ignoreTexts) {
    if (dirs.has(path)) continue;
    spec[path] = RAW_BYTE.test(text) ? encodeWithRawBytes(text) : text;
    taken.add(path);
  }
  for (const e of raw.entries) {
    if (e.kind === 'ignore') continue;
    const path = joinPath([...e.dir, e.name]);
    if (e.kind === 'empty-dir') {
      spec[`${path}/`] = '';
      continue;
    }
    if (e.kind === 'repo') {
      spec[`${path}/.git/HEAD`] = 'ref: refs/heads/main\n';
      spec[`${path}/.git/objects/`] = '';
      spec[`${path}/.git/refs/`] = '';
      spec[`${path}/inner`] = '';
      continue;
    }
    if (dirs.has(path) || taken.has(path)) continue;
    taken.add(path);
    spec[path] = e.kind === 'file' ? '' : { symlink: e.target };
  }
  return spec;
}

/** What git and the walker list for one tree, and their difference (empty when they agree). */
export interface TreeComparison {
  git: string[];
  ours: string[];
  /** One line per path listed by only one side, `-` for git only, `+` for the walker only. */
  diff: string[];
}

/**
 * Materialize `spec` in a fresh repository (a hand-made `.git`: no template, no config, no
 * `info/exclude`), list it with one `git ls-files` call and with `walkTree`, then up to three of
 * its directories as projects inside the repository, and remove it.
 */
export function compareWithGit(sandbox: GitSandbox, spec: TreeSpec): TreeComparison {
  const root = mkdtempSync(join(tmpdir(), 'pm-fuzz-'));
  try {
    mkdirSync(join(root, '.git/objects'), { recursive: true });
    mkdirSync(join(root, '.git/refs'));
    writeFileSync(join(root, '.git/HEAD'), 'ref: refs/heads/main\n');
    writeTree(root, spec);
    const git = sortPaths(listUntracked(sandbox, root));
    let ours: string[];
    try {
      ours = walkTree(root).files.map((f) => f.path);
    } catch (error) {
      return { git, ours: [], diff: [`! walkTree threw: ${String(error)}`] };
    }
    const diff = diffListings(git, ours, '');
    // The project in a subdirectory of the repository (#9): git applies the ignore files from the
    // repository root down. Up to three directories per tree (first, middle and last in order).
    const dirs = listSubdirectories(root);
    const picked = new Set(
      [0, dirs.length >> 1, dirs.length - 1].filter((i) => i >= 0 && i < dirs.length),
    );
    for (const index of picked) {
      const sub = dirs[index]!;
      const subRoot = join(root, sub);
      let subOurs: string[];
      try {
        subOurs = walkTree(subRoot).files.map((f) => f.path);
      } catch (error) {
        diff.push(`! walkTree of ${sub}/ threw: ${String(error)}`);
        continue;
      }
      diff.push(...diffListings(sortPaths(listUntracked(sandbox, subRoot)), subOurs, `${sub}/: `));
    }
    return { git, ours, diff };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

/** What only git lists (`-`) and only the walker lists (`+`), each line after `label`. */
function diffListings(git: readonly string[], ours: readonly string[], label: string): string[] {
  const gitSet = new Set(git);
  const ourSet = new Set(ours);
  const diff = [
    ...git.filter((p) => !ourSet.has(p)).map((p) => `${label}- ${JSON.stringify(p)}`),
    ...ours.filter((p) => !gitSet.has(p)).map((p) => `${label}+ ${JSON.stringify(p)}`),
  ];
  if (diff.length === 0 && ours.join('\0') !== git.join('\0'))
    diff.push(`${label}! same paths, order differs`);
  return diff;
}

/** The result of fuzzing one seed. */
export type SeedResult =
  | { seed: number; agrees: true }
  | { seed: number; agrees: false; spec: TreeSpec; comparison: TreeComparison; shrinks: number };

/**
 * Generate the tree of `seed`, compare walker and git; on a divergence let fast-check shrink the
 * tree to a minimal one that still diverges.
 */
export function fuzzSeed(sandbox: GitSandbox, seed: number): SeedResult {
  const details = fc.check(
    fc.property(
      arbitraryTree(),
      (raw) => compareWithGit(sandbox, toTreeSpec(raw)).diff.length === 0,
    ),
    { seed, numRuns: 1 },
  );
  if (!details.failed || details.counterexample === null) return { seed, agrees: true };
  const spec = toTreeSpec(details.counterexample[0]);
  return {
    seed,
    agrees: false,
    spec,
    comparison: compareWithGit(sandbox, spec),
    shrinks: details.numShrinks,
  };
}

/** `value` as a JS literal: JSON strings, `{ symlink: … }` objects. */
function literal(value: TreeSpec[string]): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (Buffer.isBuffer(value)) return `Buffer.from(${JSON.stringify(value.toString('hex'))}, 'hex')`;
  if ('symlink' in value) return `{ symlink: ${JSON.stringify(value.symlink)} }`;
  return `{ mode: 0o${value.mode.toString(8)}, text: ${JSON.stringify(value.text)} }`;
}

/**
 * A divergence as a `GitignoreCase` literal to paste into test/cases/gitignore.ts (without
 * `expected`, so git decides), preceded by comments naming what each side listed.
 */
export function formatDivergence(result: Extract<SeedResult, { agrees: false }>): string {
  const lines = [
    `// fuzz seed ${result.seed} (shrunk ${result.shrinks} times); '-' only git lists, '+' only walkTree:`,
    ...result.comparison.diff.map((d) => `//   ${d}`),
    '{',
    `  name: 'fuzz seed ${result.seed}: <what the tree pins>',`,
    '  tree: {',
    ...Object.entries(result.spec).map(
      ([path, value]) => `    ${JSON.stringify(path)}: ${literal(value)},`,
    ),
    '  },',
    '},',
  ];
  return lines.join('\n');
}
