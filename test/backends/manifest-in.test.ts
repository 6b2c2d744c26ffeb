/**
 * MANIFEST.in, differentially: every template below is applied by setuptools' own FileList (the
 * code `manifest_maker` runs, Debian's setuptools 66) in a real temp tree, and translated by
 * src/backends/manifest-in.ts into an ordered include list that our pattern engine applies to the
 * walker's listing of the same tree. The two file sets must be equal.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseManifestIn, translateCommand } from '../../src/backends/manifest-in.js';
import { compilePatternList } from '../../src/rules/patterns.js';
import { walkTree } from '../../src/tree/walk.js';

const PYTHON = '/usr/bin/python3';
const hasSetuptools =
  existsSync(PYTHON) && existsSync('/usr/lib/python3/dist-packages/setuptools/command/egg_info.py');

/** A tree with the corners the commands differ on: hidden names, classes, deep and odd paths. */
const TREE = [
  'README.rst',
  'README.md',
  'CHANGES.rst',
  'a-notes.md',
  'b.md',
  '-.md',
  'z.md',
  '.hidden.txt',
  '.editorconfig',
  'setup.cfg',
  'tox.ini',
  'x.txt/inside.py',
  'docs/index.rst',
  'docs/api.rst',
  'docs/guide.txt',
  'docs/.nojekyll',
  'docs/Makefile',
  'docs/_build/html/index.html',
  'docs/_build/html/api.rst',
  'docs/sub/deep/page.rst',
  'docs/sub/deep/img.png',
  'src/pkg/__init__.py',
  'src/pkg/core.py',
  'src/pkg/.secret.py',
  'src/pkg/data/table.json',
  'src/pkg/data/nested/more.json',
  'src/pkg/data/notes.txt',
  'src/pkg/py.typed',
  'src/other/mod.py',
  'tests/test_a.py',
  'tests/conftest.py',
  'tests/fixtures/f.txt',
  'tests/fixtures/scratch.tmp',
  'tests/fixtures/deep/g.tmp',
  'examples/basic/app.py',
  'examples/basic/.env',
  'requirements/dev.txt',
  'requirements/docs.in',
  'weird [x].txt',
  'star*.txt',
];

/** Templates: each is applied from an empty file list (setuptools' defaults are not in play here). */
const TEMPLATES: Record<string, string[]> = {
  'include: globs are per segment and not recursive': [
    'include *.md',
    'include docs/*.rst',
    'include **/*.py',
    'include src/*/__init__.py',
  ],
  'include: a class is a range, a hidden name matches *': [
    'include [a-c]*.md',
    'include .*',
    'include docs/.*',
  ],
  'exclude: a class is literal characters': ['include *.md', 'exclude [a-c]*.md'],
  'exclude: a whole-path pattern, ** a globstar': [
    'graft docs',
    'exclude docs/**/*.png',
    'exclude docs/*.rst',
  ],
  'recursive-include and recursive-exclude': [
    'recursive-include tests *.py *.txt *.tmp',
    'recursive-exclude tests/fixtures *.tmp',
    'recursive-include src *.json',
  ],
  'recursive-include from the root': ['recursive-include . *.json', 'recursive-include . .env'],
  'global-include and global-exclude': ['global-include *.txt *.in', 'global-exclude .* *.tmp'],
  'global-include a path with a directory': ['global-include data/*.json'],
  'graft and prune, in order': [
    'graft docs',
    'prune docs/_build',
    'graft docs/_build/html',
    'prune docs/sub',
  ],
  'graft a glob of directories': ['graft exam*', 'graft src/*/data'],
  'prune with a trailing slash, exclude with one': [
    'graft docs',
    'exclude docs/',
    'prune docs/sub/',
    'recursive-exclude docs/ *.rst',
  ],
  'include ./path, and exclude ./path of what was added so': [
    'include ./README.rst',
    'include ./tox.ini',
    'exclude ./tox.ini',
  ],
  'a directory named like a file pattern': [
    'include *.txt',
    'global-include *.py',
    'exclude x.txt',
  ],
  'names with special characters': ['include weird*', 'include star*', 'exclude star[*].txt'],
  'the last command decides': [
    'global-include *',
    'prune docs',
    'recursive-include docs *.rst',
    'exclude docs/api.rst',
    'global-exclude *.py',
    'include src/pkg/core.py',
  ],
  'comments, continuations, unknown and short lines': [
    '# a comment',
    'include CHANGES.rst # trailing comment',
    'include \\',
    '    tox.ini',
    'frobnicate everything',
    'recursive-include docs',
    'graft',
  ],
};

let root = '';
let python: Record<string, string[]> = {};

const SCRIPT = `
import json, os, sys
from setuptools.command.egg_info import FileList
from distutils.text_file import TextFile
import distutils.log
distutils.log.set_threshold(distutils.log.FATAL)
out = {}
for name, lines in json.load(sys.stdin).items():
    path = os.path.join('..', 'template.in')
    with open(path, 'w') as f:
        f.write('\\n'.join(lines) + '\\n')
    template = TextFile(path, strip_comments=1, skip_blanks=1, join_lines=1,
                        lstrip_ws=1, rstrip_ws=1, collapse_join=1)
    fl = FileList()
    while True:
        line = template.readline()
        if line is None:
            break
        try:
            fl.process_template_line(line)
        except Exception:
            pass
    out[name] = sorted({os.path.normpath(p) for p in fl.files})
print(json.dumps(out))
`;

describe.skipIf(!hasSetuptools)('MANIFEST.in against setuptools 66 itself', () => {
  beforeAll(() => {
    const base = mkdtempSync(join(tmpdir(), 'pm-manifest-in-'));
    root = join(base, 'tree');
    for (const path of TREE) {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), '');
    }
    python = JSON.parse(
      execFileSync(PYTHON, ['-c', SCRIPT], {
        cwd: root,
        input: JSON.stringify(TEMPLATES),
        encoding: 'utf8',
        env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1' },
      }),
    ) as Record<string, string[]>;
  });

  afterAll(() => {
    if (root !== '') rmSync(dirname(root), { recursive: true, force: true });
  });

  it.each(Object.keys(TEMPLATES))('%s', (name) => {
    const patterns: string[] = [];
    for (const command of parseManifestIn(`${TEMPLATES[name]!.join('\n')}\n`))
      patterns.push(...translateCommand(command, `MANIFEST.in:${command.line}`).patterns);
    const list = compilePatternList(
      [...patterns, '!*/'].map((pattern, i) => ({ pattern, key: String(i) })),
    );
    const files = walkTree(root, { ignoreFiles: false }).files.map((f) => f.path);
    const ours = files.filter((f) => list.test(f).matched).sort();
    expect(ours).toEqual([...python[name]!].sort());
  });
});
