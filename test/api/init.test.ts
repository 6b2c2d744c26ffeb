/**
 * init: inference (pure, table-driven) and the one write to pyproject.toml (real temp trees):
 * every byte before the insertion point is unchanged, the table reads back, the manifest is
 * written, and a refusal or a failure leaves the file as it was.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { initProject } from '../../src/api/init.js';
import { parseRulesConfig } from '../../src/rules/config.js';
import { inferRules } from '../../src/rules/infer.js';
import { repoRoot } from '../cli/harness.js';
import { makeTree } from '../helpers/tree.js';

const HATCH = [
  '[build-system]',
  'requires = ["hatchling"]',
  'build-backend = "hatchling.build"',
  '',
  '# The project.',
  '[project]',
  'name = "acme-widgets"   # aligned comment',
  'version = "1.0"',
  '',
  '[tool.hatch.build.targets.sdist]',
  'exclude = ["/docs", "*.tmp"]',
  '',
  '[tool.ruff]',
  'line-length = 100',
].join('\n');

// The fallback for a backend no profile knows (and the layouts it finds).
// [pyproject lines, files, MANIFEST.in, expected layout, expected table lines (after the comments)]
const CASES: [string, string[], string[], string | undefined, string, string[]][] = [
  [
    'setuptools flat',
    ['[project]', 'name = "tinycalc"'],
    ['tinycalc/__init__.py'],
    undefined,
    'flat',
    [],
  ],
  ['src layout', ['[project]', 'name = "a-b"'], ['src/a_b/__init__.py'], undefined, 'src', []],
  [
    'single module',
    ['[project]', 'name = "pathsafe"'],
    ['pathsafe.py'],
    undefined,
    'single-module',
    [],
  ],
  ['namespace', ['[project]', 'name = "ns"'], ['src/ns/sub/mod.py'], undefined, 'namespace', []],
  [
    'hatch exclude + sdist',
    [
      '[project]',
      'name = "x"',
      '[tool.hatch.build]',
      'exclude = ["/docs"]',
      '[tool.hatch.build.targets.sdist]',
      'include = ["/src", "/tests"]',
    ],
    ['src/x/__init__.py'],
    undefined,
    'src',
    ['exclude = ["/docs"]', '', '[tool.manifest.sdist]', 'include = ["/src", "/tests"]'],
  ],
  [
    'hatch wheel packages',
    ['[project]', 'name = "x"', '[tool.hatch.build.targets.wheel]', 'packages = ["lib/foo"]'],
    ['lib/foo/__init__.py'],
    undefined,
    'flat',
    ['', '[tool.manifest.wheel]', 'packages-dir = "lib"', 'packages = ["foo"]'],
  ],
  [
    'hatch ignore-vcs',
    ['[project]', 'name = "x"', '[tool.hatch.build]', 'ignore-vcs = true'],
    ['x.py'],
    undefined,
    'single-module',
    ['ignore-file = false'],
  ],
  [
    'flit module + sdist exclude',
    [
      '[project]',
      'name = "flit-demo"',
      '[tool.flit.module]',
      'name = "fd"',
      '[tool.flit.sdist]',
      'exclude = ["doc/*.html"]',
    ],
    ['fd.py'],
    undefined,
    'single-module',
    [
      '',
      '[tool.manifest.sdist]',
      'exclude = ["/doc/*.html"]',
      '',
      '[tool.manifest.wheel]',
      'packages-dir = ""',
      'packages = ["fd.py"]',
    ],
  ],
  [
    'poetry packages from src',
    [
      '[tool.poetry]',
      'name = "p"',
      'packages = [{ include = "pkg", from = "src" }]',
      'exclude = ["pkg/secret.py"]',
    ],
    ['src/pkg/__init__.py'],
    undefined,
    'src',
    [
      'exclude = ["/pkg/secret.py"]',
      '',
      '[tool.manifest.wheel]',
      'packages-dir = "src"',
      'packages = ["pkg"]',
    ],
  ],
  [
    'pdm package-dir + excludes',
    [
      '[project]',
      'name = "q"',
      '[tool.pdm.build]',
      'package-dir = "src"',
      'excludes = ["**/*.bak"]',
    ],
    ['src/q/__init__.py'],
    undefined,
    'src',
    ['exclude = ["**/*.bak"]', '', '[tool.manifest.wheel]', 'packages-dir = "src"'],
  ],
  [
    'no package under the name',
    ['[project]', 'name = "other"'],
    ['src/real/__init__.py', 'tests/__init__.py'],
    undefined,
    'src',
    ['', '[tool.manifest.wheel]', 'packages-dir = "src"', 'packages = ["real"]'],
  ],
];

describe('inferRules', () => {
  it.each(CASES)('%s', (_name, lines, files, manifestIn, layout, table) => {
    const pyproject = `${lines.join('\n')}\n`;
    const inference = inferRules({
      pyproject,
      files,
      ...(manifestIn !== undefined ? { manifestIn } : {}),
    });
    expect(inference.layout).toBe(layout);
    expect(inference.table.split('\n').slice(3, -1)).toEqual(table);
    // The table is valid config once appended.
    expect(parseRulesConfig(`${pyproject}\n${inference.table}`).hasTable).toBe(true);
  });

  it('reports what it cannot translate', () => {
    const pyproject = [
      '[project]',
      'name = "x"',
      '[tool.hatch.build.targets.wheel]',
      'sources = ["src"]',
      '[tool.poetry]',
      'include = ["CHANGES.md"]',
      '[tool.setuptools]',
      'package-data = { x = ["*.json"] }',
      '',
    ].join('\n');
    const { untranslated } = inferRules({ pyproject, files: ['x/__init__.py'] });
    expect(untranslated).toEqual([
      'tool.hatch.build.targets.wheel.sources: not translated (no equivalent in [tool.manifest])',
      'tool.poetry.include: not translated; ignored files that must ship go in tool.manifest.artifacts',
    ]);
  });
});

describe('initProject', () => {
  it('appends the table, keeps every byte before it, and writes the manifest', () => {
    const root = makeTree({
      'pyproject.toml': HATCH, // no trailing newline
      'src/acme_widgets/__init__.py': '',
      'docs/index.md': '',
      'README.md': '',
    });
    const before = readFileSync(join(root, 'pyproject.toml'));
    const result = initProject({ root });
    const after = readFileSync(join(root, 'pyproject.toml'));
    expect(result.insertedAt).toBe(before.length);
    expect(after.subarray(0, before.length).equals(before)).toBe(true);
    expect(after.subarray(before.length).toString()).toBe(result.appended);
    expect(result.appended.startsWith('\n\n[tool.manifest]\n')).toBe(true);
    expect(result.inference.layout).toBe('src');
    const config = parseRulesConfig(after.toString());
    expect(config.sdist.exclude.map((s) => s.pattern)).toEqual(['/docs', '*.tmp']);
    expect(readFileSync(join(root, 'pyproject-manifest.txt'), 'utf8')).toMatch(
      /^mod: src\/acme_widgets\/__init__.py -> acme_widgets\/__init__.py$/m,
    );
    expect(readFileSync(join(root, 'pyproject-manifest.txt'), 'utf8')).not.toMatch(
      /docs\/index\.md/,
    );
  });

  it('uses the file’s CRLF line endings for the new text', () => {
    const root = makeTree({
      'pyproject.toml': '[project]\r\nname = "x"\r\n',
      'x.py': '',
    });
    initProject({ root });
    const text = readFileSync(join(root, 'pyproject.toml'), 'utf8');
    expect(text.startsWith('[project]\r\nname = "x"\r\n\r\n[tool.manifest]\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/\n/);
  });

  it('refuses when the table exists, and changes nothing', () => {
    const text = '[project]\nname = "x"\n\n[tool.manifest]\nexclude = ["/docs"]\n';
    const root = makeTree({ 'pyproject.toml': text, 'x.py': '' });
    expect(() => initProject({ root })).toThrow(
      expect.objectContaining({ code: 'CONFIG_TABLE_EXISTS', line: 4 }),
    );
    expect(readFileSync(join(root, 'pyproject.toml'), 'utf8')).toBe(text);
    expect(existsSync(join(root, 'pyproject-manifest.txt'))).toBe(false);
  });

  it('puts pyproject.toml back when generating the manifest fails', () => {
    const text = '[project]\nname = "x"\nreadme = "MISSING.md"\n';
    const root = makeTree({ 'pyproject.toml': text, 'x.py': '' });
    expect(() => initProject({ root })).toThrow(
      expect.objectContaining({ code: 'CONFIG_MISSING_FILE' }),
    );
    expect(readFileSync(join(root, 'pyproject.toml'), 'utf8')).toBe(text);
    expect(existsSync(join(root, 'pyproject-manifest.txt'))).toBe(false);
  });

  it('will not append to a file where `tool` is an inline table', () => {
    const text = 'tool = { ruff = { line-length = 100 } }\n[project]\nname = "x"\n';
    const root = makeTree({ 'pyproject.toml': text, 'x.py': '' });
    expect(() => initProject({ root })).toThrow(
      expect.objectContaining({ code: 'CONFIG_INVALID_VALUE' }),
    );
    expect(readFileSync(join(root, 'pyproject.toml'), 'utf8')).toBe(text);
  });

  it('--dry-run writes nothing', () => {
    const root = makeTree({ 'pyproject.toml': '[project]\nname = "x"\n', 'x.py': '' });
    const result = initProject({ root, dryRun: true });
    expect(result.update).toBeUndefined();
    expect(readFileSync(join(root, 'pyproject.toml'), 'utf8')).toBe('[project]\nname = "x"\n');
    expect(existsSync(join(root, 'pyproject-manifest.txt'))).toBe(false);
  });
});

describe('initProject with hatchHook', () => {
  const vendored = readFileSync(join(repoRoot, 'python', 'vendor', 'hatch_build.py'), 'utf8');
  const HATCHLING =
    '[build-system]\nrequires = ["hatchling"]\nbuild-backend = "hatchling.build"\n\n[project]\nname = "x"\n';

  it('writes the vendored hook and its table with the inferred one, and the manifest lists it', () => {
    const root = makeTree({ 'pyproject.toml': HATCHLING, 'x.py': '' });
    const result = initProject({ root, hatchHook: true });
    expect(result.hatchHook).toMatchObject({ file: 'hatch_build.py', status: 'created' });
    expect(result.tableAppended).toBe(true);
    expect(readFileSync(join(root, 'hatch_build.py'), 'utf8')).toBe(vendored);
    const text = readFileSync(join(root, 'pyproject.toml'), 'utf8');
    expect(text.startsWith(HATCHLING)).toBe(true);
    expect(text).toMatch(
      /\n\[tool\.manifest\]\n[\s\S]*\n\n\[tool\.hatch\.build\.hooks\.custom\]\n# /,
    );
    expect(parseRulesConfig(text).hasTable).toBe(true);
    expect(readFileSync(join(root, 'pyproject-manifest.txt'), 'utf8')).toMatch(
      /^mod: hatch_build.py -> hatch_build.py$/m,
    );
  });

  it('adds only the hook where [tool.manifest] exists, names a non-default manifest, and is idempotent', () => {
    const text = `${HATCHLING}\n[tool.manifest]\nexclude = ["/docs"]\n`;
    const root = makeTree({ 'pyproject.toml': text, 'x.py': '' });
    const first = initProject({ root, hatchHook: true, manifestFile: 'release.txt' });
    expect(first.tableAppended).toBe(false);
    expect(readFileSync(join(root, 'pyproject.toml'), 'utf8').slice(text.length)).toBe(
      first.appended,
    );
    expect(first.appended).toMatch(
      /^\n\[tool\.hatch\.build\.hooks\.custom\]\n[\s\S]*\nmanifest = "release.txt"\n$/,
    );
    const again = initProject({ root, hatchHook: true, manifestFile: 'release.txt' });
    expect([again.hatchHook?.status, again.appended]).toEqual(['unchanged', '']);
  });

  it('brings an older vendored copy up to date', () => {
    const root = makeTree({
      'pyproject.toml': `${HATCHLING}\n[tool.manifest]\n\n[tool.hatch.build.hooks.custom]\n`,
      'hatch_build.py': `${vendored.split('\n')[0]}\n# an older version\n`,
      'x.py': '',
    });
    expect(initProject({ root, hatchHook: true }).hatchHook?.status).toBe('updated');
    expect(readFileSync(join(root, 'hatch_build.py'), 'utf8')).toBe(vendored);
  });

  // [name, pyproject.toml, hatch_build.py, code, line]
  // prettier-ignore
  const refusals: [string, string, string | undefined, string, number | undefined][] = [
    ['another backend', '[build-system]\nbuild-backend = "flit_core.buildapi"\n[project]\nname = "x"\n', undefined, 'CONFIG_INVALID_VALUE', 2],
    ['no backend', '[project]\nname = "x"\n', undefined, 'CONFIG_INVALID_VALUE', undefined],
    ['a custom hook of its own', `${HATCHLING}[tool.hatch.build.hooks.custom]\n`, 'print(1)\n', 'CONFIG_HOOK_EXISTS', 7],
    ['a custom hook elsewhere', `${HATCHLING}[tool.hatch.build.hooks.custom]\npath = "build/hook.py"\n`, undefined, 'CONFIG_HOOK_EXISTS', 7],
    ['a foreign hatch_build.py', HATCHLING, 'print(1)\n', 'CONFIG_HOOK_EXISTS', undefined],
    ['the installed hook', `${HATCHLING}[tool.hatch.build.hooks.manifest]\n`, undefined, 'CONFIG_HOOK_EXISTS', 7],
  ];
  it.each(refusals)('refuses %s and changes nothing', (_name, pyproject, hook, code, line) => {
    const root = makeTree({
      'pyproject.toml': pyproject,
      'x.py': '',
      ...(hook !== undefined ? { 'hatch_build.py': hook } : {}),
    });
    expect(() => initProject({ root, hatchHook: true })).toThrow(
      expect.objectContaining({ code, line }),
    );
    expect(readFileSync(join(root, 'pyproject.toml'), 'utf8')).toBe(pyproject);
    expect(existsSync(join(root, 'hatch_build.py'))).toBe(hook !== undefined);
    if (hook !== undefined) expect(readFileSync(join(root, 'hatch_build.py'), 'utf8')).toBe(hook);
    expect(existsSync(join(root, 'pyproject-manifest.txt'))).toBe(false);
  });

  it('takes hatch_build.py out again when generating the manifest fails', () => {
    const text = `${HATCHLING}readme = "MISSING.md"\n`;
    const root = makeTree({ 'pyproject.toml': text, 'x.py': '' });
    expect(() => initProject({ root, hatchHook: true })).toThrow(
      expect.objectContaining({ code: 'CONFIG_MISSING_FILE' }),
    );
    expect(readFileSync(join(root, 'pyproject.toml'), 'utf8')).toBe(text);
    expect(existsSync(join(root, 'hatch_build.py'))).toBe(false);
  });

  it('--dry-run writes nothing', () => {
    const root = makeTree({ 'pyproject.toml': HATCHLING, 'x.py': '' });
    const result = initProject({ root, hatchHook: true, dryRun: true });
    expect(result.hatchHook?.status).toBe('created');
    expect(existsSync(join(root, 'hatch_build.py'))).toBe(false);
    expect(readFileSync(join(root, 'pyproject.toml'), 'utf8')).toBe(HATCHLING);
  });
});

describe('initProject on a setup.py/setup.cfg-only project', () => {
  const SIX = {
    'setup.py': 'from setuptools import setup\nsetup(name="six", py_modules=["six"])\n',
    'six.py': '',
    'test_six.py': '',
    'README.rst': '',
  };

  it('creates pyproject.toml holding only the table, and reports exactly the keys written', () => {
    const root = makeTree(SIX);
    const dry = initProject({ root, dryRun: true });
    expect(existsSync(join(root, 'pyproject.toml'))).toBe(false);
    const real = initProject({ root });
    expect(real.createsPyproject).toBe(true);
    expect(real.inference).toEqual(dry.inference);
    const text = readFileSync(join(root, 'pyproject.toml'), 'utf8');
    expect(text).toBe(real.inference.table);
    expect(text).not.toMatch(/build-system/);
    expect(real.inference.written).toEqual([
      'tool.manifest.include',
      'tool.manifest.wheel.packages',
      'tool.manifest.wheel.exclude',
    ]);
    const manifest = readFileSync(join(root, 'pyproject-manifest.txt'), 'utf8');
    expect(manifest).toMatch(/^mod: six\.py -> six\.py$/m);
    expect(manifest).not.toMatch(/test_six/);
    expect(manifest).toMatch(/^gen: six\.egg-info\/\*$/m);
  });

  it('removes the pyproject.toml it created when the manifest cannot be written', () => {
    const root = makeTree({ ...SIX, 'pyproject-manifest.txt': 'not a manifest\n' });
    expect(() => initProject({ root })).toThrow(expect.objectContaining({ code: 'WRITE_REFUSED' }));
    expect(existsSync(join(root, 'pyproject.toml'))).toBe(false);
  });

  it('still needs one of pyproject.toml, setup.py, setup.cfg', () => {
    const root = makeTree({ 'six.py': '' });
    expect(() => initProject({ root })).toThrow(
      expect.objectContaining({ code: 'PROJECT_NOT_FOUND' }),
    );
  });
});
