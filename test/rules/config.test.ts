/**
 * parseRulesConfig and locateKey on real TOML text: every key, defaults, merging, type and value
 * errors, unknown keys with suggestions, line numbers in a realistic pyproject.toml, all problems
 * at once, and TOML syntax errors.
 */
import { describe, expect, it } from 'vitest';
import { ManifestError, ManifestErrors } from '../../src/errors.js';
import { parseRulesConfig, type RulesConfig } from '../../src/rules/config.js';
import {
  createKeyLocator,
  formatKeyPath,
  locateKey,
  parseKeyPath,
} from '../../src/rules/toml-locate.js';

/** The errors parseRulesConfig throws for `text` (one or several), or [] when it parses. */
function errorsOf(text: string): ManifestError[] {
  try {
    parseRulesConfig(text);
    return [];
  } catch (error) {
    if (error instanceof ManifestErrors) return [...error.errors];
    if (error instanceof ManifestError) return [error];
    throw error;
  }
}

/** One error for `text`, as the fields tests compare. */
function onlyError(text: string): Record<string, unknown> {
  const errors = errorsOf(text);
  expect(errors).toHaveLength(1);
  const e = errors[0]!;
  return { code: e.code, keyPath: e.keyPath, line: e.line, received: e.received, hint: e.hint };
}

const REALISTIC = `# Acme widgets: a realistic pyproject with comments and multi-line arrays.
[build-system]
requires = ["hatchling"]   # [not a table]
build-backend = "hatchling.build"

[project]
name = "acme-widgets"
version = "1.4.0"
description = "Widgets # with a hash and [brackets]"
readme = { file = "README.md", content-type = "text/markdown" }
license = "MIT"
license-files = [
  "LICEN[CS]E*",
  "licenses/*.txt",
]
dynamic = ["version"]

[tool.ruff]
line-length = 100

[tool.manifest]
packages-dir = "src"
# Documentation sources stay in the repository.
exclude = [
  "/docs",            # anchored
  '*.schema.json',    # literal string, any depth
  """/bench""",
]
artifacts = ["/src/acme_widgets/_build_info.json"]

[tool.manifest.sdist]
ignore-file = ["**/.gitignore", "**/.sdistignore"]
include = ["/src", "/tests", "/README.md"]
generated = ["src/acme_widgets/_version.py"]

[tool.manifest.wheel]
ignore-file = false
exclude = [
  "*.md",
  "!README.md",
]
generated = ["acme_widgets/_version.py"]
packages = ["acme_widgets", "acme_plugins/extra", "acme_cli.py"]
map = { "scripts/acme-report" = "{data}/scripts/acme-report", "share/acme.desktop" = "{data}/data/share/applications/acme.desktop" }
`;

describe('parseRulesConfig: a realistic pyproject.toml', () => {
  const config = parseRulesConfig(REALISTIC);

  it('reads [project]', () => {
    expect(config.hasTable).toBe(true);
    expect(config.project).toEqual({
      name: 'acme-widgets',
      version: '1.4.0',
      readme: { path: 'README.md', key: 'project.readme.file' },
      licenseFiles: [
        { pattern: 'LICEN[CS]E*', key: 'project.license-files[0]', glob: true },
        { pattern: 'licenses/*.txt', key: 'project.license-files[1]', glob: true },
      ],
      dynamic: ['version'],
    });
  });

  it('merges shared then per-target lists, each pattern with its key and line', () => {
    expect(config.sdist.exclude).toEqual([
      { pattern: '/docs', key: 'tool.manifest.exclude[0]', line: 25 },
      { pattern: '*.schema.json', key: 'tool.manifest.exclude[1]', line: 26 },
      { pattern: '/bench', key: 'tool.manifest.exclude[2]', line: 27 },
    ]);
    expect(config.wheel.exclude.map((s) => [s.pattern, s.key, s.line])).toEqual([
      ['/docs', 'tool.manifest.exclude[0]', 25],
      ['*.schema.json', 'tool.manifest.exclude[1]', 26],
      ['/bench', 'tool.manifest.exclude[2]', 27],
      ['*.md', 'tool.manifest.wheel.exclude[0]', 39],
      ['!README.md', 'tool.manifest.wheel.exclude[1]', 40],
    ]);
    expect(config.sdist.include.map((s) => [s.key, s.line])).toEqual([
      ['tool.manifest.sdist.include[0]', 33],
      ['tool.manifest.sdist.include[1]', 33],
      ['tool.manifest.sdist.include[2]', 33],
    ]);
    expect(config.wheel.include).toEqual([]);
    expect(config.sdist.artifacts).toEqual([
      {
        pattern: '/src/acme_widgets/_build_info.json',
        key: 'tool.manifest.artifacts[0]',
        line: 29,
      },
    ]);
    expect(config.wheel.artifacts).toEqual(config.sdist.artifacts);
  });

  it('lets a target replace ignore-file', () => {
    expect(config.sdist.ignoreFiles).toEqual(['**/.gitignore', '**/.sdistignore']);
    expect(config.wheel.ignoreFiles).toBe(false);
  });

  it('keeps generated per target', () => {
    expect(config.sdist.generated).toEqual([
      {
        pattern: 'src/acme_widgets/_version.py',
        key: 'tool.manifest.sdist.generated[0]',
        line: 34,
      },
    ]);
    expect(config.wheel.generated).toEqual([
      { pattern: 'acme_widgets/_version.py', key: 'tool.manifest.wheel.generated[0]', line: 42 },
    ]);
  });

  it('reads the wheel-only keys', () => {
    expect(config.wheel.packagesDir).toEqual({
      pattern: 'src',
      key: 'tool.manifest.packages-dir',
      line: 22,
    });
    expect(config.wheel.packages?.map((p) => [p.pattern, p.key, p.line])).toEqual([
      ['acme_widgets', 'tool.manifest.wheel.packages[0]', 43],
      ['acme_plugins/extra', 'tool.manifest.wheel.packages[1]', 43],
      ['acme_cli.py', 'tool.manifest.wheel.packages[2]', 43],
    ]);
    expect(config.wheel.map).toEqual([
      {
        src: 'scripts/acme-report',
        dest: '{data}/scripts/acme-report',
        key: 'tool.manifest.wheel.map."scripts/acme-report"',
        line: 44,
      },
      {
        src: 'share/acme.desktop',
        dest: '{data}/data/share/applications/acme.desktop',
        key: 'tool.manifest.wheel.map."share/acme.desktop"',
        line: 44,
      },
    ]);
  });
});

describe('parseRulesConfig: defaults', () => {
  const defaults = (config: RulesConfig): void => {
    for (const target of [config.sdist, config.wheel]) {
      expect(target).toMatchObject({
        ignoreFiles: ['**/.gitignore'],
        include: [],
        exclude: [],
        artifacts: [],
        generated: [],
        rewritten: [],
      });
    }
    expect(config.wheel.packagesDir).toBeUndefined();
    expect(config.wheel.packages).toBeUndefined();
    expect(config.wheel.map).toEqual([]);
  };

  it('gives a project without [tool.manifest] the defaults', () => {
    const config = parseRulesConfig('[project]\nname = "x"\n\n[tool.black]\nline-length = 88\n');
    expect(config.hasTable).toBe(false);
    expect(config.file).toBe('pyproject.toml');
    expect(config.project).toEqual({
      name: 'x',
      version: undefined,
      readme: undefined,
      licenseFiles: [],
      dynamic: [],
    });
    defaults(config);
  });

  it('gives an empty [tool.manifest] the defaults, with hasTable', () => {
    const config = parseRulesConfig('[tool.manifest]\n', 'sub/pyproject.toml');
    expect(config.hasTable).toBe(true);
    expect(config.file).toBe('sub/pyproject.toml');
    defaults(config);
  });

  it('reads an empty file', () => {
    const config = parseRulesConfig('');
    expect(config.project.name).toBeUndefined();
    defaults(config);
  });
});

// [toml, what to read from the config, expected]
// prettier-ignore
const valueCases: [string, string, (c: RulesConfig) => unknown, unknown][] = [
  ['readme as a string', '[project]\nreadme = "README.rst"', (c) => c.project.readme, { path: 'README.rst', key: 'project.readme' }],
  ['readme ./ is dropped', '[project]\nreadme = "./docs/README.md"', (c) => c.project.readme?.path, 'docs/README.md'],
  ['readme as text has no file', '[project]\nreadme = { text = "hi", content-type = "text/plain" }', (c) => c.project.readme, undefined],
  ['license file', '[project]\nlicense = { file = "LICENSE.txt" }', (c) => c.project.licenseFiles, [{ pattern: 'LICENSE.txt', key: 'project.license.file', glob: false }]],
  ['license text has no file', '[project]\nlicense = { text = "MIT" }', (c) => c.project.licenseFiles, []],
  ['SPDX license is not a file', '[project]\nlicense = "MIT OR Apache-2.0"', (c) => c.project.licenseFiles, []],
  ['license-files literal is not a glob', '[project]\nlicense-files = ["LICENSE"]', (c) => c.project.licenseFiles[0]?.glob, false],
  // The table of PEP 639's drafts (hatchling < 1.27, pdm-pep517), which those backends require (#9).
  ['license-files { paths } of the draft', '[project]\nlicense-files = { paths = ["LICENSE.txt"] }', (c) => c.project.licenseFiles, [{ pattern: 'LICENSE.txt', key: 'project.license-files.paths[0]', glob: false }]],
  ['license-files { globs } of the draft', '[project]\nlicense-files = { globs = ["LICEN[CS]E*"] }', (c) => c.project.licenseFiles, [{ pattern: 'LICEN[CS]E*', key: 'project.license-files.globs[0]', glob: true }]],
  ['ignore-file as one glob', '[tool.manifest]\nignore-file = "**/.npmignore"', (c) => c.sdist.ignoreFiles, ['**/.npmignore']],
  ['ignore-file false', '[tool.manifest]\nignore-file = false', (c) => [c.sdist.ignoreFiles, c.wheel.ignoreFiles], [false, false]],
  ['ignore-file per target replaces shared', '[tool.manifest]\nignore-file = false\n[tool.manifest.wheel]\nignore-file = ".gitignore"', (c) => [c.sdist.ignoreFiles, c.wheel.ignoreFiles], [false, ['.gitignore']]],
  ['packages-dir "." is the root', '[tool.manifest]\npackages-dir = "."', (c) => c.wheel.packagesDir?.pattern, ''],
  ['packages-dir "" is the root', '[tool.manifest]\npackages-dir = ""', (c) => c.wheel.packagesDir?.pattern, ''],
  ['packages-dir trailing / is dropped', '[tool.manifest]\npackages-dir = "src/"', (c) => c.wheel.packagesDir?.pattern, 'src'],
  ['wheel packages-dir wins', '[tool.manifest]\npackages-dir = "src"\n[tool.manifest.wheel]\npackages-dir = "lib"', (c) => c.wheel.packagesDir, { pattern: 'lib', key: 'tool.manifest.wheel.packages-dir', line: 4 }],
  ['map as a [table] section', '[tool.manifest.wheel.map]\n"bin/run" = "{data}/scripts/run"', (c) => c.wheel.map, [{ src: 'bin/run', dest: '{data}/scripts/run', key: 'tool.manifest.wheel.map."bin/run"', line: 2, }]],
  ['dotted keys under [tool]', '[tool]\nmanifest.exclude = ["/docs"]', (c) => c.sdist.exclude, [{ pattern: '/docs', key: 'tool.manifest.exclude[0]', line: 2 }]],
  ['build backend', '[tool.manifest.build]\nbackend = "setuptools.build_meta"', (c) => c.build.backend, { pattern: 'setuptools.build_meta', key: 'tool.manifest.build.backend', line: 2 }],
  ['build backend with an object', '[tool.manifest]\nbuild = { backend = "flit_core.buildapi:main" }', (c) => c.build.backend?.pattern, 'flit_core.buildapi:main'],
  ['build manifest', '[tool.manifest.build]\nmanifest = "release/files.txt"', (c) => c.build.manifest, { pattern: 'release/files.txt', key: 'tool.manifest.build.manifest', line: 2 }],
  ['no build backend by default', '[tool.manifest]\n', (c) => c.build, { backend: undefined }],
  ['another wrapper passes', '[build-system]\nbuild-backend = "other.wrap"', (c) => c.build.backend, undefined],
  ['unknown [project] keys are not ours', '[project]\nname = "x"\nfrobnicate = 1', (c) => c.project.name, 'x'],
  ['rewritten: shared then per target, with keys and lines', '[tool.manifest]\nrewritten = ["setup.cfg"]\n[tool.manifest.sdist]\nrewritten = ["/pyproject.toml"]\n[tool.manifest.wheel]\nrewritten = [\n  "scripts/*",\n  "!scripts/keep",\n]', (c) => [c.sdist.rewritten, c.wheel.rewritten], [[{ pattern: 'setup.cfg', key: 'tool.manifest.rewritten[0]', line: 2 }, { pattern: '/pyproject.toml', key: 'tool.manifest.sdist.rewritten[0]', line: 4 }], [{ pattern: 'setup.cfg', key: 'tool.manifest.rewritten[0]', line: 2 }, { pattern: 'scripts/*', key: 'tool.manifest.wheel.rewritten[0]', line: 7 }, { pattern: '!scripts/keep', key: 'tool.manifest.wheel.rewritten[1]', line: 8 }]]],
];

describe('parseRulesConfig: values', () => {
  it.each(valueCases)('%s', (_name, text, read, expected) => {
    expect(read(parseRulesConfig(text))).toEqual(expected);
  });
});

// [toml, code, keyPath, line, received]
// prettier-ignore
const errorCases: [string, string, string, string, number, string | undefined][] = [
  ['exclude not an array', '[tool.manifest]\nexclude = "/docs"', 'CONFIG_INVALID_TYPE', 'tool.manifest.exclude', 2, '/docs'],
  ['include element not a string', '[tool.manifest]\ninclude = ["a", 1]', 'CONFIG_INVALID_TYPE', 'tool.manifest.include[1]', 2, '1'],
  ['generated is a table', '[tool.manifest.wheel]\ngenerated = { a = 1 }', 'CONFIG_INVALID_TYPE', 'tool.manifest.wheel.generated', 2, '{ a = 1 }'],
  ['sdist not a table', '[tool.manifest]\nsdist = ["x"]', 'CONFIG_INVALID_TYPE', 'tool.manifest.sdist', 2, '["x"]'],
  ['tool.manifest not a table', '[tool]\nmanifest = 1', 'CONFIG_INVALID_TYPE', 'tool.manifest', 2, '1'],
  ['packages-dir not a string', '[tool.manifest]\npackages-dir = ["src"]', 'CONFIG_INVALID_TYPE', 'tool.manifest.packages-dir', 2, '["src"]'],
  ['ignore-file a number', '[tool.manifest]\nignore-file = 0', 'CONFIG_INVALID_TYPE', 'tool.manifest.ignore-file', 2, '0'],
  ['ignore-file true', '[tool.manifest]\nignore-file = true', 'CONFIG_INVALID_VALUE', 'tool.manifest.ignore-file', 2, 'true'],
  ['map as an array', '[tool.manifest.wheel]\nmap = [["a", "b"]]', 'CONFIG_INVALID_TYPE', 'tool.manifest.wheel.map', 2, '[["a", "b"]]'],
  ['map dest not a string', '[tool.manifest.wheel]\nmap = { "a" = 1 }', 'CONFIG_INVALID_TYPE', 'tool.manifest.wheel.map.a', 2, '1'],
  ['packages not an array', '[tool.manifest.wheel]\npackages = "pkg"', 'CONFIG_INVALID_TYPE', 'tool.manifest.wheel.packages', 2, 'pkg'],
  ['project.name not a string', '[project]\nname = 3', 'CONFIG_INVALID_TYPE', 'project.name', 2, '3'],
  ['readme a number', '[project]\nreadme = 1', 'CONFIG_INVALID_TYPE', 'project.readme', 2, '1'],
  ['readme file not a string', '[project]\nreadme = { file = 1 }', 'CONFIG_INVALID_TYPE', 'project.readme.file', 2, '1'],
  ['license a number', '[project]\nlicense = 1', 'CONFIG_INVALID_TYPE', 'project.license', 2, '1'],
  ['license-files table without paths or globs', '[project]\nlicense-files = { files = ["LICENSE"] }', 'CONFIG_INVALID_TYPE', 'project.license-files', 2, '{ files = ["LICENSE"] }'],
  ['dynamic not an array', '[project]\ndynamic = "version"', 'CONFIG_INVALID_TYPE', 'project.dynamic', 2, 'version'],
  ['empty pattern', '[tool.manifest]\nexclude = [""]', 'CONFIG_INVALID_PATTERN', 'tool.manifest.exclude[0]', 2, ''],
  ['pattern with ..', '[tool.manifest.sdist]\ninclude = ["../shared"]', 'CONFIG_INVALID_PATTERN', 'tool.manifest.sdist.include[0]', 2, '../shared'],
  ['rewritten not an array', '[tool.manifest]\nrewritten = "setup.cfg"', 'CONFIG_INVALID_TYPE', 'tool.manifest.rewritten', 2, 'setup.cfg'],
  ['rewritten element not a string', '[tool.manifest.wheel]\nrewritten = [1]', 'CONFIG_INVALID_TYPE', 'tool.manifest.wheel.rewritten[0]', 2, '1'],
  ['rewritten pattern with ..', '[tool.manifest.sdist]\nrewritten = ["../setup.cfg"]', 'CONFIG_INVALID_PATTERN', 'tool.manifest.sdist.rewritten[0]', 2, '../setup.cfg'],
  ['rewritten comment-looking pattern', '[tool.manifest]\nrewritten = ["#x"]', 'CONFIG_INVALID_PATTERN', 'tool.manifest.rewritten[0]', 2, '#x'],
  ['absolute generated glob', '[tool.manifest.wheel]\ngenerated = ["/pkg/_v.py"]', 'CONFIG_INVALID_PATTERN', 'tool.manifest.wheel.generated[0]', 2, '/pkg/_v.py'],
  ['trailing backslash', "[tool.manifest]\nartifacts = ['build\\']", 'CONFIG_INVALID_PATTERN', 'tool.manifest.artifacts[0]', 2, 'build\\'],
  ['unclosed class', '[tool.manifest]\nexclude = ["*.[ch"]', 'CONFIG_INVALID_PATTERN', 'tool.manifest.exclude[0]', 2, '*.[ch'],
  ['comment-looking pattern', '[tool.manifest]\nexclude = ["#tmp"]', 'CONFIG_INVALID_PATTERN', 'tool.manifest.exclude[0]', 2, '#tmp'],
  ['bad ignore-file glob', '[tool.manifest]\nignore-file = "../.gitignore"', 'CONFIG_INVALID_PATTERN', 'tool.manifest.ignore-file', 2, '../.gitignore'],
  ['bad license-files glob', '[project]\nlicense-files = ["LICENSE NOTICE"]', 'CONFIG_INVALID_PATTERN', 'project.license-files[0]', 2, 'LICENSE NOTICE'],
  ['packages-dir with ..', '[tool.manifest]\npackages-dir = "../src"', 'CONFIG_INVALID_VALUE', 'tool.manifest.packages-dir', 2, '../src'],
  ['packages-dir absolute', '[tool.manifest]\npackages-dir = "/src"', 'CONFIG_INVALID_VALUE', 'tool.manifest.packages-dir', 2, '/src'],
  ['packages-dir a glob', '[tool.manifest]\npackages-dir = "src*"', 'CONFIG_INVALID_VALUE', 'tool.manifest.packages-dir', 2, 'src*'],
  ['packages empty', '[tool.manifest.wheel]\npackages = []', 'CONFIG_INVALID_VALUE', 'tool.manifest.wheel.packages', 2, '[]'],
  ['package path with ..', '[tool.manifest.wheel]\npackages = ["../x"]', 'CONFIG_INVALID_VALUE', 'tool.manifest.wheel.packages[0]', 2, '../x'],
  ['package listed twice', '[tool.manifest.wheel]\npackages = ["a", "a/"]', 'CONFIG_INVALID_VALUE', 'tool.manifest.wheel.packages[1]', 2, 'a/'],
  ['map source with ..', '[tool.manifest.wheel]\nmap = { "../x" = "x" }', 'CONFIG_INVALID_VALUE', 'tool.manifest.wheel.map."../x"', 2, '../x'],
  ['map dest absolute', '[tool.manifest.wheel]\nmap = { "x" = "/usr/bin/x" }', 'CONFIG_INVALID_VALUE', 'tool.manifest.wheel.map.x', 2, '/usr/bin/x'],
  ['map source a glob', '[tool.manifest.wheel]\nmap = { "bin/*" = "{data}/scripts" }', 'CONFIG_INVALID_VALUE', 'tool.manifest.wheel.map."bin/*"', 2, 'bin/*'],
  ['build backend not a string', '[tool.manifest.build]\nbackend = ["setuptools.build_meta"]', 'CONFIG_INVALID_TYPE', 'tool.manifest.build.backend', 2, '["setuptools.build_meta"]'],
  ['build backend not a module path', '[tool.manifest.build]\nbackend = "setuptools/build_meta"', 'CONFIG_INVALID_VALUE', 'tool.manifest.build.backend', 2, 'setuptools/build_meta'],
  ['build manifest not a string', '[tool.manifest.build]\nmanifest = 1', 'CONFIG_INVALID_TYPE', 'tool.manifest.build.manifest', 2, '1'],
  ['build manifest outside the project', '[tool.manifest.build]\nmanifest = "../m.txt"', 'CONFIG_INVALID_VALUE', 'tool.manifest.build.manifest', 2, '../m.txt'],
  ['build manifest absolute', '[tool.manifest.build]\nmanifest = "/m.txt"', 'CONFIG_INVALID_VALUE', 'tool.manifest.build.manifest', 2, '/m.txt'],
  ['build backend is the wrapper', '[tool.manifest.build]\nbackend = "pyproject_manifest.wrap"', 'CONFIG_INVALID_VALUE', 'tool.manifest.build.backend', 2, 'pyproject_manifest.wrap'],
  ['build not a table', '[tool.manifest]\nbuild = "setuptools.build_meta"', 'CONFIG_INVALID_TYPE', 'tool.manifest.build', 2, 'setuptools.build_meta'],
  ['wrapper without a backend', '[build-system]\nbuild-backend = "pyproject_manifest.wrap"', 'CONFIG_INVALID_VALUE', 'build-system.build-backend', 2, 'pyproject_manifest.wrap'],
  ['readme outside the project', '[project]\nreadme = "../README.md"', 'CONFIG_INVALID_VALUE', 'project.readme', 2, '../README.md'],
];

describe('parseRulesConfig: wrong types, values and patterns', () => {
  it.each(errorCases)('%s', (_name, text, code, keyPath, line, received) => {
    expect(onlyError(text)).toMatchObject({ code, keyPath, line, received });
  });
});

// [toml, keyPath, hint]
// prettier-ignore
const unknownKeyCases: [string, string, string][] = [
  ['[tool.manifest]\nexcludes = []', 'tool.manifest.excludes', 'did you mean `exclude`?'],
  ['[tool.manifest]\ninlcude = []', 'tool.manifest.inlcude', 'did you mean `include`?'],
  ['[tool.manifest.wheel]\ngenerate = []', 'tool.manifest.wheel.generate', 'did you mean `generated`?'],
  ['[tool.manifest]\nartifact = []', 'tool.manifest.artifact', 'did you mean `artifacts`?'],
  ['[tool.manifest]\npackages_dir = "src"', 'tool.manifest.packages_dir', 'did you mean `packages-dir`? (keys are written with `-`)'],
  ['[tool.manifest]\nignore_file = false', 'tool.manifest.ignore_file', 'did you mean `ignore-file`? (keys are written with `-`)'],
  ['[tool.manifest]\npackage-dir = "src"', 'tool.manifest.package-dir', "did you mean `packages-dir`? (`package-dir` is setuptools' spelling)"],
  ['[tool.manifest.sdist]\nonly-include = []', 'tool.manifest.sdist.only-include', "did you mean `include`? (`only-include` is hatch's spelling)"],
  ['[tool.manifest.wheel]\nforce-include = {}', 'tool.manifest.wheel.force-include', "did you mean `map`? (`force-include` is hatch's spelling)"],
  ['[tool.manifest]\nforce-include = {}', 'tool.manifest.force-include', "the equivalent here is `map` in [tool.manifest.wheel] (`force-include` is hatch's spelling)"],
  ['[tool.manifest.sdist]\npackages-dir = "src"', 'tool.manifest.sdist.packages-dir', '`packages-dir` only affects the wheel: set it in [tool.manifest] or [tool.manifest.wheel]'],
  ['[tool.manifest]\nmap = {}', 'tool.manifest.map', '`map` is wheel-only: move it to [tool.manifest.wheel]'],
  ['[tool.manifest]\npackages = ["x"]', 'tool.manifest.packages', '`packages` is wheel-only: move it to [tool.manifest.wheel]'],
  ['[tool.manifest]\nbackend = "x"', 'tool.manifest.backend', '`backend` names the backend the wrapper runs: move it to [tool.manifest.build]'],
  ['[tool.manifest.build]\nbuild-backend = "x"', 'tool.manifest.build.build-backend', 'write `backend = "…"` here: [build-system] names the wrapper, this key the real backend'],
  ['[tool.manifest.build]\nbakend = "x"', 'tool.manifest.build.bakend', 'did you mean `backend`?'],
  ['[tool.manifest.sdist]\nverbose = true', 'tool.manifest.sdist.verbose', 'valid keys here: `ignore-file`, `include`, `exclude`, `artifacts`, `generated`, `rewritten`'],
  ['[tool.manifest]\nrewrite = []', 'tool.manifest.rewrite', 'did you mean `rewritten`?'],
];

describe('parseRulesConfig: unknown keys', () => {
  const byKey = unknownKeyCases.map(([text, keyPath, hint]) => [keyPath, text, hint] as const);
  it.each(byKey)('%s', (keyPath, text, hint) => {
    expect(onlyError(text)).toMatchObject({ code: 'CONFIG_UNKNOWN_KEY', keyPath, line: 2, hint });
  });

  it('reports a table where an array belongs as a type error, at its header', () => {
    expect(onlyError('[tool.manifest.wheel.include]\nx = 1')).toMatchObject({
      code: 'CONFIG_INVALID_TYPE',
      keyPath: 'tool.manifest.wheel.include',
      line: 1,
    });
  });
});

describe('parseRulesConfig: every problem at once', () => {
  const text = `[project]
name = "demo"
license-files = ["LICENSE", "../NOTICE"]

[tool.manifest]
excludes = ["/docs"]
include = [
  "/src",
  42,
  "../up",   # leaves the project
]
ignore-file = true

[tool.manifest.sdist]
packages-dir = "src"

[tool.manifest.wheel]
generated = ["/abs.py"]
map = { "bin/tool" = "{data}/scripts/tool", "x" = 3 }
`;

  it('throws ManifestErrors listing each, in file order, with lines and columns', () => {
    let thrown: unknown;
    try {
      parseRulesConfig(text);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ManifestErrors);
    const errors = (thrown as ManifestErrors).errors;
    expect(errors.map((e) => [e.code, e.keyPath, e.line, e.column])).toEqual([
      ['CONFIG_INVALID_PATTERN', 'project.license-files[1]', 3, 29],
      ['CONFIG_UNKNOWN_KEY', 'tool.manifest.excludes', 6, 1],
      ['CONFIG_INVALID_TYPE', 'tool.manifest.include[1]', 9, 3],
      ['CONFIG_INVALID_PATTERN', 'tool.manifest.include[2]', 10, 3],
      ['CONFIG_INVALID_VALUE', 'tool.manifest.ignore-file', 12, 1],
      ['CONFIG_UNKNOWN_KEY', 'tool.manifest.sdist.packages-dir', 15, 1],
      ['CONFIG_INVALID_PATTERN', 'tool.manifest.wheel.generated[0]', 18, 14],
      ['CONFIG_INVALID_TYPE', 'tool.manifest.wheel.map.x', 19, 45],
    ]);
    expect(errors.every((e) => e.file === 'pyproject.toml')).toBe(true);
  });
});

describe('parseRulesConfig: TOML syntax', () => {
  // [toml, line, column]
  // prettier-ignore
  const syntaxCases: [string, number, number][] = [
    ['[tool.manifest]\nexclude = ["/docs"\ninclude = []\n', 3, 1],
    ['[tool.manifest]\nexclude = ["/docs"]\nexclude = ["/x"]\n', 3, 1],
    // smol-toml points at the end of the line, where the closing quote is missing.
    ['[project]\nname = "unterminated\n', 2, 21],
  ];

  it.each(syntaxCases)('%j → line %i', (text, line, column) => {
    const error = onlyErrorObject(text);
    expect(error).toMatchObject({
      code: 'CONFIG_TOML_SYNTAX',
      line,
      column,
      file: 'pyproject.toml',
    });
    expect(error.message).not.toContain('\n');
    expect(error.detail).toContain('^');
  });

  function onlyErrorObject(text: string): ManifestError {
    const errors = errorsOf(text);
    expect(errors).toHaveLength(1);
    return errors[0]!;
  }
});

describe('locateKey', () => {
  const text = `# comment with [tool.manifest] and exclude = ["x"]
[tool]
manifest.exclude = [ "a#b", 'c[d]' ]   # trailing comment

[ tool . "manifest" . wheel ]
include = [
  # a comment inside the array
  """multi
line""",

  "second",  # after a comment
  [1, 2], { x = 1 },
  "fifth",
]
map = { "a.b" = "x", 'c d' = { nested = 1 } }
"quoted key" = 1
title.sub = "y"

[[tool.manifest.extra]]
one = 1
[[tool.manifest.extra]]
two = 2
[tool.manifest.extra.child]
three = 3
`;
  // [path, line, column]
  // prettier-ignore
  const cases: [(string | number)[], number, number][] = [
    [['tool'], 2, 1],
    [['tool', 'manifest'], 3, 1],
    [['tool', 'manifest', 'exclude'], 3, 1],
    [['tool', 'manifest', 'exclude', 0], 3, 22],
    [['tool', 'manifest', 'exclude', 1], 3, 29],
    [['tool', 'manifest', 'wheel'], 5, 1],
    [['tool', 'manifest', 'wheel', 'include'], 6, 1],
    [['tool', 'manifest', 'wheel', 'include', 0], 8, 3],
    [['tool', 'manifest', 'wheel', 'include', 1], 11, 3],
    [['tool', 'manifest', 'wheel', 'include', 2], 12, 3],
    [['tool', 'manifest', 'wheel', 'include', 2, 1], 12, 7],
    [['tool', 'manifest', 'wheel', 'include', 3], 12, 11],
    [['tool', 'manifest', 'wheel', 'include', 3, 'x'], 12, 13],
    [['tool', 'manifest', 'wheel', 'include', 4], 13, 3],
    [['tool', 'manifest', 'wheel', 'map', 'a.b'], 15, 9],
    [['tool', 'manifest', 'wheel', 'map', 'c d'], 15, 22],
    [['tool', 'manifest', 'wheel', 'map', 'c d', 'nested'], 15, 32],
    [['tool', 'manifest', 'wheel', 'quoted key'], 16, 1],
    [['tool', 'manifest', 'wheel', 'title', 'sub'], 17, 1],
    [['tool', 'manifest', 'extra'], 19, 1],
    [['tool', 'manifest', 'extra', 0, 'one'], 20, 1],
    [['tool', 'manifest', 'extra', 1], 21, 1],
    [['tool', 'manifest', 'extra', 1, 'two'], 22, 1],
    [['tool', 'manifest', 'extra', 1, 'child', 'three'], 24, 1],
  ];

  it.each(cases)('%j → %i:%i', (path, line, column) => {
    expect(locateKey(text, path)).toEqual({ line, column });
  });

  it('returns undefined for a path that is not written', () => {
    expect(locateKey(text, ['tool', 'manifest', 'sdist'])).toBeUndefined();
    expect(locateKey(text, ['tool', 'manifest', 'exclude', 2])).toBeUndefined();
  });

  it('never throws on text it cannot scan, and keeps what it found before', () => {
    const broken = '[tool.manifest]\nexclude = ["a"]\ninclude = [ @@@ \n[tool.manifest.wheel]\n';
    const locate = createKeyLocator(broken);
    expect(locate(['tool', 'manifest', 'exclude', 0])).toEqual({ line: 2, column: 12 });
    expect(locate(['tool', 'manifest', 'wheel'])).toBeUndefined();
    for (const junk of ['[', '"', "'''", 'a = """', '[[', 'a.', '= 1', '\u0000', 'x = [1,']) {
      expect(() => locateKey(junk, ['a'])).not.toThrow();
    }
  });
});

describe('formatKeyPath', () => {
  it.each([
    [['tool', 'manifest', 'wheel', 'include', 2], 'tool.manifest.wheel.include[2]'],
    [
      ['tool', 'manifest', 'wheel', 'map', 'scripts/run.sh'],
      'tool.manifest.wheel.map."scripts/run.sh"',
    ],
    [['project', 'license-files', 0], 'project.license-files[0]'],
  ] as [(string | number)[], string][])('%j → %s', (path, rendered) => {
    expect(formatKeyPath(path)).toBe(rendered);
  });
});

describe('parseKeyPath', () => {
  it.each([
    ['project.readme', ['project', 'readme']],
    ['project.license-files[1]', ['project', 'license-files', 1]],
    ['tool.manifest.wheel.map."a/b.sh"', ['tool', 'manifest', 'wheel', 'map', 'a/b.sh']],
    [
      'tool.manifest.wheel.map."say \\"hi\\".sh"',
      ['tool', 'manifest', 'wheel', 'map', 'say "hi".sh'],
    ],
  ] as const)('%s', (rendered, segments) => {
    expect(parseKeyPath(rendered)).toEqual(segments);
    expect(formatKeyPath(parseKeyPath(rendered))).toBe(rendered);
  });
});
