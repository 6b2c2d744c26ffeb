/**
 * V8's code cache for the bundled bin's chunks (#11): what V8 compiled in one run, read back in the
 * next instead of parsing and compiling the same JavaScript again.
 *
 * Owns: compiling the files under the bin's `chunks/` directory (the CommonJS bundle,
 * scripts/bundle-cli.mjs) with `vm.Script` and their cached data, and writing that data after a
 * run that had none. Must not: change what runs. A cache that is missing, unreadable, not the
 * user's own, or rejected by V8 (another Node version or V8 flags) only means compiling as usual;
 * any failure to write one is ignored; nothing is written inside the project.
 *
 * Why: on a small project, start-up dominates. `manifest validate` on a 100-file project spent
 * ~15 ms of its ~100 ms CPU compiling the chunks it loads (bench/README.md, the start-up rows);
 * Node 22's `module.enableCompileCache` does the same thing, which Node 20 lacks.
 *
 * Where: `$XDG_CACHE_HOME/pyproject-manifest/` (else `~/.cache/pyproject-manifest/`), one
 * directory per Node version and architecture, one file per chunk named after the chunk, whose
 * name holds the bundler's hash of its content: a rebuilt chunk has another name, and V8 checks
 * the rest. `PYPROJECT_MANIFEST_CODE_CACHE=0` turns it off, and so does `--enable-source-maps`.
 */
import {
  closeSync,
  fstatSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  writeFileSync,
} from 'node:fs';
import Module, { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { basename, dirname, isAbsolute, join, sep } from 'node:path';
import { Script } from 'node:vm';

/** The environment variable that turns the cache off (`0`). */
export const CODE_CACHE_ENV = 'PYPROJECT_MANIFEST_CODE_CACHE';

/** CommonJS's loader, as far as it is used here (not in @types/node's `Module` class). */
interface CommonJsLoader {
  prototype: {
    _compile(this: CommonJsModule, content: string, filename: string, ...rest: unknown[]): unknown;
  };
  wrap(content: string): string;
}
interface CommonJsModule {
  exports: unknown;
}

/**
 * The cache directory for this Node, or undefined when the cache is turned off.
 * @example codeCacheDir({ XDG_CACHE_HOME: '/tmp/c' }) // '/tmp/c/pyproject-manifest/v8-v20.20.2-x64'
 */
export function codeCacheDir(env: NodeJS.ProcessEnv): string | undefined {
  if (env[CODE_CACHE_ENV] === '0') return undefined;
  // Node maps stack traces through source maps only for what its own loader compiles.
  if ((process as { sourceMapsEnabled?: boolean }).sourceMapsEnabled === true) return undefined;
  const base = toolCacheDir(env);
  return base === undefined ? undefined : join(base, `v8-${process.version}-${process.arch}`);
}

/**
 * This tool's directory in the user's cache directory (`$XDG_CACHE_HOME`, else `~/.cache`), or
 * undefined when there is no absolute one. Also holds the result cache (src/cli/result-cache.ts).
 * @example toolCacheDir({ XDG_CACHE_HOME: '/tmp/c' }) // '/tmp/c/pyproject-manifest'
 */
export function toolCacheDir(env: NodeJS.ProcessEnv): string | undefined {
  const xdg = env.XDG_CACHE_HOME;
  let base: string;
  if (xdg !== undefined && isAbsolute(xdg)) base = xdg;
  else {
    try {
      base = join(homedir(), '.cache');
    } catch {
      // No home directory (no $HOME and no passwd entry for the user): no cache.
      return undefined;
    }
  }
  // An empty $HOME would make it relative, inside the directory the command runs in.
  if (!isAbsolute(base)) return undefined;
  return join(base, 'pyproject-manifest');
}

/** The cached data in `file` when it is a regular file of this user's; else undefined. */
function readOwn(file: string): Buffer | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(file, 'r');
    const stat = fstatSync(fd);
    if (!stat.isFile() || (process.getuid !== undefined && stat.uid !== process.getuid()))
      return undefined;
    return readFileSync(fd);
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Write `data` to `file` whole or not at all (a temporary file renamed over it); errors ignored. */
function writeQuietly(file: string, data: Buffer): void {
  const temp = `${file}.${process.pid}.tmp`;
  try {
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    writeFileSync(temp, data, { mode: 0o600 });
    renameSync(temp, file);
  } catch {
    // No cache this time: the next run compiles as usual.
  }
}

/**
 * Compile every CommonJS file under `chunks` (a directory path ending in the separator) through
 * the cache in `dir`; the others as Node does. Called once, before the first chunk is loaded.
 */
export function enableCodeCache(chunks: string, dir: string): void {
  const loader = Module as unknown as CommonJsLoader;
  const compile = loader.prototype._compile;
  const made: { script: Script; file: string }[] = [];
  loader.prototype._compile = function (content, filename, ...rest) {
    if (!filename.startsWith(chunks) || filename.includes(sep, chunks.length))
      return compile.call(this, content, filename, ...rest);
    const file = join(dir, `${basename(filename)}-${content.length}.v8`);
    const cachedData = readOwn(file);
    const script = new Script(loader.wrap(content), { filename, cachedData });
    if (cachedData === undefined || script.cachedDataRejected === true) made.push({ script, file });
    const wrapper = script.runInThisContext({ displayErrors: true }) as (
      ...args: unknown[]
    ) => unknown;
    const require = createRequire(filename);
    return wrapper.call(this.exports, this.exports, require, this, filename, dirname(filename));
  };
  // After the run, so that the data holds the functions that ran, not only the top level.
  process.once('exit', () => {
    for (const { script, file } of made) writeQuietly(file, script.createCachedData());
  });
}
