/**
 * pdm cases (pdm-pep517, Debian 12's): layouts and `[tool.pdm.build]` tables of real projects
 * (named in `modelledOn`), with placeholder contents of our own.
 */
import type { CorpusCase } from './case.js';

const py = (name: string): string => `"""${name}: placeholder module for the corpus."""\n`;

export const PDM_CASES: CorpusCase[] = [
  {
    name: 'pdm-pep517',
    backend: 'pdm',
    modelledOn:
      'unearth 0.6 (pdm-pep517, src layout, [tool.pdm.build] package-dir, includes, source-includes and excludes)',
    files: {
      '.gitignore': '__pycache__/\n/dist\n.pdm.toml\n__pypackages__/\n',
      'CHANGELOG.md': '# Changelog\n',
      LICENSE: 'MIT License (placeholder)\n',
      'README.md': '# unearth\n',
      'docs/index.md': '# Docs\n',
      'noxfile.py': py('noxfile'),
      'pyproject.toml': `[project]
name = "unearth"
version = "0.6.0"
description = "A utility to fetch and download python packages"
authors = [{ name = "Frost Ming", email = "me@frostming.com" }]
requires-python = ">=3.7"
readme = "README.md"
license = { text = "MIT" }

[tool.pdm.build]
package-dir = "src"
includes = ["src/unearth"]
source-includes = ["tests/", "CHANGELOG.md"]
excludes = ["src/unearth/**/*.bak"]

[build-system]
requires = ["pdm-pep517>=1.0.0"]
build-backend = "pdm.pep517.api"
`,
      'src/unearth/__init__.py': py('unearth'),
      'src/unearth/finder.py': py('finder'),
      'src/unearth/py.typed': '',
      'src/unearth/vcs/__init__.py': py('vcs'),
      'src/unearth/vcs/git.py': py('git'),
      'src/unearth/vcs/old.py.bak': py('backup'),
      'tests/conftest.py': py('conftest'),
      'tests/test_finder.py': py('test_finder'),
      'tests/fixtures/index.html': '<html></html>\n',
    },
  },
];
