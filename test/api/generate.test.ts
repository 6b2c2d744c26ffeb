/**
 * Rule expansion end to end on real temp trees: one case per step of the precedence list
 * (MANIFEST-FORMAT.md §7), asserting the exact entry lines of each section.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  expandRules,
  generateManifest,
  ManifestError,
  ManifestErrors,
  parseRulesConfig,
  validateTree,
} from '../../src/index.js';
import { formatEntry } from '../../src/manifest/format.js';
import { makeTree, writeTree, type TreeSpec } from '../helpers/tree.js';

function lines(spec: TreeSpec) {
  const root = makeTree(spec);
  const { manifest } = generateManifest({ root });
  return {
    sdist: manifest.sdist.filter((e) => e.kind !== 'dir').map(formatEntry),
    wheel: manifest.wheel.filter((e) => e.kind !== 'dir').map(formatEntry),
    dirs: manifest.wheel.filter((e) => e.kind === 'dir').map((e) => e.dest),
  };
}

function errorCodes(spec: TreeSpec): string[] {
  try {
    generateManifest({ root: makeTree(spec) });
  } catch (error) {
    if (error instanceof ManifestErrors) return error.errors.map((e) => e.code);
    if (error instanceof ManifestError) return [error.code];
    throw error;
  }
  return [];
}

const mod = (src: string, dest = src) => `mod: ${src} -> ${dest}`;
const base = (table = '') => `[project]\nname = "proj"\n${table}`;

describe('expansion, step by step', () => {
  it('1: built-in exclusions win over artifacts', () => {
    const r = lines({
      'pyproject.toml': base('[tool.manifest]\nartifacts = ["*.pyc"]\n'),
      'proj/__init__.py': '',
      'proj/x.pyc': '',
      'proj/__pycache__/y.txt': '',
    });
    expect(r.wheel).toEqual([mod('proj/__init__.py')]);
  });

  it('1: the root dist/ is built in: a build there leaves validate clean, without a .gitignore', () => {
    const root = makeTree({
      'pyproject.toml': base('[tool.manifest]\nartifacts = ["/dist/*"]\n'),
      'proj/__init__.py': '',
      'proj/dist/data.txt': '',
    });
    writeFileSync(join(root, 'pyproject-manifest.txt'), generateManifest({ root }).text);
    writeTree(root, { 'dist/proj-1.0.tar.gz': '', 'dist/proj-1.0-py3-none-any.whl': '' });
    expect(validateTree({ root }).findings).toEqual([]);
    expect(
      lines({ 'pyproject.toml': base(), 'proj/__init__.py': '', 'dist/x.whl': '' }).sdist,
    ).toEqual([
      'gen: PKG-INFO',
      'gen: proj.egg-info/*',
      mod('proj/__init__.py'),
      mod('pyproject-manifest.txt'),
      mod('pyproject.toml'),
      'gen: setup.cfg',
    ]);
    expect(readFileSync(join(root, 'pyproject-manifest.txt'), 'utf8')).toContain(
      '\nmod: proj/dist/data.txt -> proj/dist/data.txt\n',
    );
  });

  it('2: the wheel takes its package; src/ is stripped', () => {
    const r = lines({
      'pyproject.toml': base(),
      'src/proj/__init__.py': '',
      'src/proj/sub/m.py': '',
      'src/other/x.py': '',
      'tests/t.py': '',
    });
    expect(r.wheel).toEqual([
      mod('src/proj/__init__.py', 'proj/__init__.py'),
      mod('src/proj/sub/m.py', 'proj/sub/m.py'),
    ]);
    expect(r.dirs).toEqual(['proj', 'proj/sub']);
    expect(r.sdist).toContain(mod('tests/t.py'));
    expect(r.sdist).toContain(mod('src/other/x.py'));
  });

  it('3: artifacts re-admit ignored files and win over exclude', () => {
    const r = lines({
      'pyproject.toml': base('[tool.manifest]\nartifacts = ["*.so"]\nexclude = ["*.so"]\n'),
      '.gitignore': '*.so\n',
      'proj/__init__.py': '',
      'proj/_fast.so': '',
      'proj/_listed.so': '',
    });
    expect(r.wheel).toEqual([
      mod('proj/__init__.py'),
      mod('proj/_fast.so'),
      mod('proj/_listed.so'),
    ]);
  });

  it('3: unanchored artifacts never enter an ignored directory; anchored ones do', () => {
    const spec = (artifacts: string) => ({
      'pyproject.toml': base(`[tool.manifest]\nartifacts = [${artifacts}]\n`),
      '.gitignore': '.venv/\nbuild/\n',
      'proj/__init__.py': '',
      '.venv/lib/site.so': '',
      'build/lib/proj/_gen.so': '',
    });
    expect(lines(spec('"*.so"')).sdist).not.toContain(mod('.venv/lib/site.so'));
    expect(lines(spec('"*.so"')).sdist).not.toContain(mod('build/lib/proj/_gen.so'));
    expect(lines(spec('"/build/lib/**/*.so"')).sdist).toContain(mod('build/lib/proj/_gen.so'));
    expect(lines(spec('"/build/lib/**/*.so"')).sdist).not.toContain(mod('.venv/lib/site.so'));
  });

  it('4: ignore files drop what they ignore, nested ones included', () => {
    const r = lines({
      'pyproject.toml': base(),
      '.gitignore': '*.log\n',
      'proj/__init__.py': '',
      'proj/.gitignore': 'local/\n!keep.log\n',
      'proj/local/secret.txt': '',
      'proj/keep.log': '',
      'proj/drop.log': '',
    });
    expect(r.wheel).toEqual([
      mod('proj/.gitignore'),
      mod('proj/__init__.py'),
      mod('proj/keep.log'),
    ]);
  });

  it('4: ignore-file = false honours no ignore file', () => {
    const r = lines({
      'pyproject.toml': base('[tool.manifest]\nignore-file = false\n'),
      '.gitignore': '*.log\n',
      'proj/__init__.py': '',
      'proj/a.log': '',
    });
    expect(r.wheel).toContain(mod('proj/a.log'));
  });

  it('5: include keeps only what it matches', () => {
    const r = lines({
      'pyproject.toml': base('[tool.manifest.sdist]\ninclude = ["/proj", "*.md"]\n'),
      'proj/__init__.py': '',
      'docs/guide.md': '',
      'docs/conf.py': '',
      'tox.ini': '',
    });
    // No [build-system]: setuptools' legacy backend builds it, and writes setup.cfg and the
    // egg-info directory itself (src/backends/setuptools.ts).
    expect(r.sdist).toEqual([
      'gen: PKG-INFO',
      mod('docs/guide.md'),
      'gen: proj.egg-info/*',
      mod('proj/__init__.py'),
      mod('pyproject.toml'),
      'gen: setup.cfg',
    ]);
  });

  it('6: exclude drops; anchored and unanchored patterns differ', () => {
    const r = lines({
      'pyproject.toml': base('[tool.manifest]\nexclude = ["/docs", "*.tmp"]\n'),
      'proj/__init__.py': '',
      'proj/docs/keep.txt': '',
      'proj/x.tmp': '',
      'docs/drop.txt': '',
    });
    expect(r.sdist).toContain(mod('proj/docs/keep.txt'));
    expect(r.sdist).not.toContain(mod('docs/drop.txt'));
    expect(r.sdist).not.toContain(mod('proj/x.tmp'));
  });

  it('7: pyproject.toml, readme and license files always ship in the sdist', () => {
    const r = lines({
      'pyproject.toml': `[project]\nname = "proj"\nreadme = "README.md"\nlicense = { file = "LICENSE" }\nlicense-files = ["licenses/*.txt"]\n\n[tool.manifest]\nexclude = ["*.md", "LICENSE", "licenses/", "pyproject.toml"]\n`,
      '.gitignore': 'README.md\n',
      'README.md': '',
      LICENSE: '',
      'licenses/a.txt': '',
      'proj/__init__.py': '',
    });
    expect(r.sdist).toEqual(
      expect.arrayContaining([
        mod('LICENSE'),
        mod('README.md'),
        mod('licenses/a.txt'),
        mod('pyproject.toml'),
      ]),
    );
  });

  it('7: map adds wheel files, to {data} too', () => {
    const r = lines({
      'pyproject.toml': base(
        '[tool.manifest.wheel]\nmap = { "scripts/run.sh" = "{data}/scripts/run.sh", "share/x.cfg" = "proj/x.cfg" }\n',
      ),
      'proj/__init__.py': '',
      'scripts/run.sh': '',
      'share/x.cfg': '',
    });
    expect(r.wheel).toEqual([
      mod('proj/__init__.py'),
      mod('share/x.cfg', 'proj/x.cfg'),
      mod('scripts/run.sh', '{data}/scripts/run.sh'),
    ]);
    expect(r.dirs).toEqual(['proj', '{data}', '{data}/scripts']);
  });

  it('8: generated covers selected files and adds gen lines; PKG-INFO is always generated', () => {
    const r = lines({
      'pyproject.toml': base(
        '[tool.manifest.sdist]\ngenerated = ["setup.cfg"]\n[tool.manifest.wheel]\ngenerated = ["proj/_version.py", "proj/*.so"]\n',
      ),
      'setup.cfg': '',
      'proj/__init__.py': '',
      'proj/_version.py': '',
    });
    expect(r.sdist).toContain('gen: setup.cfg');
    expect(r.sdist).not.toContain(mod('setup.cfg'));
    expect(r.sdist).toContain('gen: PKG-INFO');
    expect(r.wheel).toEqual(['gen: proj/*.so', mod('proj/__init__.py'), 'gen: proj/_version.py']);
  });

  it('9: rewritten lists selected, forced and mapped files as alt:, per target; gen: wins', () => {
    const r = lines({
      'pyproject.toml': base(
        [
          '[tool.manifest]',
          'rewritten = ["setup.cfg"]',
          '[tool.manifest.sdist]',
          'rewritten = ["/pyproject.toml", "proj/*.py", "!proj/__init__.py"]',
          '[tool.manifest.wheel]',
          'rewritten = ["scripts/", "proj/_version.py"]',
          'generated = ["proj/_version.py"]',
          'map = { "scripts/run" = "{data}/scripts/run" }',
          '',
        ].join('\n'),
      ),
      'setup.cfg': '',
      'scripts/run': '#!/usr/bin/env python\n',
      'proj/__init__.py': '',
      'proj/_version.py': '',
      'proj/core.py': '',
    });
    expect(r.sdist).toEqual([
      'gen: PKG-INFO',
      'gen: proj.egg-info/*',
      mod('proj/__init__.py'),
      'alt: proj/_version.py -> proj/_version.py',
      'alt: proj/core.py -> proj/core.py',
      mod('pyproject-manifest.txt'),
      'alt: pyproject.toml -> pyproject.toml',
      mod('scripts/run'),
      'alt: setup.cfg -> setup.cfg',
    ]);
    expect(r.wheel).toEqual([
      mod('proj/__init__.py'),
      'gen: proj/_version.py',
      mod('proj/core.py'),
      'alt: scripts/run -> {data}/scripts/run',
    ]);
  });

  it('9: an alt: entry carries the rule that selected it and the rewritten rule', () => {
    const root = makeTree({
      'pyproject.toml': base('[tool.manifest.sdist]\nrewritten = ["setup.cfg"]\n'),
      'setup.cfg': '',
      'proj.py': '',
    });
    const entry = generateManifest({ root }).manifest.sdist.find((e) => e.dest === 'setup.cfg');
    expect(entry).toMatchObject({
      kind: 'alt',
      src: 'setup.cfg',
      rule: { kind: 'default' },
      rewrite: { kind: 'config', key: 'tool.manifest.sdist.rewritten[0]', line: 4 },
    });
  });

  it('the manifest lists itself from the first generate, unless ignored', () => {
    expect(lines({ 'pyproject.toml': base(), 'proj.py': '' }).sdist).toContain(
      mod('pyproject-manifest.txt'),
    );
    expect(
      lines({ 'pyproject.toml': base(), 'proj.py': '', '.gitignore': 'pyproject-manifest.*\n' })
        .sdist,
    ).not.toContain(mod('pyproject-manifest.txt'));
  });
});

describe('package detection', () => {
  it.each([
    ['flat package', { 'proj/__init__.py': '' }, [mod('proj/__init__.py')]],
    [
      'src package',
      { 'src/proj/__init__.py': '' },
      [mod('src/proj/__init__.py', 'proj/__init__.py')],
    ],
    ['single module', { 'proj.py': '' }, [mod('proj.py')]],
    ['src single module', { 'src/proj.py': '' }, [mod('src/proj.py', 'proj.py')]],
    ['namespace package', { 'src/proj/sub/m.py': '' }, [mod('src/proj/sub/m.py', 'proj/sub/m.py')]],
  ] as const)('%s', (_name, files, wheel) => {
    expect(lines({ 'pyproject.toml': base(), ...files }).wheel).toEqual(wheel);
  });

  it('normalizes the project name the way hatchling does', () => {
    const r = lines({
      'pyproject.toml': '[project]\nname = "My.Proj-Name"\n',
      'src/my_proj_name/__init__.py': '',
    });
    expect(r.wheel).toEqual([mod('src/my_proj_name/__init__.py', 'my_proj_name/__init__.py')]);
  });

  it('takes explicit packages below packages-dir', () => {
    const r = lines({
      'pyproject.toml': base(
        '[tool.manifest]\npackages-dir = "lib"\n[tool.manifest.wheel]\npackages = ["a", "b.py"]\n',
      ),
      'lib/a/__init__.py': '',
      'lib/b.py': '',
      'lib/c.py': '',
    });
    expect(r.wheel).toEqual([mod('lib/a/__init__.py', 'a/__init__.py'), mod('lib/b.py', 'b.py')]);
  });
});

describe('expansion errors', () => {
  it.each([
    [
      'no package for the name',
      { 'pyproject.toml': base(), 'other/__init__.py': '' },
      ['CONFIG_PACKAGE_NOT_FOUND'],
    ],
    [
      'no project name',
      { 'pyproject.toml': '[tool.manifest]\n', 'x.py': '' },
      ['CONFIG_PACKAGE_NOT_FOUND'],
    ],
    [
      'a missing readme',
      { 'pyproject.toml': base('readme = "README.md"\n'), 'proj.py': '' },
      ['CONFIG_MISSING_FILE'],
    ],
    [
      'a missing map source',
      {
        'pyproject.toml': base(
          '[tool.manifest.wheel]\nmap = { "nope.sh" = "{data}/scripts/nope.sh" }\n',
        ),
        'proj.py': '',
      },
      ['CONFIG_MISSING_FILE'],
    ],
    [
      'two sources for one DEST',
      {
        'pyproject.toml': base(
          '[tool.manifest.wheel]\nmap = { "other.py" = "proj/__init__.py" }\n',
        ),
        'proj/__init__.py': '',
        'other.py': '',
      },
      ['DEST_CONFLICT'],
    ],
    [
      'a file mapped onto the DEST of a directory',
      {
        'pyproject.toml': base('[tool.manifest.wheel]\nmap = { "other.py" = "proj/sub" }\n'),
        'proj/__init__.py': '',
        'proj/sub/x.py': '',
        'other.py': '',
      },
      ['DEST_CONFLICT'],
    ],
    [
      'a generated DEST that is a directory',
      {
        'pyproject.toml': base('[tool.manifest.wheel]\ngenerated = ["proj/sub"]\n'),
        'proj/__init__.py': '',
        'proj/sub/x.py': '',
      },
      ['DEST_CONFLICT'],
    ],
    [
      'a license-files glob matching nothing',
      { 'pyproject.toml': base('license-files = ["LICENSES/*"]\n'), 'proj.py': '' },
      ['CONFIG_MISSING_FILE'],
    ],
  ] as const)('%s', (_name, spec, codes) => {
    expect(errorCodes(spec)).toEqual(codes);
  });

  it('names the DEST that would be both a file and a directory', () => {
    const root = makeTree({
      'pyproject.toml': base(
        '[tool.manifest.wheel]\nmap = { "a.py" = "proj/sub", "b.py" = "proj/z" }\n',
      ),
      'proj/__init__.py': '',
      'proj/sub/x.py': '',
      'proj/z/y/w.py': '',
      'a.py': '',
      'b.py': '',
    });
    let messages: string[] = [];
    try {
      generateManifest({ root });
    } catch (error) {
      if (!(error instanceof ManifestErrors)) throw error;
      messages = error.errors.map((e) => e.message);
    }
    expect(messages).toEqual([
      '[wheel] proj/sub would be both a file and a directory',
      '[wheel] proj/z would be both a file and a directory',
    ]);
  });

  it('reports every expansion problem at once', () => {
    const codes = errorCodes({
      'pyproject.toml': base(
        'readme = "README.md"\n[tool.manifest.wheel]\nmap = { "nope.sh" = "{data}/scripts/nope.sh" }\n',
      ),
      'proj.py': '',
    });
    expect(codes).toEqual(['CONFIG_MISSING_FILE', 'CONFIG_MISSING_FILE']);
  });
});

describe('expansion errors point at their key', () => {
  function firstError(spec: TreeSpec): ManifestError {
    try {
      generateManifest({ root: makeTree(spec) });
    } catch (error) {
      if (error instanceof ManifestErrors) return error.errors[0]!;
      if (error instanceof ManifestError) return error;
      throw error;
    }
    throw new Error('expected an error');
  }

  it.each([
    [
      'a missing readme',
      '[project]\nname = "proj"\nreadme = "README.md"\n',
      { line: 3, keyPath: 'project.readme' },
    ],
    [
      'a missing map source',
      '[project]\nname = "proj"\n\n[tool.manifest.wheel]\n# shared data\nmap = { "nope.sh" = "{data}/scripts/nope.sh" }\n',
      { line: 6, keyPath: 'tool.manifest.wheel.map."nope.sh"' },
    ],
    [
      'a license-files glob matching nothing',
      '[project]\nname = "proj"\nlicense-files = [\n  "LICENSE*",\n  "LICENSES/*",\n]\n',
      { line: 4, keyPath: 'project.license-files[0]' },
    ],
  ])('%s', (_name, pyproject, expected) => {
    const error = firstError({ 'pyproject.toml': pyproject, 'proj.py': '' });
    expect({ line: error.line, keyPath: error.keyPath }).toEqual(expected);
    expect(error.file).toBe('pyproject.toml');
  });
});

describe('expandRules', () => {
  it('sorts what a caller hands it out of order, as the walker never does', () => {
    const config = parseRulesConfig(
      '[project]\nname = "proj"\nversion = "1"\n[tool.manifest]\npackages-dir = ""\n',
      'pyproject.toml',
    );
    const listing = {
      files: ['pyproject.toml', 'proj/z.py', 'proj/a.py', 'proj/__init__.py'].map((path) => ({
        path,
        kind: 'file' as const,
      })),
      ignored: [],
    };
    const inputs = { listing, artifactCandidates: [] };
    const { manifest } = expandRules(config, { sdist: inputs, wheel: inputs, explicit: new Map() });
    expect(manifest.sdist.map((e) => e.dest)).toEqual([
      'PKG-INFO',
      'proj',
      'proj/__init__.py',
      'proj/a.py',
      'proj/z.py',
      'pyproject.toml',
    ]);
    expect(manifest.wheel.map((e) => e.dest)).toEqual([
      'proj',
      'proj/__init__.py',
      'proj/a.py',
      'proj/z.py',
    ]);
  });
});
