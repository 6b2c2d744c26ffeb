/**
 * Issue #12, runaway cost: inputs of a few hundred thousand items must not overflow the stack.
 * A spread into a call (`push(...items)`, `Math.min(...lines)`) passes each item as an argument,
 * and past ~150,000 throws "Maximum call stack size exceeded": `manifest validate` on a manifest of
 * 200,000 missing files ended with an internal error (exit 3) when it grouped the findings, and a
 * backend's unanchored forced pattern (a license glob) on a tree of as many files would have too.
 * Sized just past the limit; each runs in a few seconds.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkManifest } from '../../src/manifest/check.js';
import { parseManifest } from '../../src/manifest/parse.js';
import { collectBackendForced, createSdistScopeTest } from '../../src/rules/expand.js';
import { runCli } from '../cli/harness.js';
import { makeTree } from '../helpers/tree.js';

const N = 200_000;
const name = (i: number): string => `f${String(i).padStart(6, '0')}`;

describe('issue #12: 200,000 items are not spread into a call', () => {
  it('validate on a manifest of 200,000 missing files: grouped findings, exit 1', async () => {
    const root = makeTree({
      'pyproject.toml': '[project]\nname = "demo"\nversion = "1.0"\n',
      'demo/__init__.py': '',
    });
    expect((await runCli(['generate'], { cwd: root })).code).toBe(0);
    const file = join(root, 'pyproject-manifest.txt');
    const missing = Array.from({ length: N }, (_, i) => `mod: gone/${name(i)} -> gone/${name(i)}`);
    writeFileSync(
      file,
      readFileSync(file, 'utf8').replace(
        'dir: demo\n',
        `dir: demo\ndir: gone\n${missing.join('\n')}\n`,
      ),
    );
    const r = await runCli(['validate'], { cwd: root });
    expect(r.stderr).not.toMatch(/internal error/);
    expect(r.code).toBe(1);
    expect(r.stdout + r.stderr).toMatch(
      new RegExp(`error\\[MISSING_SOURCE\\] \\[sdist\\] ${N} entries under gone/`),
    );
  }, 60_000);

  it('checkManifest with 200,000 findings in one section', () => {
    const lines = Array.from({ length: N }, (_, i) => `mod: d${name(i)}/x -> d${name(i)}/x`);
    const text = `# pyproject-manifest v1\n\n[sdist]\n${lines.join('\n')}\n\n[wheel]\n`;
    const findings = checkManifest(parseManifest(text, 'm'), 'm');
    expect(findings.filter((f) => f.code === 'DIR_ENTRY_MISSING')).toHaveLength(N);
  });

  it('a backend pattern without a literal lead over 200,000 tree files', () => {
    const files = Array.from({ length: N }, (_, i) => ({
      path: `pkg/${name(i)}.py`,
      kind: 'file' as const,
    }));
    files.push({ path: 'LICENSE.txt', kind: 'file' });
    const forced = collectBackendForced(
      [{ pattern: 'LICEN[CS]E*', rule: { kind: 'backend', source: 'pyproject.toml' } }],
      files,
      createSdistScopeTest('pyproject.toml'),
    );
    expect(forced.map((s) => s.src)).toEqual(['LICENSE.txt']);
  });
});
