/**
 * The rule `manifest explain` names for a path against `git check-ignore -v --no-index`: every file
 * of every case of test/cases/gitignore.ts, in its own fresh repository (outside config
 * neutralized). git prints the line that decided, negations (`!keep.log`) included, and the line
 * of an excluded parent directory for a path below it; `probePath` must name the same line (its
 * `rule`, ignored or re-included), or none when git names none. Paths that a built-in exclusion
 * decides (VCS directories, nested repositories, symlinked directories, `__pycache__/`, `*.py[cod]`,
 * the root `dist/`) are the walker's own and are left out. Each directory of each case is tried as
 * a project inside the repository too, with `git check-ignore` run in it.
 */
import { posix } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { probePath } from '../../src/tree/walk.js';
import { gitignoreCases } from '../cases/gitignore.js';
import { createGitSandbox, initRepo, listSubdirectories, runGitWithInput } from '../helpers/git.js';
import { makeTree } from '../helpers/tree.js';

const sandbox = createGitSandbox();
afterAll(() => sandbox.dispose());

/** `source:line:pattern` as `git check-ignore -v` prints it, `::` for no matching line. */
function gitRules(root: string, paths: readonly string[]): Map<string, string> {
  const out = runGitWithInput(
    sandbox,
    root,
    ['check-ignore', '-v', '-n', '--no-index', '-z', '--stdin'],
    `${paths.join('\0')}\0`,
  )
    .toString('utf8')
    .split('\0');
  const rules = new Map<string, string>();
  for (let i = 0; i + 3 < out.length; i += 4)
    rules.set(out[i + 3]!, `${out[i]}:${out[i + 1]}:${out[i + 2]}`);
  return rules;
}

describe('probePath names the line git check-ignore -v names', () => {
  const cases = gitignoreCases.filter((c) => Object.keys(c.tree).some((p) => !p.endsWith('/')));
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, testCase) => {
    const root = makeTree(testCase.tree, 'pm-check-ignore-');
    initRepo(sandbox, root);
    const ours = new Map<string, string>();
    for (const path of Object.keys(testCase.tree)) {
      if (path.endsWith('/') || path.split('/').includes('.git')) continue;
      const probe = probePath(root, path);
      if (probe.rule?.kind === 'default') continue;
      const rule = probe.rule;
      ours.set(path, rule === undefined ? '::' : `${rule.source}:${rule.line}:${rule.pattern}`);
    }
    if (ours.size === 0) return;
    const git = gitRules(root, [...ours.keys()]);
    expect(Object.fromEntries(ours)).toEqual(Object.fromEntries(git));
  });

  it.each(cases.map((c) => [c.name, c] as const))(
    '%s, each directory as a project inside the repository',
    (_name, testCase) => {
      // git names an ignore file by its path from the repository root; probePath names it from the
      // project root (`../.gitignore` for the repository root's file, #9).
      const repo = makeTree(testCase.tree, 'pm-check-ignore-sub-');
      initRepo(sandbox, repo);
      const files = Object.keys(testCase.tree).filter(
        (path) => !path.endsWith('/') && !path.split('/').includes('.git'),
      );
      for (const sub of listSubdirectories(repo)) {
        const root = `${repo}/${sub}`;
        const ours = new Map<string, string>();
        for (const file of files) {
          if (!file.startsWith(`${sub}/`)) continue;
          const path = file.slice(sub.length + 1);
          const probe = probePath(root, path);
          if (probe.rule?.kind === 'default') continue;
          const rule = probe.rule;
          const source = rule === undefined ? '' : posix.join(sub, rule.source);
          ours.set(path, rule === undefined ? '::' : `${source}:${rule.line}:${rule.pattern}`);
        }
        if (ours.size === 0) continue;
        const git = gitRules(root, [...ours.keys()]);
        expect(Object.fromEntries(ours), sub).toEqual(Object.fromEntries(git));
      }
    },
  );

  it('names a negation, in the file and at the depth git does', () => {
    const root = makeTree({
      '.gitignore': '*.log\n!keep.log\n',
      'keep.log': '',
      'a.log': '',
      'sub/.gitignore': '!other.log\n',
      'sub/other.log': '',
      'sub/x.log': '',
    });
    initRepo(sandbox, root);
    expect(probePath(root, 'sub/other.log')).toEqual({
      ignored: false,
      rule: { kind: 'ignore-file', source: 'sub/.gitignore', line: 1, pattern: '!other.log' },
    });
    expect(probePath(root, 'keep.log').rule?.pattern).toBe('!keep.log');
    expect(Object.fromEntries(gitRules(root, ['keep.log', 'sub/other.log', 'sub/x.log']))).toEqual({
      'keep.log': '.gitignore:2:!keep.log',
      'sub/other.log': 'sub/.gitignore:1:!other.log',
      'sub/x.log': '.gitignore:1:*.log',
    });
  });

  it('names wildcard and escaped negations as git does', () => {
    const tree = {
      '.gitignore': '*\n!*.py\n!#hash\n!\\!bang\n!.gitignore\n!d/\n',
      'a.py': '',
      'b.txt': '',
      '#hash': '',
      '!bang': '',
      'd/x.py': '',
      'd/y.txt': '',
    };
    const root = makeTree(tree);
    initRepo(sandbox, root);
    const paths = Object.keys(tree);
    const ours = Object.fromEntries(
      paths.map((path) => {
        const rule = probePath(root, path).rule;
        return [path, rule === undefined ? '::' : `${rule.source}:${rule.line}:${rule.pattern}`];
      }),
    );
    expect(ours).toEqual(Object.fromEntries(gitRules(root, paths)));
    expect(ours['a.py']).toBe('.gitignore:2:!*.py');
  });
});
