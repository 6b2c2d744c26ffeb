/**
 * The setuptools profile's readers and resolution on declared inputs: setup.py read statically
 * (what it computes at run time named, never guessed), setup.cfg as configparser reads it, and
 * packages resolved as setuptools 66 resolves them (listed, find:, automatic discovery). Real
 * builds check the whole profile in test/corpus/.
 */
import { describe, expect, it } from 'vitest';
import { parseSetupCfg, cfgList, cfgDict } from '../../src/backends/setup-cfg.js';
import { pyStrings, readSetupPy } from '../../src/backends/setup-py.js';
import { resolveSetuptools } from '../../src/backends/setuptools-config.js';
import { setuptoolsProfile } from '../../src/backends/setuptools.js';
import type { BackendInput } from '../../src/backends/types.js';
import { parse } from 'smol-toml';

function input(files: Record<string, string>, pyproject = ''): BackendInput {
  const extra = new Map<string, string>();
  for (const name of ['MANIFEST.in', 'setup.cfg', 'setup.py'])
    if (files[name] !== undefined) extra.set(name, files[name]!);
  return {
    pyproject,
    doc: parse(pyproject) as Record<string, unknown>,
    files: Object.keys(files).sort(),
    extra,
  };
}

describe('readSetupPy', () => {
  it('reads literal keywords, top-level names and find_packages calls', () => {
    const call = readSetupPy(
      [
        'from setuptools import setup, find_packages',
        'PACKAGES = find_packages(where="src", exclude=["tests", "tests.*"])',
        'MODULES = ["a", "b"]',
        'setup(',
        '    name="demo",  # a comment',
        '    packages=PACKAGES,',
        '    py_modules=MODULES,',
        "    package_dir={'': 'src'},",
        '    package_data={"demo": ["*.json", r"data\\*.txt"]},',
        '    include_package_data=True,',
        '    version=__import__("demo").__version__,',
        '    long_description=open("README.md").read(),',
        '    **extra,',
        ')',
      ].join('\n'),
    );
    expect(call?.kwargs.get('name')).toEqual({ kind: 'str', value: 'demo' });
    expect(call?.kwargs.get('packages')).toMatchObject({ kind: 'call', name: 'find_packages' });
    expect(pyStrings(call?.kwargs.get('py_modules'))).toEqual(['a', 'b']);
    expect(call?.kwargs.get('include_package_data')).toEqual({ kind: 'bool', value: true });
    expect(call?.unreadable).toEqual(['version', 'long_description', '**']);
  });

  it('reads Extension(...) calls, tuples, implicit concatenation; not f-strings or sums', () => {
    const call = readSetupPy(
      [
        'import setuptools',
        'setuptools.setup(',
        '    ext_modules=[setuptools.Extension("pkg._speed", sources=("src/pkg/_speed.c",))],',
        '    scripts=["bin/" "tool"],',
        '    url=f"https://example.invalid/{name}",',
        '    classifiers=BASE + ["Typing :: Typed"],',
        ')',
      ].join('\n'),
    );
    expect(call?.kwargs.get('ext_modules')).toMatchObject({
      kind: 'list',
      items: [{ kind: 'call', name: 'Extension' }],
    });
    expect(pyStrings(call?.kwargs.get('scripts'))).toEqual(['bin/tool']);
    expect(call?.unreadable).toEqual(['url', 'classifiers']);
  });

  it('finds no call in a file without setup(', () => {
    expect(readSetupPy('def setup():\n    pass\n')).toBeUndefined();
  });
});

describe('parseSetupCfg', () => {
  it('reads sections, continuation lines, both separators, and lower-cases keys with - as _', () => {
    const cfg = parseSetupCfg(
      [
        '[metadata]',
        'Name: demo',
        'license-files =',
        '    LICENSE',
        '    NOTICE',
        '; a comment',
        '[options]',
        'package_dir =',
        '    = src',
        '    extra = lib/extra',
        'packages = find:',
      ].join('\n'),
    );
    expect(cfg.get('metadata')?.get('name')?.value).toBe('demo');
    expect(cfgList(cfg.get('metadata')!.get('license_files')!.value)).toEqual([
      'LICENSE',
      'NOTICE',
    ]);
    expect([...cfgDict(cfg.get('options')!.get('package_dir')!.value)]).toEqual([
      ['', 'src'],
      ['extra', 'lib/extra'],
    ]);
    expect(cfgList('a, b,,c')).toEqual(['a', 'b', 'c']);
  });
});

describe('resolveSetuptools', () => {
  it('src layout found by automatic discovery: every directory below src/ is a package', () => {
    const project = resolveSetuptools(
      input(
        { 'src/pkg/__init__.py': '', 'src/pkg/data/x.json': '', 'src/top.py': '' },
        '[project]\nname = "pkg"\n',
      ),
    );
    expect(project.packages).toEqual(['pkg', 'pkg.data']);
    expect(project.pyModules).toEqual(['top']);
    expect([...project.packageDir]).toEqual([['', 'src']]);
    expect(project.includePackageData.value).toBe(true);
  });

  it('ext_modules computed at run time: the Extension(...) bound at the top level is assumed, and said', () => {
    const setupPy = [
      'from setuptools import Extension, setup',
      'ext_modules = [Extension("pkg._speed", ["src/pkg/_speed.c"])]',
      'def run_setup(with_binary):',
      '    setup(name="pkg", ext_modules=ext_modules if with_binary else [])',
      'run_setup(True)',
      '',
    ].join('\n');
    const project = resolveSetuptools(
      input({ 'setup.py': setupPy, 'src/pkg/__init__.py': '', 'src/pkg/_speed.c': '' }),
    );
    expect(project.extensions).toEqual([{ name: 'pkg._speed', sources: ['src/pkg/_speed.c'] }]);
    expect(project.unreadable).toEqual([
      'setup.py: ext_modules= is computed when setup.py runs; assumed to be the Extension(...) bound at the top level (pkg._speed): check',
    ]);
    // Nothing bound at the top level: unreadable, as before.
    const none = resolveSetuptools(
      input({ 'setup.py': setupPy.replace(/^ext_modules = .*$/m, ''), 'src/pkg/__init__.py': '' }),
    );
    expect(none.extensions).toEqual([]);
    expect(none.unreadable).toEqual([
      'setup.py: ext_modules= is computed when setup.py runs and could not be read',
    ]);
  });

  it('flat layout leaves out tests, docs and friends, and refuses two top-level packages', () => {
    const one = resolveSetuptools(
      input(
        { 'pkg/__init__.py': '', 'tests/test_a.py': '', 'docs/conf.py': '' },
        '[project]\nname = "pkg"\n',
      ),
    );
    expect(one.packages).toEqual(['pkg']);
    expect(one.discoveryError).toBeUndefined();
    const two = resolveSetuptools(
      input({ 'a/__init__.py': '', 'b/__init__.py': '' }, '[project]\nname = "a"\n'),
    );
    expect(two.discoveryError).toMatch(/several top-level packages .*a, b/);
  });

  it('setup.cfg find: with where, include_package_data false by default there', () => {
    const project = resolveSetuptools(
      input({
        'setup.cfg':
          '[metadata]\nname = demo\n[options]\npackages = find:\npackage_dir =\n    =src\n[options.packages.find]\nwhere = src\nexclude =\n    tests*\n',
        'src/demo/__init__.py': '',
        'src/demo/sub/__init__.py': '',
        'src/demo/nopkg/mod.py': '',
        'src/tests/__init__.py': '',
      }),
    );
    expect(project.packages).toEqual(['demo', 'demo.sub']);
    expect(project.includePackageData.value).toBe(false);
    expect(project.name?.value).toBe('demo');
  });

  it('setup.py beats setup.cfg, pyproject.toml beats both; scm from build-system.requires', () => {
    const project = resolveSetuptools(
      input(
        {
          'setup.py': 'from setuptools import setup\nsetup(name="from-py", py_modules=["m"])\n',
          'setup.cfg': '[metadata]\nname = from-cfg\n',
          'm.py': '',
        },
        '[build-system]\nrequires = ["setuptools", "setuptools_scm[toml]>=6"]\n[tool.setuptools_scm]\nwrite_to = "m_version.py"\n',
      ),
    );
    expect(project.name?.value).toBe('from-py');
    expect(project.pyModules).toEqual(['m']);
    expect(project.scm).toEqual({ value: true, from: 'build-system.requires' });
    expect(project.scmVersionFile?.value).toBe('m_version.py');
  });
});

describe('setuptools outputs', () => {
  it('egg-info below package_dir[""], a tracked setup.cfg rewritten, license defaults forced', () => {
    const outputs = setuptoolsProfile.outputs(
      input(
        { 'setup.cfg': '[flake8]\n', 'src/pkg/__init__.py': '', LICENSE: '' },
        '[project]\nname = "My.Pkg-name"\n',
      ),
    );
    expect(outputs.generated.sdist.map((o) => o.pattern)).toEqual(['src/My.Pkg_name.egg-info/*']);
    expect(outputs.rewritten.sdist.map((o) => o.pattern)).toEqual(['/setup.cfg']);
    expect(outputs.forced.sdist.map((o) => o.pattern)).toEqual([
      '/LICEN[CS]E*',
      '/COPYING*',
      '/NOTICE*',
      '/AUTHORS*',
    ]);
  });
});
