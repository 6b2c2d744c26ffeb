/**
 * explainPath replays expansion for one path. Two checks on real temp trees:
 * - differential: for every file on disk (ignored ones too) and a few that do not exist yet
 *   (created afterwards), explain's answer equals what a full `generateManifest` produces;
 * - a case table, one line per path: the step and rule kind that decided each target.
 */
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { explainPaths } from '../../src/api/explain.js';
import { generateManifest } from '../../src/api/generate.js';
import type { Target } from '../../src/manifest/types.js';
import { makeTree, type TreeSpec } from '../helpers/tree.js';

const PYPROJECT = [
  '[project]',
  'name = "demo-pkg"',
  'readme = "README.md"',
  'license-files = ["LICEN[CS]E*"]',
  '',
  '[tool.manifest]',
  'exclude = ["/docs", "*.tmp"]',
  '',
  '[tool.manifest.sdist]',
  'artifacts = ["/build/lib/*.so", "*.mo"]',
  'generated = ["src/demo_pkg/_version.py"]',
  'rewritten = ["/pyproject.toml", "setup.cfg"]',
  '',
  '[tool.manifest.wheel]',
  'artifacts = ["/build/lib/*.so", "*.mo"]',
  'exclude = ["*.md", "!KEEP.md"]',
  'generated = ["demo_pkg/_version.py"]',
  'rewritten = ["tools/run.sh", "src/demo_pkg/*.json", "_version.py", "*.py", "!core.py"]',
  'map = { "tools/run.sh" = "{data}/scripts/run.sh", "src/demo_pkg/data.json" = "{data}/data/data.json" }',
  '',
].join('\n');

const TREE: TreeSpec = {
  'pyproject.toml': PYPROJECT,
  'README.md': '# demo\n',
  'setup.cfg': '[metadata]\n',
  'LICENSE.txt': 'MIT\n',
  '.gitignore': 'build/\n*.log\n*.mo\nsrc/demo_pkg/_version.py\nsecret/\n',
  'docs/index.md': 'docs\n',
  'tools/run.sh': 'echo\n',
  'build/lib/fast.so': 'elf\n',
  'build/other/x.so': 'elf\n',
  'build/lib/__pycache__/m.so': 'elf\n',
  'notes.tmp': 'x\n',
  'debug.log': 'x\n',
  'src/demo_pkg/__init__.py': '',
  'src/demo_pkg/core.py': 'X = 1\n',
  'src/demo_pkg/README.md': 'pkg\n',
  'src/demo_pkg/KEEP.md': 'keep\n',
  'src/demo_pkg/data.json': '{}\n',
  'src/demo_pkg/locale/fr.mo': 'mo\n',
  'src/demo_pkg/_version.py': '__version__ = "1"\n',
  'src/demo_pkg/.gitignore': '!keep.log\nlocal/\n',
  'src/demo_pkg/keep.log': 'kept\n',
  'src/demo_pkg/local/x.py': '',
  'src/demo_pkg/__pycache__/core.cpython-312.pyc': '',
  'tests/test_core.py': '',
  'tests/.gitignore': '*.snap\n',
  'tests/a.snap': '',
};

/** Every file on disk below `root`, except .git. */
function listDisk(root: string, dir = ''): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(join(root, dir), { withFileTypes: true })) {
    const rel = dir === '' ? entry.name : `${dir}/${entry.name}`;
    if (entry.isDirectory()) out.push(...listDisk(root, rel));
    else out.push(rel);
  }
  return out;
}

/** target → src → DESTs the manifest gives it (mod: and alt: lines), and the SRCs of alt: lines. */
function shippedBy(
  root: string,
): Record<Target, Map<string, string[]>> & { alt: Record<Target, Set<string>> } {
  const { manifest } = generateManifest({ root });
  const out = {
    sdist: new Map<string, string[]>(),
    wheel: new Map<string, string[]>(),
    alt: { sdist: new Set<string>(), wheel: new Set<string>() },
  };
  for (const target of ['sdist', 'wheel'] as const) {
    for (const entry of manifest[target]) {
      if (entry.kind !== 'mod' && entry.kind !== 'alt') continue;
      out[target].set(entry.src, [...(out[target].get(entry.src) ?? []), entry.dest].sort());
      if (entry.kind === 'alt') out.alt[target].add(entry.src);
    }
  }
  return out;
}

describe('explain agrees with a full expansion', () => {
  it('for every file of the tree, ignored or not', () => {
    const root = makeTree(TREE);
    const paths = listDisk(root);
    const shipped = shippedBy(root);
    const { explanations } = explainPaths({ root, paths });
    for (const e of explanations) {
      for (const target of ['sdist', 'wheel'] as const) {
        const t = e[target];
        // A gen: line covers the file: the manifest lists no mod: line for it.
        const expected = t.generatedBy !== undefined ? undefined : shipped[target].get(e.path);
        const got = t.ships && t.generatedBy === undefined ? [...t.dests].sort() : undefined;
        expect({ path: e.path, target, dests: got, alt: t.rewrittenBy !== undefined }).toEqual({
          path: e.path,
          target,
          dests: expected,
          alt: shipped.alt[target].has(e.path),
        });
      }
    }
    // The tree exercises `rewritten` in both sections, and a gen: line winning over it.
    expect([...shipped.alt.sdist].sort()).toEqual(['pyproject.toml', 'setup.cfg']);
    expect([...shipped.alt.wheel].sort()).toEqual([
      'src/demo_pkg/__init__.py',
      'src/demo_pkg/data.json',
      'tools/run.sh',
    ]);
  });

  it('for files that do not exist yet, once they are created', () => {
    const future = [
      'src/demo_pkg/new.py',
      'src/demo_pkg/new.md',
      'build/lib/new.so',
      'build/new.o',
      'docs/new.md',
      'secret/deep/key.txt',
      'src/demo_pkg/local/new.py',
      'new.tmp',
      'src/demo_pkg/other.log',
      'tests/b.snap',
    ];
    const root = makeTree(TREE);
    const before = explainPaths({ root, paths: future }).explanations;
    for (const path of future) writeTree(root, path);
    const shipped = shippedBy(root);
    for (const e of before) {
      for (const target of ['sdist', 'wheel'] as const) {
        const got = e[target].ships ? [...e[target].dests].sort() : undefined;
        expect({ path: e.path, target, dests: got }).toEqual({
          path: e.path,
          target,
          dests: shipped[target].get(e.path),
        });
      }
    }
  });
});

function writeTree(root: string, path: string): void {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), 'new\n');
}

// path → [sdist step, wheel step, hiddenBy of the sdist answer, kind of the sdist rule]
const CASES: [string, string, string, string | undefined, string][] = [
  ['src/demo_pkg/core.py', 'selected', 'selected', undefined, 'default'],
  ['src/demo_pkg/README.md', 'selected', 'exclude', undefined, 'default'],
  ['src/demo_pkg/KEEP.md', 'selected', 'selected', undefined, 'default'],
  ['docs/index.md', 'exclude', 'scope', undefined, 'config'],
  ['build/lib/fast.so', 'artifact', 'scope', undefined, 'config'],
  ['build/other/x.so', 'ignored', 'scope', 'build', 'ignore-file'],
  ['build/lib/__pycache__/m.so', 'ignored', 'scope', 'build', 'ignore-file'],
  ['debug.log', 'ignored', 'scope', undefined, 'ignore-file'],
  ['src/demo_pkg/keep.log', 'selected', 'selected', undefined, 'default'],
  ['src/demo_pkg/local/x.py', 'ignored', 'ignored', 'src/demo_pkg/local', 'ignore-file'],
  ['src/demo_pkg/locale/fr.mo', 'artifact', 'artifact', undefined, 'config'],
  ['src/demo_pkg/_version.py', 'generated', 'generated', undefined, 'config'],
  [
    'src/demo_pkg/__pycache__/core.cpython-312.pyc',
    'builtin',
    'builtin',
    'src/demo_pkg/__pycache__',
    'default',
  ],
  ['src/demo_pkg/data.json', 'selected', 'selected', undefined, 'default'],
  ['tools/run.sh', 'selected', 'mapped', undefined, 'default'],
  ['README.md', 'selected', 'scope', undefined, 'default'],
  ['pyproject.toml', 'selected', 'scope', undefined, 'default'],
  ['PKG-INFO', 'selected', 'scope', undefined, 'default'],
  ['secret/x/y.txt', 'ignored', 'scope', 'secret', 'ignore-file'],
  ['.git/config', 'builtin', 'builtin', '.git', 'default'],
  ['dist/demo_pkg-1.0-py3-none-any.whl', 'builtin', 'builtin', 'dist', 'default'],
];

describe('explain: the step and rule that decided', () => {
  it.each(CASES)('%s → sdist %s, wheel %s', (path, sdistStep, wheelStep, hiddenBy, ruleKind) => {
    const root = makeTree(TREE);
    const [e] = explainPaths({ root, paths: [path] }).explanations;
    expect([e!.sdist.step, e!.wheel.step, e!.sdist.hiddenBy, e!.sdist.rule.kind]).toEqual([
      sdistStep,
      wheelStep,
      hiddenBy,
      ruleKind,
    ]);
  });

  it('names the ignore file and line that hides a path through its parent directory', () => {
    const root = makeTree(TREE);
    const [e] = explainPaths({ root, paths: ['src/demo_pkg/local/x.py'] }).explanations;
    expect(e!.wheel.rule).toEqual({
      kind: 'ignore-file',
      source: 'src/demo_pkg/.gitignore',
      line: 2,
      pattern: 'local/',
    });
    expect(e!.wheel.hiddenBy).toBe('src/demo_pkg/local');
  });

  it('a map pair adds a second wheel DEST to a packaged file', () => {
    const root = makeTree(TREE);
    const [e] = explainPaths({ root, paths: ['src/demo_pkg/data.json'] }).explanations;
    expect(e!.wheel.dests).toEqual(['demo_pkg/data.json', '{data}/data/data.json']);
  });

  it('a readme that is excluded ships anyway (forced), and says what it overrides', () => {
    const root = makeTree({
      ...TREE,
      'pyproject.toml': PYPROJECT.replace(
        'exclude = ["/docs", "*.tmp"]',
        'exclude = ["/docs", "*.tmp", "/README.md"]',
      ),
    });
    const [e] = explainPaths({ root, paths: ['README.md'] }).explanations;
    expect([e!.sdist.step, e!.sdist.rule.key, e!.sdist.overrides?.step]).toEqual([
      'forced',
      'project.readme',
      'exclude',
    ]);
  });

  it('a wheel with no package found says why, for the wheel only', () => {
    const root = makeTree({ 'pyproject.toml': '[project]\nname = "ghost"\n', 'a.txt': '' });
    const [e] = explainPaths({ root, paths: ['a.txt'] }).explanations;
    expect([e!.sdist.ships, e!.wheel.step]).toEqual([true, 'no-package']);
    expect(e!.wheel.message).toMatch(/no package or module for project "ghost"/);
  });

  it('a directory: excluded as a whole, or counted file by file', () => {
    const root = makeTree(TREE);
    const [build, src] = explainPaths({ root, paths: ['build/', 'src'] }).explanations;
    expect([build!.sdist.step, build!.sdist.ships]).toEqual(['ignored', false]);
    expect([src!.sdist.step, src!.sdist.files, src!.wheel.files]).toEqual(['directory', 8, 7]);
  });

  it('rejects paths outside the project', () => {
    const root = makeTree(TREE);
    expect(() => explainPaths({ root, paths: ['../x'] })).toThrow(/leaves the project/);
  });
});

describe('explain: rewritten', () => {
  it('names the rewritten pattern, the negation that keeps a mod: line, and gen: over alt:', () => {
    const root = makeTree(TREE);
    const [init, core, version, cfg] = explainPaths({
      root,
      paths: [
        'src/demo_pkg/__init__.py',
        'src/demo_pkg/core.py',
        'src/demo_pkg/_version.py',
        'setup.cfg',
      ],
    }).explanations;
    expect(init!.wheel.rewrittenBy).toMatchObject({
      kind: 'config',
      key: 'tool.manifest.wheel.rewritten[3]',
      pattern: '*.py',
      line: 18,
    });
    expect(init!.sdist.rewrittenBy).toBeUndefined();
    expect(core!.wheel.rewrittenBy).toBeUndefined();
    expect([version!.wheel.step, version!.wheel.rewrittenBy]).toEqual(['generated', undefined]);
    expect(cfg!.sdist.rewrittenBy).toMatchObject({ key: 'tool.manifest.sdist.rewritten[1]' });
  });
});

describe('explain: negations', () => {
  it('names the ! line that re-included a file, in both targets, as git check-ignore -v does', () => {
    const root = makeTree(TREE);
    const [keep, core, other] = explainPaths({
      root,
      paths: ['src/demo_pkg/keep.log', 'src/demo_pkg/core.py', 'debug.log'],
    }).explanations;
    const negation = {
      kind: 'ignore-file',
      source: 'src/demo_pkg/.gitignore',
      line: 1,
      pattern: '!keep.log',
    };
    expect([keep!.sdist.step, keep!.sdist.reincludedBy]).toEqual(['selected', negation]);
    expect([keep!.wheel.step, keep!.wheel.reincludedBy]).toEqual(['selected', negation]);
    expect(core!.sdist.reincludedBy).toBeUndefined();
    expect([other!.sdist.step, other!.sdist.reincludedBy]).toEqual(['ignored', undefined]);
  });
});
