/**
 * validateTree and updateManifest on real temp trees, on both of their paths: the file already
 * holds what the rules produce (nothing parsed, nothing written), and the file differs (parsed,
 * compared entry by entry; the SRC of a stale entry stat'ed only when the walk did not list it).
 */
import { readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateManifest, updateManifest, validateTree } from '../../src/index.js';
import { makeTree } from '../helpers/tree.js';

// No [build-system]: setuptools' legacy backend, whose egg-info lines (`dir: proj.egg-info`,
// `gen: proj.egg-info/*`) sort before proj/'s files.
const PYPROJECT = '[project]\nname = "proj"\n\n[tool.manifest]\n';
const MANIFEST = 'pyproject-manifest.txt';

function project(extra: Record<string, string> = {}): string {
  const root = makeTree({
    'pyproject.toml': PYPROJECT,
    'proj/__init__.py': '',
    'proj/a.py': '',
    'proj/b.py': '',
    ...extra,
  });
  updateManifest({ root });
  return root;
}

const codes = (root: string) =>
  validateTree({ root }).findings.map((f) => [f.code, f.target, f.path, f.line ?? null]);

describe('validateTree', () => {
  it('finds nothing when the file is what the rules produce', () => {
    expect(codes(project())).toEqual([]);
  });

  it('reports whole-manifest findings at their lines without parsing the file', () => {
    // The sdist excludes a file the wheel ships: §4.8, at the wheel line of the canonical text.
    const root = project({
      'pyproject.toml': `${PYPROJECT}[tool.manifest.sdist]\nexclude = ["proj/b.py"]\n`,
    });
    const text = readFileSync(join(root, MANIFEST), 'utf8');
    const line = text.split('\n').indexOf('mod: proj/b.py -> proj/b.py') + 1;
    expect(line).toBeGreaterThan(0);
    expect(codes(root)).toEqual([['WHEEL_SOURCE_NOT_IN_SDIST', 'wheel', 'proj/b.py', line]]);
  });

  it('tells a missing source from a stale entry whose file exists', () => {
    const root = project({ 'proj/c.py': '', 'proj/d.py': '' });
    const lines = readFileSync(join(root, MANIFEST), 'utf8').split('\n');
    // The sdist's line of each file, then the wheel's.
    const at = (line: string) => [lines.indexOf(line) + 1, lines.lastIndexOf(line) + 1];
    const [sdistC, wheelC] = at('mod: proj/c.py -> proj/c.py');
    const [sdistD, wheelD] = at('mod: proj/d.py -> proj/d.py');
    rmSync(join(root, 'proj/c.py'));
    // Still a file, but no longer selected: the walk does not list it, so it is stat'ed.
    writeFileSync(join(root, '.gitignore'), 'proj/d.py\n');
    const found = codes(root).filter(([code]) => code !== 'UNLISTED_FILE');
    expect(found).toEqual([
      ['MISSING_SOURCE', 'sdist', 'proj/c.py', sdistC],
      ['STALE_ENTRY', 'sdist', 'proj/d.py', sdistD],
      ['MISSING_SOURCE', 'wheel', 'proj/c.py', wheelC],
      ['STALE_ENTRY', 'wheel', 'proj/d.py', wheelD],
    ]);
  });

  it('counts a dangling symlink as an existing source, as the walk would list it', () => {
    const root = project();
    symlinkSync('nowhere', join(root, 'proj/link.py'));
    writeFileSync(join(root, '.gitignore'), 'proj/link.py\n');
    const text = readFileSync(join(root, MANIFEST), 'utf8');
    writeFileSync(
      join(root, MANIFEST),
      text.replace(
        'mod: proj/b.py -> proj/b.py\n',
        'mod: proj/b.py -> proj/b.py\nmod: proj/link.py -> proj/link.py\n',
      ),
    );
    expect(codes(root).filter(([, , path]) => path === 'proj/link.py')).toEqual([
      ['STALE_ENTRY', 'sdist', 'proj/link.py', 12],
    ]);
  });

  it('reports a file out of canonical order, whatever else is wrong', () => {
    const root = project();
    const text = readFileSync(join(root, MANIFEST), 'utf8');
    writeFileSync(
      join(root, MANIFEST),
      text.replace(
        'mod: proj/a.py -> proj/a.py\nmod: proj/b.py -> proj/b.py\n',
        'mod: proj/b.py -> proj/b.py\nmod: proj/a.py -> proj/a.py\n',
      ),
    );
    expect(codes(root)).toEqual([['MANIFEST_NOT_CANONICAL', undefined, 'proj/b.py', 10]]);
  });
});

describe('updateManifest', () => {
  it('changes nothing and parses nothing when the file is what the rules produce', () => {
    const root = project();
    const before = readFileSync(join(root, MANIFEST), 'utf8');
    const result = updateManifest({ root });
    expect(result).toMatchObject({ changed: false, created: false, replacedUnparsable: false });
    expect(result.changes).toEqual({
      sdist: { added: [], removed: [] },
      wheel: { added: [], removed: [] },
    });
    expect(result.text).toBe(before);
    expect(result.text).toBe(generateManifest({ root }).text);
  });

  it('lists removed lines in the old file order and added lines in the new order', () => {
    const root = project({ 'proj/z.py': '' });
    const text = readFileSync(join(root, MANIFEST), 'utf8');
    // Out of order by hand: z before a.
    writeFileSync(
      join(root, MANIFEST),
      text
        .replace('mod: proj/z.py -> proj/z.py\n', '')
        .replace(
          'mod: proj/a.py -> proj/a.py\n',
          'mod: proj/z.py -> proj/z.py\nmod: proj/a.py -> proj/a.py\n',
        ),
    );
    rmSync(join(root, 'proj/z.py'));
    rmSync(join(root, 'proj/a.py'));
    writeFileSync(join(root, 'proj/c.py'), '');
    writeFileSync(join(root, 'proj/0.py'), '');
    const result = updateManifest({ root });
    expect(result.changed).toBe(true);
    expect(result.changes.sdist).toEqual({
      added: ['mod: proj/0.py -> proj/0.py', 'mod: proj/c.py -> proj/c.py'],
      removed: ['mod: proj/z.py -> proj/z.py', 'mod: proj/a.py -> proj/a.py'],
    });
    expect(readFileSync(join(root, MANIFEST), 'utf8')).toBe(generateManifest({ root }).text);
    expect(updateManifest({ root }).changed).toBe(false);
  });
});
