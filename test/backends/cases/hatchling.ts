/**
 * hatchling cases: layouts and `[tool.hatch.build]` tables of real projects (named in
 * `modelledOn`), with placeholder contents of our own.
 */
import type { CorpusCase } from './case.js';

const py = (name: string): string => `"""${name}: placeholder module for the corpus."""\n`;

export const HATCHLING_CASES: CorpusCase[] = [
  {
    name: 'hatchling-src-sdist-include',
    backend: 'hatchling',
    modelledOn:
      'httpx 0.23 / rich-click 1.6 (hatchling, src layout, an explicit [tool.hatch.build.targets.sdist] include with a glob and an exclude, wheel packages)',
    files: {
      '.gitignore': '__pycache__/\n/dist/\n*.log\n.venv/\n.coverage\n',
      '.pre-commit-config.yaml': 'repos: []\n',
      'CHANGELOG.md': '# Changelog\n',
      'LICENSE.md': 'BSD 3-Clause (placeholder)\n',
      'README.md': '# acme-widgets\n',
      'docs/index.md': '# Docs\n',
      'docs/api.md': '# API\n',
      'docs/mkdocs.yml': 'site_name: acme\n',
      'pyproject.toml': `[build-system]
requires = ["hatchling"]
build-backend = "hatchling.build"

[project]
name = "acme-widgets"
version = "1.2.0"
description = "Widgets for the corpus."
readme = "README.md"
license = "BSD-3-Clause"
requires-python = ">=3.7"

[project.scripts]
acme = "acme_widgets.cli:main"

[tool.hatch.build.targets.sdist]
include = ["/src", "/tests", "/docs/*.md", "/CHANGELOG.md"]
exclude = ["/tests/fixtures/big"]

[tool.hatch.build.targets.wheel]
packages = ["src/acme_widgets"]
`,
      'src/acme_widgets/__init__.py': '__version__ = "1.2.0"\n',
      'src/acme_widgets/cli.py': py('cli'),
      'src/acme_widgets/py.typed': '',
      'src/acme_widgets/data/schema.json': '{}\n',
      'tests/__init__.py': '',
      'tests/test_cli.py': py('test_cli'),
      'tests/fixtures/small/a.txt': 'a\n',
      'tests/fixtures/big/blob.bin': 'big\n',
      'scripts/release.sh': 'echo release\n',
    },
  },
  {
    name: 'hatchling-vcs',
    backend: 'hatchling',
    modelledOn:
      'platformdirs 3.1 (hatchling with hatch-vcs: version from the git tag, [tool.hatch.build.hooks.vcs] version-file ignored by git, sdist include)',
    plugins: ['python3-hatch-vcs', 'python3-setuptools-scm'],
    tag: '3.1.0',
    files: {
      '.gitignore': '*.py[cod]\n__pycache__/\n/dist\n/src/platformdirs/version.py\n.tox\n',
      'CHANGES.rst': 'platformdirs Changelog\n',
      LICENSE: 'MIT License (placeholder)\n',
      'README.rst': 'platformdirs\n',
      'docs/index.rst': 'docs\n',
      'pyproject.toml': `[build-system]
build-backend = "hatchling.build"
requires = ["hatch-vcs>=0.3", "hatchling>=1.12.2"]

[project]
name = "platformdirs"
description = 'A small Python package for determining appropriate platform-specific dirs.'
readme = "README.rst"
license = "MIT"
requires-python = ">=3.7"
dynamic = ["version"]

[tool.hatch]
version.source = "vcs"

[tool.hatch.build.hooks.vcs]
version-file = "src/platformdirs/version.py"

[tool.hatch.build.targets.sdist]
include = ["/src", "/tests"]
`,
      'src/platformdirs/__init__.py': 'from .version import __version__\n',
      'src/platformdirs/__main__.py': py('main'),
      'src/platformdirs/api.py': py('api'),
      'src/platformdirs/unix.py': py('unix'),
      'src/platformdirs/py.typed': '',
      'tests/conftest.py': py('conftest'),
      'tests/test_api.py': py('test_api'),
      'tox.ini': '[tox]\n',
    },
  },
];
