/**
 * Colour and progress only on a terminal: never with NO_COLOR, TERM=dumb, --json or --color never;
 * --color always forces colour. Checked on the real decision function and on real command output.
 */
import { copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decideColor } from '../../src/cli/report/style.js';
import type { CliIo } from '../../src/cli/io.js';
import { copyExample, repoRoot, runCli } from './harness.js';

const ESC = '\u001b[';

function io(isTTY: boolean, env: Record<string, string> = {}): CliIo {
  return { stdout: { write: () => true }, stderr: { write: () => true }, env, cwd: '/', isTTY };
}

describe('decideColor', () => {
  it.each([
    ['a terminal', io(true), 'auto', false, true],
    ['a pipe', io(false), 'auto', false, false],
    ['a terminal with NO_COLOR=1', io(true, { NO_COLOR: '1' }), 'auto', false, false],
    [
      'a terminal with NO_COLOR empty (unset, per no-color.org)',
      io(true, { NO_COLOR: '' }),
      'auto',
      false,
      true,
    ],
    ['a terminal with TERM=dumb', io(true, { TERM: 'dumb' }), 'auto', false, false],
    ['a terminal with --json', io(true), 'auto', true, false],
    ['a terminal with --color never', io(true), 'never', false, false],
    ['a pipe with --color always', io(false), 'always', false, true],
  ] as const)('%s', (_name, cliIo, choice, json, expected) => {
    expect(decideColor(cliIo, choice, json)).toBe(expected);
  });
});

describe('coloured output', () => {
  async function drift(options: { isTTY: boolean; env?: Record<string, string>; args?: string[] }) {
    const root = copyExample('single-module');
    writeFileSync(join(root, 'extra.py'), '');
    return runCli(['diff', ...(options.args ?? [])], {
      cwd: root,
      isTTY: options.isTTY,
      env: options.env ?? {},
    });
  }

  it('colours a diff on a terminal', async () => {
    const r = await drift({ isTTY: true });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`${ESC}32m+mod: extra.py -> extra.py`);
  });

  it.each([
    ['a pipe', { isTTY: false }],
    ['NO_COLOR', { isTTY: true, env: { NO_COLOR: '1' } }],
    ['--color never', { isTTY: true, args: ['--color', 'never'] }],
  ])('never colours for %s', async (_name, options) => {
    const r = await drift(options);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('+mod: extra.py -> extra.py');
    expect(r.stdout).not.toContain(ESC);
  });
});

describe('progress while reading archives', () => {
  async function validateArchives(isTTY: boolean) {
    const root = copyExample('single-module');
    // Any archive will do: progress is shown before it is judged.
    const wheel = join(root, 'x.whl');
    copyFileSync(
      join(repoRoot, 'fixtures/archives/flit_core/fixture_flit-1.0-py3-none-any.whl'),
      wheel,
    );
    return runCli(['validate', '--names-only', 'x.whl'], { cwd: root, isTTY });
  }

  it('shows on a terminal, and clears its line', async () => {
    const r = await validateArchives(true);
    expect(r.stderr).toContain('reading x.whl (1/1)');
    expect(r.stderr.endsWith(`\r${ESC}K`)).toBe(true);
  });

  it('stays silent in a pipe', async () => {
    const r = await validateArchives(false);
    expect(r.stderr).toBe('');
  });
});
