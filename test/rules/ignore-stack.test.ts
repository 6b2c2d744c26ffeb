/**
 * IgnoreStack alone: one line per case, `[ignore file text, path, isDir, line that decides or null]`,
 * plus precedence across files, immutability and what a decision carries.
 */
import { describe, expect, it } from 'vitest';
import { IgnoreStack } from '../../src/rules/ignore-stack.js';

function lineFor(text: string, path: string, isDir: boolean): number | null {
  const result = IgnoreStack.empty()
    .child('', [{ source: '.gitignore', text }])
    .check(path, isDir);
  return result.ignored ? result.rule!.line! : null;
}

describe('IgnoreStack: one file', () => {
  const cases: [text: string, path: string, isDir: boolean, line: number | null][] = [
    ['a\n', 'a', false, 1],
    ['a\n', 'x/a', false, 1],
    ['a\n', 'ab', false, null],
    ['/a\n', 'x/a', false, null],
    ['x/a\n', 'y/x/a', false, null],
    ['build/\n', 'build', true, 1],
    ['build/\n', 'build', false, null],
    ['#a\n', '#a', false, null],
    ['\\#a\n', '#a', false, 1],
    ['\\!a\n', '!a', false, 1],
    ['a  \n', 'a', false, 1],
    ['a\\ \n', 'a ', false, 1],
    ['a\\ \n', 'a', false, null],
    ['a\r\n', 'a', false, 1],
    ['\uFEFFa\n', 'a', false, 1],
    ['*.log\n!keep.log\n', 'keep.log', false, null],
    // Literal lines are looked up by name; the later of them and a wildcard line decides.
    ['*.log\nkeep.log\n', 'keep.log', false, 2],
    ['keep.log\n*.log\n!keep.log\n', 'keep.log', false, null],
    ['!keep.log\nkeep.log\n', 'keep.log', false, 2],
    ['build/\n', 'x/build', true, 1],
    ['build/\n', 'x/build', false, null],
    ['build/\nbuild\n!build/\n', 'build', false, 2],
    ['build/\nbuild\n!build/\n', 'build', true, null],
    ['x/y\n', 'x/y', false, 1],
    ['x/y\n', 'z/x/y', false, null],
    ['/x/y/\n', 'x/y', true, 1],
    ['/x/y/\n', 'x/y', false, null],
    ['x/y\n!*\n', 'x/y', false, null],
    ['!*\nx/y\n', 'x/y', false, 2],
    ['!keep.log\n*.log\n', 'keep.log', false, 2],
    ['*.log\n\n# c\n*.txt\n', 'a.txt', false, 4],
    ['x[!a]\n', 'xa', false, null],
    ['x[!a]\n', 'xb', false, 1],
    ['x[a-c]\n', 'xc', false, 1],
    ['x[]]\n', 'x]', false, 1],
    ['a/**\n', 'a', true, null],
    ['a/**\n', 'a/b', false, 1],
    ['a/**/b\n', 'a/b', false, 1],
    ['a/**/b\n', 'a/x/y/b', false, 1],
    ['**/a\n', 'x/y/a', false, 1],
    ['a**/b\n', 'ab', false, 1],
    ['a**/b\n', 'ax/y/b', false, 1],
    ['README\n', 'readme', false, null],
    ['caf?\n', 'café', false, null],
    ['caf??\n', 'café', false, 1],
    ['x[é]y\n', 'xéy', false, null],
    ['café\n', 'café', false, 1],
    ['caf\u00e9\n', 'cafe\u0301', false, null],
    ['a\\\n', 'a', false, null],
  ];
  it.each(cases)('%j on %j (dir: %s) → line %s', (text, path, isDir, line) => {
    expect(lineFor(text, path, isDir)).toBe(line);
  });
});

describe('IgnoreStack: several files', () => {
  const root = IgnoreStack.empty().child('', [{ source: '.gitignore', text: 'build/\n*.log\n' }]);

  it('reports the source, line and pattern as written', () => {
    expect(root.check('x/app.log', false)).toEqual({
      ignored: true,
      rule: { kind: 'ignore-file', source: '.gitignore', line: 2, pattern: '*.log' },
    });
  });

  it('keeps the ! of a pattern and drops trailing spaces', () => {
    const stack = IgnoreStack.empty().child('', [{ source: '.gitignore', text: '*\n!a  \n' }]);
    expect(stack.check('b', false).rule?.pattern).toBe('*');
    expect(stack.check('a', false)).toEqual({ ignored: false });
  });

  it('lets a deeper file re-include what a higher one excludes (the path itself decides)', () => {
    const pkg = root.child('pkg', [{ source: 'pkg/.gitignore', text: '!build/\n' }]);
    expect(pkg.check('pkg/build', true)).toEqual({ ignored: false });
    expect(pkg.check('pkg/build/x', false)).toEqual({ ignored: false });
    expect(root.check('pkg/build', true).ignored).toBe(true);
  });

  it('lets a deeper file exclude what a higher one re-includes', () => {
    const top = IgnoreStack.empty().child('', [
      { source: '.gitignore', text: '*.txt\n!keep.txt\n' },
    ]);
    const sub = top.child('sub', [{ source: 'sub/.gitignore', text: 'keep.txt\n' }]);
    expect(sub.check('sub/keep.txt', false).rule).toMatchObject({
      source: 'sub/.gitignore',
      line: 1,
    });
    expect(sub.check('keep.txt', false)).toEqual({ ignored: false });
  });

  it('scopes patterns to the directory of their file', () => {
    const sub = IgnoreStack.empty().child('src/pkg', [
      { source: 'src/pkg/.gitignore', text: '/gen\nx/y\n' },
    ]);
    expect(sub.check('src/pkg/gen', true).ignored).toBe(true);
    expect(sub.check('src/pkg/a/gen', true).ignored).toBe(false);
    expect(sub.check('src/pkg/x/y', false).ignored).toBe(true);
    expect(sub.check('gen', true).ignored).toBe(false);
  });

  it('scopes correctly under a non-ASCII directory', () => {
    const sub = IgnoreStack.empty().child('données', [
      { source: 'données/.gitignore', text: '/*.csv\n' },
    ]);
    expect(sub.check('données/a.csv', false).ignored).toBe(true);
    expect(sub.check('données/x/a.csv', false).ignored).toBe(false);
  });

  it('gives a later source in the same directory precedence', () => {
    const stack = IgnoreStack.empty().child('', [
      { source: '.gitignore', text: 'a\n' },
      { source: '.extra-ignore', text: '!a\n' },
    ]);
    expect(stack.check('a', false)).toEqual({ ignored: false });
  });

  it('is immutable: child leaves the parent as it was', () => {
    const before = root.check('keep', false);
    const child = root.child('', [{ source: 'more', text: 'keep\n' }]);
    expect(child.check('keep', false).ignored).toBe(true);
    expect(root.check('keep', false)).toEqual(before);
  });

  it('returns the same stack for files without rules', () => {
    expect(root.child('x', [{ source: 'x/.gitignore', text: '# only a comment\n\n' }])).toBe(root);
    expect(IgnoreStack.empty().check('anything', false)).toEqual({ ignored: false });
  });

  it('decides a path below 300 nested ignore files by the deepest line that matches', () => {
    let stack = IgnoreStack.empty().child('', [{ source: '.gitignore', text: '*.log\n' }]);
    let dir = '';
    for (let depth = 0; depth < 300; depth++) {
      dir = dir === '' ? `d${depth}` : `${dir}/d${depth}`;
      const text = depth === 150 ? '!keep.log\n/own.txt\n' : '*.tmp\n';
      stack = stack.child(dir, [{ source: `${dir}/.gitignore`, text }]);
    }
    expect(stack.check(`${dir}/a.log`, false).rule?.source).toBe('.gitignore');
    expect(stack.check(`${dir}/keep.log`, false).ignored).toBe(false);
    expect(stack.check(`${dir}/a.tmp`, false).rule?.source).toBe(`${dir}/.gitignore`);
    // `/own.txt` is anchored to d150: it does not match deeper down.
    expect(stack.check(`${dir}/own.txt`, false).ignored).toBe(false);
  });

  it('compares the prefix again under a layer that is not in a subdirectory of the one below', () => {
    // The walker only stacks subdirectories; a sibling stacked on top must not inherit its match.
    const stack = IgnoreStack.empty()
      .child('a', [{ source: 'a/.gitignore', text: 'x\n' }])
      .child('b', [{ source: 'b/.gitignore', text: 'y\n' }]);
    expect(stack.check('b/x', false).ignored).toBe(false);
    expect(stack.check('b/y', false).rule?.source).toBe('b/.gitignore');
    expect(stack.check('a/x', false).rule?.source).toBe('a/.gitignore');
  });
});
