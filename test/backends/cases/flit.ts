/**
 * flit_core cases: layouts, module names and `[tool.flit.sdist]` tables of real projects (named in
 * `modelledOn`), with placeholder contents of our own.
 */
import type { CorpusCase } from './case.js';

const py = (name: string): string => `"""${name}: placeholder module for the corpus."""\n`;

export const FLIT_CASES: CorpusCase[] = [
  {
    name: 'flit-src',
    backend: 'flit',
    modelledOn:
      'tomli 2.0 (flit_core, src layout, [tool.flit.sdist] include of a changelog and the tests, exclude of test data)',
    files: {
      '.gitignore': '__pycache__/\n*.egg-info/\n/dist/\n.venv/\n.mypy_cache/\n',
      '.github/workflows/tests.yaml': 'on: [push]\n',
      '.pre-commit-config.yaml': 'repos: []\n',
      'CHANGELOG.md': '# Changelog\n',
      LICENSE: 'MIT License (placeholder)\n',
      'README.md': '# Tomli\n',
      'benchmark/run.py': py('benchmark'),
      'pyproject.toml': `[build-system]
requires = ["flit_core>=3.2.0,<4"]
build-backend = "flit_core.buildapi"

[project]
name = "tomli"
version = "2.0.1"
description = "A lil' TOML parser"
authors = [{ name = "Taneli Hukkinen", email = "hukkin@users.noreply.github.com" }]
license = { file = "LICENSE" }
requires-python = ">=3.7"
readme = "README.md"

[tool.flit.sdist]
include = ["CHANGELOG.md", "tests/"]
exclude = ["tests/data/invalid/*.toml"]
`,
      'src/tomli/__init__.py': '"""A lil\' TOML parser."""\n__version__ = "2.0.1"\n',
      'src/tomli/_parser.py': py('parser'),
      'src/tomli/_re.py': py('re'),
      'src/tomli/_types.py': py('types'),
      'src/tomli/py.typed': '',
      'tests/__init__.py': '',
      'tests/test_misc.py': py('test_misc'),
      'tests/data/valid/array.toml': 'a = [1]\n',
      'tests/data/valid/array.json': '{"a": [1]}\n',
      'tests/data/invalid/bad.toml': 'a =\n',
      'tests/data/invalid/keep.json': '{}\n',
      'tox.ini': '[tox]\n',
    },
  },
  {
    name: 'flit-namespace',
    backend: 'flit',
    modelledOn:
      'sphinxcontrib-jquery 4.1 (flit_core, a module in a namespace package: [tool.flit.module] name = "sphinxcontrib.jquery", [tool.flit.sdist] include/exclude)',
    files: {
      '.gitignore': '__pycache__/\n/dist/\n/build/\n*.egg-info\n',
      'CHANGES.rst': 'Release 4.1\n',
      LICENSE: '0BSD (placeholder)\n',
      'README.rst': 'sphinxcontrib-jquery\n',
      'pyproject.toml': `[build-system]
requires = ["flit_core>=3.7"]
build-backend = "flit_core.buildapi"

[project]
name = "sphinxcontrib-jquery"
description = "Extension to include jQuery on newer Sphinx releases"
readme = "README.rst"
requires-python = ">=2.7"
license.text = "0BSD"
dynamic = ["version"]

[tool.flit.module]
name = "sphinxcontrib.jquery"

[tool.flit.sdist]
include = ["LICENSE", "CHANGES.rst", "tests/"]
exclude = ["tests/roots/*/_build"]
`,
      'sphinxcontrib/jquery/__init__.py': '"""jQuery for Sphinx."""\n__version__ = "4.1"\n',
      'sphinxcontrib/jquery/jquery-3.6.0.js': '/* placeholder */\n',
      'sphinxcontrib/jquery/_sphinx_javascript_frameworks_compat.js': '/* placeholder */\n',
      'tests/test_jquery_installed.py': py('test'),
      'tests/roots/test-jquery/conf.py': py('conf'),
      'tests/roots/test-jquery/index.rst': 'index\n',
      'tests/roots/test-jquery/_build/html/index.html': '<html></html>\n',
      'tox.ini': '[tox]\n',
    },
  },
];
