/**
 * git's wildmatch table (test/cases/wildmatch.ts, from t/t3070-wildmatch.sh) run through the ignore
 * engine and against real git.
 *
 * Each row becomes an ignore-file line in two forms: anchored (`/` + pattern: git then matches the
 * whole path with wildmatch and WM_PATHNAME, which is what t3070's first column tests), and as
 * written wherever that means the same (the text has no slash, so the basename is the whole path;
 * or the pattern has a slash, so it is anchored anyway).
 *
 * The git side puts every row-form in its own directory `r<N>/` of one repository, with the line
 * followed by the line `!*` + `/`, which re-includes every directory: the file's own line alone
 * decides, as in the table. One `git ls-files` call answers the whole table, and `walkTree` must list the same.
 */
import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { IgnoreStack } from '../../src/rules/ignore-stack.js';
import { walkTree } from '../../src/tree/walk.js';
import { wildmatchRows } from '../cases/wildmatch.js';
import { createGitSandbox, initRepo, listUntracked, sortPaths } from '../helpers/git.js';
import { makeTree, type TreeSpec } from '../helpers/tree.js';

interface RowForm {
  label: string;
  line: string;
  text: string;
  ignored: boolean;
}

const forms: RowForm[] = wildmatchRows.flatMap(([match, text, pattern]) => {
  const verdict = match === 1 ? 'match' : 'no match';
  const out: RowForm[] = [
    {
      label: `${verdict} ${JSON.stringify(text)} /${pattern}`,
      line: `/${pattern}`,
      text,
      ignored: match === 1,
    },
  ];
  if (!text.includes('/') || pattern.includes('/'))
    out.push({
      label: `${verdict} ${JSON.stringify(text)} ${pattern}`,
      line: pattern,
      text,
      ignored: match === 1,
    });
  return out;
});

describe('t3070 wildmatch rows through IgnoreStack', () => {
  it.each(forms.map((f) => [f.label, f] as const))('%s', (_label, form) => {
    const stack = IgnoreStack.empty().child('', [{ source: '.gitignore', text: `${form.line}\n` }]);
    expect(stack.check(form.text, false).ignored).toBe(form.ignored);
  });
});

describe('t3070 wildmatch rows against git', () => {
  const sandbox = createGitSandbox();
  afterAll(() => sandbox.dispose());
  const spec: TreeSpec = {};
  forms.forEach((form, i) => {
    spec[`r${i}/.gitignore`] = `${form.line}\n!*/\n`;
    spec[`r${i}/${form.text}`] = '';
  });
  const root = makeTree(spec, 'pm-wildmatch-');
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  initRepo(sandbox, root);
  const git = sortPaths(listUntracked(sandbox, root));
  const listed = new Set(git);

  it('walkTree lists exactly what git lists', () => {
    expect(walkTree(root).files.map((f) => f.path)).toEqual(git);
  });

  it.each(forms.map((f, i) => [f.label, f, i] as const))('git agrees: %s', (_label, form, i) => {
    expect(!listed.has(`r${i}/${form.text}`)).toBe(form.ignored);
  });
});
