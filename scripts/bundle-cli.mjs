#!/usr/bin/env node
/**
 * Bundle the `manifest` bin: `node scripts/bundle-cli.mjs [--in FILE] [--out FILE]` (run by
 * `npm run build` after tsc).
 *
 * Owns: turning tsc's `dist/cli/main.js` (and everything it imports: dist/, yargs, smol-toml,
 * picomatch, ignore, diff, tar-stream, yauzl) into one entry file, by default in place, so that the
 * package's `bin` stays `./dist/cli/main.js`, plus one chunk per lazily imported part (each command,
 * yargs) in `chunks/` beside it, emptied first. Must not: touch the library entry (`dist/index.js`
 * and the rest of dist/ stay tsc's per-file output, with their .d.ts), or inline Node built-ins.
 *
 * Why: start-up is dominated by the ES module loader and by compiling what it loads, not by our
 * code. Unbundled, `manifest --version` resolves, reads and links ~170 files; bundled it reads a
 * few, and a command compiles only its own chunk (docs/performance.md has the figures).
 */
import { rolldown } from 'rolldown';
import { rmSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
function option(name, fallback) {
  const index = process.argv.indexOf(name);
  return index === -1 ? fallback : resolve(process.argv[index + 1] ?? fallback);
}
const input = option('--in', join(repo, 'dist', 'cli', 'main.js'));
const out = option('--out', input);

const bundle = await rolldown({
  input,
  platform: 'node',
  // Built-ins stay imports; every npm dependency is inlined.
  external: [/^node:/],
  logLevel: 'warn',
});
rmSync(join(dirname(out), 'chunks'), { recursive: true, force: true });
await bundle.write({
  dir: dirname(out),
  entryFileNames: basename(out),
  chunkFileNames: 'chunks/[name]-[hash].js',
  format: 'esm',
  sourcemap: true,
});
await bundle.close();
