/**
 * Small projects, one per Debian backend, whose names and versions are written the way people
 * write them rather than normalized (`My.Pkg-Name`, `1.0.0-RC1`, an epoch, a local version), with
 * the layouts and file-selection settings that make each backend ship less or more than the tree:
 * package data, docs and tests left out, a `{data}` mapping, files the backend writes itself.
 * Placeholder contents of our own. Shared by the tests that build them for real.
 */
import type { TreeSpec } from './tree.js';

export interface BackendProject {
  /** Short id, used in test names and temp dirs. */
  id: string;
  /** The module list to probe (`import …`) before building. */
  modules: string[];
  /** The name and version as written in the project's config. */
  name: string;
  version: string;
  /** The same, as the normalized archive names carry them. */
  archiveStem: string;
  tree: TreeSpec;
}

const GITIGNORE = 'dist/\nbuild/\n*.egg-info/\n';

export const BACKEND_PROJECTS: readonly BackendProject[] = [
  {
    id: 'setuptools',
    modules: ['setuptools'],
    name: 'My.Pkg-Name',
    version: '1.0.0-RC1',
    archiveStem: 'my_pkg_name-1.0.0rc1',
    tree: {
      '.gitignore': GITIGNORE,
      'pyproject.toml': `[build-system]
requires = ["setuptools"]
build-backend = "setuptools.build_meta"

[project]
name = "My.Pkg-Name"
version = "1.0.0-RC1"
readme = "README.md"

[tool.setuptools.packages.find]
where = ["src"]
`,
      'MANIFEST.in': 'recursive-include src/my_pkg_name/data *.csv\nprune docs\n',
      'README.md': '# My.Pkg-Name\n',
      LICENSE: 'placeholder licence\n',
      'tox.ini': '[tox]\n',
      'docs/index.md': '# docs\n',
      'docs/api/ref.md': '# ref\n',
      'src/my_pkg_name/__init__.py': '"""my package."""\n',
      'src/my_pkg_name/core.py': 'VALUE = 1\n',
      'src/my_pkg_name/data/table.csv': 'a,b\n1,2\n',
      'src/my_pkg_name/data/notes.txt': 'not package data\n',
      'tests/test_core.py': 'def test_core():\n    pass\n',
    },
  },
  {
    id: 'hatchling',
    modules: ['hatchling'],
    name: 'hatch-proj',
    version: '1.0-1',
    archiveStem: 'hatch_proj-1.0.post1',
    tree: {
      '.gitignore': `${GITIGNORE}*.log\n`,
      'pyproject.toml': `[build-system]
requires = ["hatchling"]
build-backend = "hatchling.build"

[project]
name = "hatch-proj"
version = "1.0-1"
readme = "README.md"

[tool.hatch.build.targets.sdist]
exclude = ["/docs"]

[tool.hatch.build.targets.wheel]
packages = ["src/hatch_proj"]

[tool.hatch.build.targets.wheel.shared-data]
"share/app.desktop" = "share/applications/app.desktop"
`,
      'README.md': '# hatch-proj\n',
      'docs/guide.md': '# guide\n',
      'share/app.desktop': '[Desktop Entry]\n',
      'src/hatch_proj/__init__.py': '',
      'src/hatch_proj/cli.py': 'def main():\n    pass\n',
      'src/hatch_proj/py.typed': '',
      'src/hatch_proj/templates/page.html': '<p></p>\n',
      'tests/test_cli.py': 'def test_cli():\n    pass\n',
      'debug.log': 'ignored\n',
    },
  },
  {
    id: 'flit',
    modules: ['flit_core'],
    name: 'flit.proj',
    version: 'V2.0.0.DEV3',
    archiveStem: 'flit_proj-2.0.0.dev3',
    tree: {
      '.gitignore': GITIGNORE,
      'pyproject.toml': `[build-system]
requires = ["flit_core"]
build-backend = "flit_core.buildapi"

[project]
name = "flit.proj"
version = "V2.0.0.DEV3"
description = "a flit project"
readme = "README.rst"

[tool.flit.module]
name = "flit_proj"

[tool.flit.sdist]
include = ["doc/"]
exclude = ["doc/*.tmp"]
`,
      'README.rst': 'flit.proj\n=========\n',
      'CHANGES.txt': 'not shipped\n',
      'doc/index.rst': 'doc\n',
      'doc/scratch.tmp': 'left out\n',
      'flit_proj/__init__.py': '"""flit."""\n',
      'flit_proj/sub/__init__.py': '',
      'flit_proj/sub/data.json': '{}\n',
      'tests/test_x.py': 'def test_x():\n    pass\n',
    },
  },
  {
    id: 'poetry',
    modules: ['poetry.core'],
    name: 'poetry-proj',
    version: '1!1.0alpha',
    archiveStem: 'poetry_proj-1!1.0a0',
    tree: {
      '.gitignore': GITIGNORE,
      'pyproject.toml': `[build-system]
requires = ["poetry-core"]
build-backend = "poetry.core.masonry.api"

[tool.poetry]
name = "poetry-proj"
version = "1!1.0alpha"
description = "a poetry project"
authors = ["A Author <a@example.invalid>"]
readme = "README.md"
packages = [{ include = "poetry_proj", from = "src" }]
include = ["CHANGES.md"]
`,
      'README.md': '# poetry-proj\n',
      'CHANGES.md': '# changes\n',
      'NOTES.md': 'not shipped\n',
      'src/poetry_proj/__init__.py': '',
      'src/poetry_proj/models.py': 'class Model:\n    pass\n',
      'tests/test_models.py': 'def test_models():\n    pass\n',
    },
  },
  {
    id: 'pdm',
    modules: ['pdm.pep517'],
    name: 'Pdm.Proj',
    version: '1.0+Local-7',
    archiveStem: 'pdm_proj-1.0+local.7',
    tree: {
      '.gitignore': GITIGNORE,
      'pyproject.toml': `[build-system]
requires = ["pdm-pep517"]
build-backend = "pdm.pep517.api"

[project]
name = "Pdm.Proj"
version = "1.0+Local-7"
readme = "README.md"

[tool.pdm.build]
package-dir = "src"
`,
      'README.md': '# Pdm.Proj\n',
      Makefile: 'all:\n',
      'src/pdm_proj/__init__.py': '',
      'src/pdm_proj/api.py': 'def api():\n    pass\n',
      'tests/test_api.py': 'def test_api():\n    pass\n',
    },
  },
];
