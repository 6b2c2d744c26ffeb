/**
 * The flit_core, hatchling, poetry-core and pdm profiles on declared configs and listings: the
 * table `translate` writes (exactly the keys it reports), what it names as not expressible, and the
 * files `outputs` says the build writes, rewrites or forces in. Real builds prove the same
 * profiles end to end in test/corpus/ and test/backends/export.test.ts.
 */
import { parse } from 'smol-toml';
import { describe, expect, it } from 'vitest';
import { backendByName } from '../../src/backends/registry.js';
import type { BackendInput, BackendProfile } from '../../src/backends/types.js';

const input = (pyproject: string, files: string[]): BackendInput => ({
  pyproject,
  doc: parse(pyproject) as Record<string, unknown>,
  files: [...files].sort(),
  extra: new Map(),
});

const profile = (name: string): BackendProfile => backendByName(name)!;

/** The [tool.manifest] keys of a translation, parsed back. */
function keys(pyproject: string, files: string[], name: string) {
  const t = profile(name).translate(input(pyproject, files));
  const table = (parse(t.table) as { tool: { manifest: Record<string, unknown> } }).tool.manifest;
  return { t, table };
}

describe('translate writes exactly the keys it reports', () => {
  const projects: [string, string, string[]][] = [
    [
      'flit',
      '[project]\nname = "ns-pkg"\n[tool.flit.module]\nname = "ns.pkg"\n[tool.flit.sdist]\ninclude = ["docs/"]\nexclude = ["ns/pkg/big.bin"]\n',
      ['ns/pkg/__init__.py', 'ns/pkg/big.bin', 'docs/a.md', 'pyproject.toml'],
    ],
    [
      'hatchling',
      '[project]\nname = "x"\n[tool.hatch.build]\nexclude = ["*.log"]\n[tool.hatch.build.targets.sdist]\nonly-include = ["src", "tests"]\n',
      ['src/x/__init__.py', 'tests/t.py', 'pyproject.toml'],
    ],
    [
      'poetry',
      '[tool.poetry]\nname = "p"\ninclude = ["CHANGELOG.md"]\n',
      ['p/__init__.py', 'CHANGELOG.md', 'pyproject.toml'],
    ],
    ['pdm', '[project]\nname = "q"\n', ['src/q/__init__.py', 'tests/t.py', 'pyproject.toml']],
  ];
  it.each(projects)('%s', (name, pyproject, files) => {
    const { t, table } = keys(pyproject, files, name);
    const written: string[] = [];
    for (const [key, value] of Object.entries(table)) {
      if (key === 'sdist' || key === 'wheel') {
        for (const inner of Object.keys(value as object))
          written.push(`tool.manifest.${key}.${inner}`);
      } else written.push(`tool.manifest.${key}`);
    }
    expect(t.written.slice().sort()).toEqual(written.sort());
    expect(t.table.startsWith('[tool.manifest]\n')).toBe(true);
    expect(t.table.endsWith('\n')).toBe(true);
  });
});

describe('flit_core', () => {
  it('a module in a namespace package: sdist include of its directory, wheel packages ns/pkg', () => {
    const { t, table } = keys(
      '[project]\nname = "sphinxcontrib-jquery"\n[tool.flit.module]\nname = "sphinxcontrib.jquery"\n',
      ['sphinxcontrib/jquery/__init__.py', 'sphinxcontrib/jquery/x.js', 'tests/t.py'],
      'flit',
    );
    expect(table).toEqual({
      sdist: { include: ['/sphinxcontrib/jquery/'] },
      wheel: { packages: ['sphinxcontrib/jquery'] },
    });
    expect(t.untranslated).toEqual([]);
  });

  it('a src-layout module detection finds: no wheel keys', () => {
    const { table } = keys('[project]\nname = "tomli"\n', ['src/tomli/__init__.py'], 'flit');
    expect(table).toEqual({ sdist: { include: ['/src/tomli/'] } });
  });

  it('a single module, and the old [tool.flit.metadata] description-file', () => {
    const { table } = keys(
      '[tool.flit.metadata]\nmodule = "tool"\ndescription-file = "README.rst"\n',
      ['tool.py', 'README.rst'],
      'flit',
    );
    expect(table).toEqual({
      sdist: { include: ['/tool.py', '/README.rst'] },
      wheel: { packages: ['tool.py'] },
    });
  });

  it("outputs: the old metadata table's description-file is always shipped", () => {
    const outputs = profile('flit').outputs(
      input('[tool.flit.metadata]\nmodule = "tool"\ndescription-file = "./README.rst"\n', [
        'tool.py',
      ]),
    );
    expect(outputs.forced.sdist.map((f) => f.pattern)).toEqual(['/README.rst']);
  });

  it('sdist excludes apply to both targets (the wheel is built from the sdist)', () => {
    const { table } = keys(
      '[project]\nname = "a"\n[tool.flit.sdist]\nexclude = ["a/fixtures/"]\n',
      ['a/__init__.py', 'a/fixtures/x.bin'],
      'flit',
    );
    expect(table.exclude).toEqual(['/a/fixtures']);
  });

  it('a hidden file a Python glob skips is negated', () => {
    const { table } = keys(
      '[project]\nname = "a"\n[tool.flit.sdist]\ninclude = ["docs/*"]\n',
      ['a/__init__.py', 'docs/index.md', 'docs/.nojekyll'],
      'flit',
    );
    expect((table.sdist as { include: string[] }).include).toEqual([
      '/a/',
      '/docs/*',
      '!/docs/.nojekyll',
    ]);
  });

  it('external-data: one map line per file, and a line saying so', () => {
    const { t, table } = keys(
      '[project]\nname = "a"\n[tool.flit.external-data]\ndirectory = "data"\n',
      ['a/__init__.py', 'data/share/a.desktop'],
      'flit',
    );
    expect(table.wheel).toEqual({ map: { 'data/share/a.desktop': '{data}/data/share/a.desktop' } });
    expect(t.untranslated).toEqual([
      expect.stringContaining('tool.flit.external-data.directory: data/ is mapped file by file'),
    ]);
  });

  it('no module in the tree: a table all the same, and one line saying what to check', () => {
    const { t } = keys('[project]\nname = "gone"\n', ['README.md'], 'flit');
    expect(t.untranslated).toEqual([
      expect.stringMatching(/^project\.name: flit_core finds no module gone/),
    ]);
    expect(t.written).toContain('tool.manifest.sdist.include');
  });
});

describe('hatchling', () => {
  it("a target's list replaces [tool.hatch.build]'s: written per target", () => {
    const { table } = keys(
      '[project]\nname = "x"\n[tool.hatch.build]\nexclude = ["/docs"]\n[tool.hatch.build.targets.wheel]\nexclude = ["*.txt"]\n',
      ['x/__init__.py', 'docs/a.md'],
      'hatchling',
    );
    expect(table).toEqual({ sdist: { exclude: ['/docs'] }, wheel: { exclude: ['*.txt'] } });
  });

  it('the same list for both targets is written once', () => {
    const { table } = keys(
      '[project]\nname = "x"\n[tool.hatch.build]\nexclude = ["/docs"]\n',
      ['x/__init__.py'],
      'hatchling',
    );
    expect(table).toEqual({ exclude: ['/docs'] });
  });

  it('a nested .gitignore: hatchling reads only the root one', () => {
    const { table } = keys(
      '[project]\nname = "x"\n',
      ['x/__init__.py', 'x/.gitignore'],
      'hatchling',
    );
    expect(table['ignore-file']).toEqual(['.gitignore']);
  });

  it('ignore-vcs, only-include, force-include and shared-data', () => {
    const { t, table } = keys(
      `[project]
name = "x"
[tool.hatch.build.targets.sdist]
ignore-vcs = true
only-include = ["src/x", "./tests/"]
force-include = { "gen/_built.py" = "gen/_built.py", "other.txt" = "moved.txt" }
[tool.hatch.build.targets.wheel]
packages = ["src/x"]
force-include = { "bin/tool.sh" = "x/tool.sh" }
shared-data = { "share" = "share" }
`,
      ['src/x/__init__.py', 'tests/t.py', 'gen/_built.py', 'other.txt', 'bin/tool.sh', 'share/a.1'],
      'hatchling',
    );
    expect(table).toEqual({
      sdist: {
        'ignore-file': false,
        include: ['/src/x', '/tests'],
        artifacts: ['/gen/_built.py'],
      },
      wheel: {
        map: { 'bin/tool.sh': 'x/tool.sh', 'share/a.1': '{data}/data/share/a.1' },
      },
    });
    expect(t.untranslated).toEqual([
      expect.stringContaining('other.txt -> moved.txt'),
      expect.stringContaining('share/ is mapped file by file'),
    ]);
  });

  it("the wheel's default for a namespace: the top directory of the one */name/__init__.py", () => {
    const { table } = keys(
      '[project]\nname = "jquery"\n',
      ['ns/jquery/__init__.py', 'ns/other/a.py'],
      'hatchling',
    );
    expect(table.wheel).toEqual({ packages: ['ns'] });
  });

  it('outputs: forced sdist files, hatch-vcs version file in both targets at their paths', () => {
    const outputs = profile('hatchling').outputs(
      input(
        '[project]\nname = "pd"\nreadme = "README.rst"\n[tool.hatch.build.hooks.vcs]\nversion-file = "src/pd/version.py"\n[tool.hatch.build.targets.sdist]\nsupport-legacy = true\n',
        ['src/pd/__init__.py'],
      ),
    );
    expect(outputs.generated).toEqual({
      sdist: [
        expect.objectContaining({ pattern: 'setup.py' }),
        expect.objectContaining({
          pattern: 'src/pd/version.py',
          key: 'tool.hatch.build.hooks.vcs.version-file',
        }),
      ],
      wheel: [expect.objectContaining({ pattern: 'pd/version.py' })],
    });
    expect(outputs.forced.sdist.map((f) => f.pattern)).toEqual([
      '/pyproject.toml',
      '/hatch.toml',
      '/hatch_build.py',
      '/.gitignore',
      '/README.rst',
      '/LICEN[CS]E*',
      '/COPYING*',
      '/NOTICE*',
      '/AUTHORS*',
    ]);
  });

  it('outputs: shared-scripts are rewritten (their shebang)', () => {
    const outputs = profile('hatchling').outputs(
      input(
        '[project]\nname = "x"\n[tool.hatch.build.targets.wheel.shared-scripts]\n"bin/run" = "run"\n',
        ['x/__init__.py', 'bin/run'],
      ),
    );
    expect(outputs.rewritten.wheel).toEqual([expect.objectContaining({ pattern: '/bin/run' })]);
  });
});

describe('poetry-core', () => {
  it('a [tool.poetry]-only project: packages always written (no [project] name to detect from)', () => {
    const { t, table } = keys(
      '[tool.poetry]\nname = "cleo"\npackages = [{ include = "cleo", from = "src" }]\ninclude = [{ path = "tests", format = "sdist" }, "CHANGELOG.md"]\n',
      ['src/cleo/__init__.py', 'tests/t.py', 'CHANGELOG.md'],
      'poetry',
    );
    expect(table).toEqual({
      sdist: { include: ['/src/cleo/', '/tests/', '/CHANGELOG.md'] },
      wheel: { 'packages-dir': 'src', packages: ['cleo'], map: { 'CHANGELOG.md': 'CHANGELOG.md' } },
    });
    expect(t.untranslated).toEqual([]);
  });

  it('the default package is the module named after the project', () => {
    const { table } = keys('[tool.poetry]\nname = "My.Tool"\n', ['my_tool.py'], 'poetry');
    expect(table).toEqual({
      sdist: { include: ['/my_tool.py'] },
      wheel: { packages: ['my_tool.py'] },
    });
  });

  it('an included file git ignores ships when present: sdist artifacts', () => {
    const { table } = keys(
      '[tool.poetry]\nname = "a"\ninclude = ["a/_compiled.so"]\n',
      ['a/__init__.py'],
      'poetry',
    );
    expect((table.sdist as Record<string, unknown>).artifacts).toEqual(['/a/_compiled.so']);
  });

  it('a package for the sdist only', () => {
    const { table } = keys(
      '[tool.poetry]\nname = "a"\npackages = [{ include = "a" }, { include = "extras", format = "sdist" }]\n',
      ['a/__init__.py', 'extras/__init__.py'],
      'poetry',
    );
    expect(table).toEqual({
      sdist: { include: ['/a/', '/extras/'] },
      wheel: { packages: ['a'] },
    });
  });

  it('outputs: setup.py unless generate-setup-file = false; LICENSE* and the readme forced', () => {
    const on = profile('poetry').outputs(
      input('[tool.poetry]\nname = "a"\nreadme = "README.md"\n', []),
    );
    expect(on.generated.sdist.map((g) => g.pattern)).toEqual(['setup.py']);
    expect(on.forced.sdist.map((g) => g.pattern)).toEqual(['/LICENSE*', '/README.md']);
    const off = profile('poetry').outputs(
      input('[tool.poetry]\nname = "a"\n[tool.poetry.build]\ngenerate-setup-file = false\n', []),
    );
    expect(off.generated.sdist).toEqual([]);
  });
});

describe('pdm', () => {
  it('defaults: the top packages below src/, and tests/ for the sdist', () => {
    const { table } = keys(
      '[project]\nname = "q"\n',
      ['src/q/__init__.py', 'tests/t.py', 'docs/a.md'],
      'pdm',
    );
    expect(table).toEqual({ sdist: { include: ['/src/q', '/tests'] } });
  });

  it("excludes, and pdm's rule that the more specific include wins", () => {
    const { table } = keys(
      '[project]\nname = "q"\n[tool.pdm.build]\nincludes = ["src", "src/q/data.json"]\nexcludes = ["**/*.json"]\n',
      ['src/q/__init__.py', 'src/q/data.json', 'src/q/other.json'],
      'pdm',
    );
    expect(table.exclude).toEqual(['/**/*.json', '!/src/q/data.json']);
  });

  it('outputs: pyproject.toml rewritten in the sdist; write_to written into the wheel', () => {
    const outputs = profile('pdm').outputs(
      input(
        '[project]\nname = "q"\n[build-system]\nbuild-backend = "pdm.pep517.api"\n[tool.pdm.version]\nsource = "scm"\nwrite_to = "q/_version.py"\n',
        ['src/q/__init__.py'],
      ),
    );
    expect(outputs.rewritten.sdist.map((r) => r.pattern)).toEqual(['/pyproject.toml']);
    expect(outputs.generated).toEqual({
      sdist: [],
      wheel: [expect.objectContaining({ pattern: 'q/_version.py' })],
    });
  });

  it('outputs: pdm-backend writes the version file into the sdist too, below package-dir', () => {
    const outputs = profile('pdm').outputs(
      input(
        '[project]\nname = "q"\n[build-system]\nbuild-backend = "pdm.backend"\n[tool.pdm.version]\nsource = "scm"\nwrite_to = "q/_version.py"\n',
        ['src/q/__init__.py'],
      ),
    );
    expect(outputs.generated.sdist.map((g) => g.pattern)).toEqual(['src/q/_version.py']);
    expect(outputs.forced.sdist.map((f) => f.pattern)).toContain('/pdm_build.py');
  });
});

describe('hatchling fallback', () => {
  it("no package found: hatchling's wheel is every *.py less test*, and so is the table", () => {
    const { table } = keys(
      '[project]\nname = "nothing-here"\n',
      ['tool/run.py', 'tool/data.txt', 'setup_helper.py', 'tests/test_a.py', 'docs/conf.py'],
      'hatchling',
    );
    expect(table.wheel).toEqual({
      packages: ['docs', 'setup_helper.py', 'tool'],
      include: ['*.py'],
      exclude: ['test*'],
    });
  });
});
