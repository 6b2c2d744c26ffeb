#!/usr/bin/env node
/**
 * The `manifest` bin: wires the real process into run(). Nothing else lives here, except one V8
 * setting and the code cache (src/cli/code-cache.ts), which must come before the work starts.
 *
 * `--semi-space-growth-factor=1` keeps V8's young generation at its initial size instead of letting
 * it grow to 3 × 16 MiB: walking a large tree or reading a 20,000-member wheel allocates short-lived
 * objects fast enough to grow it to the maximum, and that space stays resident (peak RSS of
 * `validate <wheel>` at 20,000 members: ~175 → ~150 MB; `ls` on 101,000 files: ~155 → ~125 MB;
 * no measurable change in CPU time, bench/README.md). `--max-semi-space-size` would do the same
 * but only takes effect on the command line, and `node dist/cli/main.js` ignores the shebang; the
 * growth factor is read at each growth, so setting it here works.
 */
import { dirname, join, sep } from 'node:path';
import { isatty } from 'node:tty';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { codeCacheDir, enableCodeCache, toolCacheDir } from './code-cache.js';
import type { CliIo } from './io.js';
import { parseSimple, run } from './run.js';

setFlagsFromString('--semi-space-growth-factor=1');

// The bundled bin's chunks beside this file are compiled through V8's code cache (src/cli/code-cache.ts).
const cacheDir = codeCacheDir(process.env);
if (cacheDir !== undefined)
  enableCodeCache(join(dirname(fileURLToPath(import.meta.url)), 'chunks') + sep, cacheDir);

/**
 * SIGINT and SIGTERM during a command that writes: without a listener, Node dies at once, in the
 * middle of a manifest write, leaving its temp file (issue #12). With one, the signal is handled
 * on the event loop, once the write (synchronous, src/fs/atomic-write.ts) has finished or cleaned
 * up; the handler re-raises the signal with the default action restored, so the exit status still
 * says "killed by SIGINT". The price is that the signal waits for the synchronous work in progress
 * (expanding the rules and writing: bounded by the project's size), so commands that never write
 * keep Node's default and stop at once.
 */
const WRITERS = new Set(['generate', 'update', 'init']);
const argv = process.argv.slice(2);
if (argv.some((arg) => WRITERS.has(arg)) && !argv.includes('--stdout')) {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      process.kill(process.pid, signal);
    });
  }
}

/**
 * A reader that went away (`manifest ls | head -1`): the write fails with EPIPE, which Node reports
 * as an 'error' event that would otherwise crash with a stack trace and exit 1, the code for
 * "check failed". Whatever was written was all that was wanted: end quietly, exit 0, as `git
 * ls-files | head -1` does from the shell's point of view. Any other stream error is a bug. The
 * listener is added when the stream is first used, so a command that prints nothing never makes it.
 */
const guarded = new WeakSet<NodeJS.WriteStream>();
function guard(stream: NodeJS.WriteStream): NodeJS.WriteStream {
  if (!guarded.has(stream)) {
    guarded.add(stream);
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') process.exit(0);
      throw error;
    });
  }
  return stream;
}

// The standard streams are made on first use (a command that prints nothing never makes them), and
// whether stdout is a terminal is asked of the descriptor, not of the stream. No top-level await:
// the bundled bin is CommonJS (scripts/bundle-cli.mjs).
const io: CliIo = {
  get stdout() {
    return guard(process.stdout);
  },
  get stderr() {
    return guard(process.stderr);
  },
  env: process.env,
  cwd: process.cwd(),
  isTTY: isatty(1),
};

/**
 * The result cache (src/cli/result-cache.ts), when asked for with `--cache` or
 * PYPROJECT_MANIFEST_CACHE=1: loaded only then. It serves ordinary command lines of the commands
 * that only read (a validate naming archives reads them as streams: never cached).
 */
function runCached(base: string): Promise<number> {
  const parsed = parseSimple(argv);
  const command =
    parsed !== undefined && parsed.archives === undefined ? String(parsed._[0]) : undefined;
  return import('./result-cache.js').then(({ runThroughCache }) =>
    runThroughCache(argv, io, base, fileURLToPath(import.meta.url), run, command),
  );
}

/** Whether the result cache is asked for: `--cache` before any `--`, or PYPROJECT_MANIFEST_CACHE=1. */
function wantsResultCache(): boolean {
  if (process.env.PYPROJECT_MANIFEST_CACHE === '1') return true;
  for (const arg of argv) {
    if (arg === '--') return false;
    if (arg === '--cache') return true;
  }
  return false;
}

const cacheBase = wantsResultCache() ? toolCacheDir(process.env) : undefined;
void (cacheBase === undefined ? run(argv, io) : runCached(cacheBase)).then((code) => {
  process.exitCode = code;
});
