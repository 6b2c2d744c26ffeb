#!/usr/bin/env node
/**
 * Bundle the `manifest` bin into one ES module: `node scripts/bundle-cli.mjs [--in FILE] [--out FILE]`.
 *
 * Owns: turning tsc's `dist/cli/main.js` (and everything it imports: dist/, yargs, smol-toml,
 * picomatch, ignore, diff, tar-stream, yauzl) into a single file, by default in place, so that the
 * package's `bin` stays `./dist/cli/main.js`. Must not: touch the library entry (`dist/index.js` and
 * the rest of dist/ stay tsc's per-file output, with their .d.ts), or inline Node built-ins.
 *
 * Why: start-up is dominated by the ES module loader, not by our code. Unbundled, `manifest
 * --version` resolves, reads and links ~170 files; bundled it reads one (bench/README.md has the
 * figures). rolldown is used because it is already installed (vitest → vite → rolldown).
 */
import { rolldown } from 'rolldown';
import { dirname, join, resolve } from 'node:path';
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
await bundle.write({
  file: out,
  format: 'esm',
  sourcemap: true,
});
await bundle.close();
