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
 * Why: start-up is dominated by the module loader and by compiling what it loads, not by our code.
 * Unbundled, `manifest --version` resolves, reads and links ~170 files; bundled it reads a few, and
 * a command compiles only its own chunk (docs/performance.md has the figures).
 *
 * The bundle is CommonJS (a `package.json` saying so is written beside it, since the package itself
 * is `"type": "module"`): Node 20 loads CommonJS synchronously, while its ES module loader resolves,
 * reads and links asynchronously, module by module; `manifest validate` on a 100-file project took
 * ~10 ms less (bench/README.md, the start-up rows). `import.meta.url` (run.ts reads package.json
 * through it) becomes the CommonJS file's URL.
 */
import { rolldown } from 'rolldown';
import { rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
function option(name, fallback) {
  const index = process.argv.indexOf(name);
  return index === -1 ? fallback : resolve(process.argv[index + 1] ?? fallback);
}
const input = option('--in', join(repo, 'dist', 'cli', 'main.js'));
const out = option('--out', input);

// The type marker of the previous build goes first: the input is tsc's ES module output.
const marker = join(dirname(out), 'package.json');
rmSync(marker, { force: true });
const bundle = await rolldown({
  input,
  platform: 'node',
  // Built-ins stay imports; every npm dependency is inlined.
  external: [/^node:/],
  logLevel: 'warn',
  transform: {
    define: {
      // Each chunk's own URL, set at its top (see `banner`).
      'import.meta.url': '__bundledModuleUrl',
      // yargs reads it for an `extends` key in a config file, which the CLI never gives it.
      'import.meta.resolve': 'undefined',
    },
  },
});
rmSync(join(dirname(out), 'chunks'), { recursive: true, force: true });
await bundle.write({
  dir: dirname(out),
  entryFileNames: basename(out),
  chunkFileNames: 'chunks/[name]-[hash].js',
  format: 'cjs',
  banner: 'var __bundledModuleUrl = require("node:url").pathToFileURL(__filename).href;',
  sourcemap: true,
});
await bundle.close();
writeFileSync(marker, `${JSON.stringify({ type: 'commonjs' })}\n`);
