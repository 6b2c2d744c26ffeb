/**
 * Runs the CLI in-process with injected streams and env, and renders a transcript: the command,
 * stdout, stderr and exit code, with the temp directory redacted. Transcripts are pinned as file
 * snapshots under test/cli/transcripts/ (update them only with `vitest -u`, review the diff).
 */
import { cpSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { onTestFinished } from 'vitest';
import { run } from '../../src/cli/run.js';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export interface CliResult {
  stdout: string;
  stderr: string;
  code: number;
}

export async function runCli(
  argv: readonly string[],
  options: { cwd: string; env?: Record<string, string>; isTTY?: boolean },
): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const code = await run(argv, {
    stdout: { write: (t: string) => (stdout += t) },
    stderr: { write: (t: string) => (stderr += t) },
    env: options.env ?? {},
    cwd: options.cwd,
    isTTY: options.isTTY ?? false,
  });
  return { stdout, stderr, code };
}

/** Copy an example project into a fresh temp dir (its `gitignore` files are real `.gitignore`s already). */
export function copyExample(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'pm-cli-'));
  const dest = join(dir, name);
  cpSync(join(repoRoot, 'examples', name), dest, { recursive: true });
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return dest;
}

/** Make hatchling the build backend of a copied example (the examples name setuptools). */
export function useHatchling(root: string): void {
  const file = join(root, 'pyproject.toml');
  const text = readFileSync(file, 'utf8');
  writeFileSync(file, text.replace(/build-backend = .*/, 'build-backend = "hatchling.build"'));
}

export function renameInto(root: string, from: string, to: string): void {
  renameSync(join(root, from), join(root, to));
}

/** The transcript text: stable across machines (temp paths and the version redacted). */
export function transcript(
  argv: readonly string[],
  result: CliResult,
  root: string,
  version?: string,
): string {
  const redact = (text: string): string => {
    let out = text.split(root).join('<project>').split(dirname(root)).join('<tmp>');
    if (version !== undefined) out = out.split(version).join('<version>');
    return out;
  };
  return [
    `$ ${['manifest', ...argv].join(' ')}`,
    `--- stdout`,
    redact(result.stdout).trimEnd(),
    `--- stderr`,
    redact(result.stderr).trimEnd(),
    `--- exit ${result.code}`,
    '',
  ].join('\n');
}
