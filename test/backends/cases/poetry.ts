/**
 * poetry-core cases: layouts and `[tool.poetry]` tables of real projects (named in `modelledOn`),
 * with placeholder contents of our own.
 */
import type { CorpusCase } from './case.js';

const py = (name: string): string => `"""${name}: placeholder module for the corpus."""\n`;

export const POETRY_CASES: CorpusCase[] = [
  {
    name: 'poetry-core-tool-poetry',
    backend: 'poetry',
    modelledOn:
      'cleo 2.0 (poetry-core 1.x, metadata only in [tool.poetry]: packages from src, include of the tests for the sdist and of a changelog, exclude of vendored text files)',
    files: {
      '.gitignore': '*.pyc\n__pycache__\n/dist\n.venv\n.mypy_cache\n',
      'CHANGELOG.md': '# Change Log\n',
      LICENSE: 'MIT License (placeholder)\n',
      'README.md': '# Cleo\n',
      Makefile: 'test:\n\tpytest\n',
      'docs/index.md': '# Docs\n',
      'pyproject.toml': `[tool.poetry]
name = "cleo"
version = "2.0.1"
description = "Cleo allows you to create beautiful and testable command-line interfaces."
authors = ["Sébastien Eustace <sebastien@eustace.io>"]
license = "MIT"
readme = "README.md"
packages = [{ include = "cleo", from = "src" }]
include = [{ path = "tests", format = "sdist" }, "CHANGELOG.md"]
exclude = ["src/cleo/_vendor/**/*.txt"]

[tool.poetry.dependencies]
python = "^3.7"

[build-system]
requires = ["poetry-core>=1.1.0"]
build-backend = "poetry.core.masonry.api"
`,
      'src/cleo/__init__.py': py('cleo'),
      'src/cleo/application.py': py('application'),
      'src/cleo/py.typed': '',
      'src/cleo/io/__init__.py': py('io'),
      'src/cleo/io/outputs/output.py': py('output'),
      'src/cleo/_vendor/lib/__init__.py': py('vendored'),
      'src/cleo/_vendor/lib/LICENSE.txt': 'vendored licence (placeholder)\n',
      'tests/__init__.py': '',
      'tests/test_application.py': py('test_application'),
      'tests/fixtures/foo_command.py': py('fixture'),
    },
  },
  {
    name: 'poetry-core-project-table',
    backend: 'poetry',
    modelledOn:
      'pendulum 3 / projects moving to poetry 2 ([project] metadata beside the [tool.poetry] table poetry-core 1.x still reads; flat layout found from the name, an sdist-only docs include, an exclude inside the package)',
    files: {
      '.gitignore': '__pycache__/\n/dist/\n.venv/\n',
      'CHANGELOG.md': '# Changelog\n',
      'LICENSE.txt': 'MIT License (placeholder)\n',
      'README.rst': 'Pendulum\n',
      'docs/index.rst': 'docs\n',
      'docs/conf.py': py('conf'),
      'pyproject.toml': `[project]
name = "pendulum"
version = "3.0.0"
description = "Python datetimes made easy"
readme = "README.rst"
requires-python = ">=3.8"
license = { text = "MIT" }

[tool.poetry]
name = "pendulum"
version = "3.0.0"
description = "Python datetimes made easy"
authors = ["Sébastien Eustace <sebastien@eustace.io>"]
readme = "README.rst"
include = [{ path = "docs", format = "sdist" }]
exclude = ["pendulum/_benchmarks"]

[build-system]
requires = ["poetry-core>=1.0.0"]
build-backend = "poetry.core.masonry.api"
`,
      'pendulum/__init__.py': py('pendulum'),
      'pendulum/datetime.py': py('datetime'),
      'pendulum/locales/__init__.py': py('locales'),
      'pendulum/locales/en/locale.py': py('en'),
      'pendulum/py.typed': '',
      'pendulum/_benchmarks/bench.py': py('bench'),
      'tests/test_datetime.py': py('test'),
    },
  },
];
