/**
 * The result cache (#11, opt-in): a run of `ls`, `validate`, `update` or `diff` that read exactly
 * what an earlier identical run read is answered with that run's output and exit code.
 *
 * Owns: recording, during a run, every file-system observation the command makes (each stat,
 * lstat, directory read, file read, realpath and readlink, through `node:fs`) and every
 * environment variable it reads; storing the result with those observations; and, on the next
 * run of the same command line, repeating the observations and replaying the result only when
 * every one of them comes out the same. Must not: answer from a result that any change to the
 * tree could have made stale. What makes that so:
 *
 * - Complete by construction. While a run is recorded, every function of `node:fs` and
 *   `node:fs/promises` is wrapped: the reads above are recorded, anything else (a write, a
 *   stream, a promise-based read) marks the run as not cacheable. The command's only other inputs
 *   are its command line, working directory, terminals, environment (read through `CliIo.env`,
 *   recorded) and the code itself (the bin's file and its chunks, content-named by the bundler):
 *   all in the key.
 * - A directory's listing is recorded as the directory's stat data. Adding, removing or renaming
 *   an entry (also turning a file into a symlink or a directory) changes the directory's ctime,
 *   which no user can set back; a file's content change changes its ctime. A recorded directory or
 *   file is compared by device, inode, mode, size, mtime and ctime.
 * - Racy timestamps (as git's racy-git rule): a change made in the same timestamp tick as the one
 *   recorded would leave it unchanged. A run that saw any ctime or mtime less than
 *   {@link RACY_MS} before the run started (or after) stores nothing; a later change then gets a
 *   later timestamp on any file system whose timestamps are at most 2 s coarse (FAT's are 2 s).
 *   Not covered: a clock set back between runs, a network file system whose server clock differs
 *   from this machine's by more than that (docs/performance.md says so; the cache is opt-in).
 * - Only exit codes 0 and 1 are stored (a usage or configuration error costs nothing to redo).
 *
 * Where: `$XDG_CACHE_HOME/pyproject-manifest/results/` (else `~/.cache/…`), one file per command
 * line and working directory, written whole (a temporary file renamed over it), readable only by
 * its owner, never inside the project. `--cache` or `PYPROJECT_MANIFEST_CACHE=1` turns it on
 * (src/cli/main.ts).
 */
import { createHash } from 'node:crypto';
// The modules' own objects (not namespace copies), so that wrapping a function reaches every caller.
import fs from 'node:fs';
import fsPromises from 'node:fs/promises';
import { syncBuiltinESMExports } from 'node:module';
import { dirname, join, sep } from 'node:path';
import type { CliIo } from './io.js';

/** The environment variable that turns the cache on (`1`). */
export const RESULT_CACHE_ENV = 'PYPROJECT_MANIFEST_CACHE';

/** Commands whose result may come from the cache: the read-only ones, and `update` when it writes nothing. */
const CACHEABLE = new Set(['ls', 'validate', 'update', 'diff']);

/**
 * How long before the run a recorded timestamp must be to count as settled: more than the
 * coarsest file-system timestamp (FAT: 2 s) and the kernel's coarse clock tick.
 */
export const RACY_MS = 2_000;

/** Bump when the stored format or what is recorded changes. */
const FORMAT = 1;

/** Largest output stored (bytes of stdout + stderr); larger results are not cached. */
const MAX_OUTPUT = 256 * 1024 * 1024;

type Op = 'stat' | 'lstat' | 'realpath' | 'readlink';

/** One recorded observation: what `op` of `path` gave. */
type Observation = [op: Op, path: string, value: string];

/** What a recorded run stores. */
interface Stored {
  format: number;
  key: string;
  code: number;
  fs: Observation[];
  env: [name: string, value: string | null][];
  out: number;
  err: number;
}

/** What an observation gave: the value compared, and the newer of the mtime and ctime it saw. */
interface Seen {
  value: string;
  /** -Infinity for a result that is not stat data (an error, a realpath, a link's text). */
  newest: number;
}

/** The stat data compared for a path. */
function statSeen(stat: fs.Stats): Seen {
  return {
    value: `${stat.mode}:${stat.dev}:${stat.ino}:${stat.size}:${stat.mtimeMs}:${stat.ctimeMs}`,
    newest: Math.max(stat.mtimeMs, stat.ctimeMs),
  };
}

/** The untouched functions of `node:fs`, taken before any wrapping. */
const real = {
  statSync: fs.statSync,
  lstatSync: fs.lstatSync,
  realpathSync: fs.realpathSync,
  realpathNative: fs.realpathSync.native,
  readlinkSync: fs.readlinkSync,
  readFileSync: fs.readFileSync,
  readdirSync: fs.readdirSync,
  openSync: fs.openSync,
  closeSync: fs.closeSync,
  mkdirSync: fs.mkdirSync,
  renameSync: fs.renameSync,
  unlinkSync: fs.unlinkSync,
  fstatSync: fs.fstatSync,
};

/** The `code` of a failed system call, or `error` (cli/ imports only the public API: not src/errors.ts). */
function errnoOf(error: unknown): string {
  return typeof error === 'object' && error !== null && 'code' in error
    ? String(error.code)
    : 'error';
}

/** Observe `op` of `path` now, without recording. */
function observe(op: Op, path: string): Seen {
  try {
    switch (op) {
      case 'stat':
        return statSeen(real.statSync(path));
      case 'lstat':
        return statSeen(real.lstatSync(path));
      case 'realpath':
        return { value: `=${real.realpathSync(path)}`, newest: -Infinity };
      case 'readlink':
        return { value: `=${real.readlinkSync(path, 'utf8')}`, newest: -Infinity };
    }
  } catch (error) {
    return { value: `!${errnoOf(error)}`, newest: -Infinity };
  }
}

/** Records the observations of one run through wrapped `node:fs` functions. */
class Recorder {
  readonly observations = new Map<string, Observation>();
  /** Why the run cannot be stored, once something makes it so. */
  refused: string | undefined;
  private readonly restore: (() => void)[] = [];

  constructor(
    private readonly exempt: string,
    private readonly started: number,
  ) {}

  /** Whether `arg` names a path in the tool's own cache directory (its reads and writes are not the command's). */
  exempts(arg: unknown): boolean {
    return typeof arg === 'string' && arg.startsWith(this.exempt);
  }

  private record(op: Op, path: unknown): void {
    if (typeof path !== 'string') {
      if (typeof path !== 'number') this.refuse(`${op} of a path that is not a string`);
      return;
    }
    if (this.exempts(path)) return;
    const id = `${op}\0${path}`;
    const { value, newest } = observe(op, path);
    const seen = this.observations.get(id);
    if (seen !== undefined) {
      // The same path gave something else within one run: it is changing under us.
      if (seen[2] !== value) this.refuse(`${path} changed during the run`);
      return;
    }
    if (newest > this.started - RACY_MS)
      this.refuse(`${path} changed less than ${RACY_MS} ms before the run`);
    this.observations.set(id, [op, path, value]);
  }

  refuse(reason: string): void {
    this.refused ??= reason;
  }

  /** Wrap every function of `node:fs` and `node:fs/promises`. */
  install(): void {
    const recorder = this;
    const fsObject = fs as unknown as Record<string, unknown>;
    const reads: Record<string, Op[]> = {
      statSync: ['stat'],
      existsSync: ['stat'],
      accessSync: ['stat'],
      readFileSync: ['stat'],
      readdirSync: ['stat'],
      readdir: ['stat'],
      opendirSync: ['stat'],
      lstatSync: ['lstat'],
      realpathSync: ['realpath'],
      readlinkSync: ['readlink', 'lstat'],
    };
    for (const name of Object.keys(fsObject)) {
      const original = fsObject[name];
      // Classes (Stats, Dirent, ReadStream…) and internals stay as they are.
      if (typeof original !== 'function' || !/^[a-z]/.test(name)) continue;
      const fn = original as (...args: unknown[]) => unknown;
      let wrapped: (...args: unknown[]) => unknown;
      const ops = Object.hasOwn(reads, name) ? reads[name]! : undefined;
      if (ops !== undefined) {
        wrapped = function (this: unknown, ...args: unknown[]) {
          for (const op of ops) recorder.record(op, args[0]);
          return fn.apply(this, args);
        };
      } else if (name === 'openSync') {
        wrapped = function (this: unknown, ...args: unknown[]) {
          if (isReadOnly(args[1])) {
            recorder.record('stat', args[0]);
            recorder.record('lstat', args[0]);
          } else if (!recorder.exempts(args[0])) {
            recorder.refuse(`openSync for writing`);
          }
          return fn.apply(this, args);
        };
      } else {
        wrapped = function (this: unknown, ...args: unknown[]) {
          // On a descriptor (one opened above, or stdout/stderr): nothing new is read by name.
          if (typeof args[0] !== 'number' && !recorder.exempts(args[0]))
            recorder.refuse(`fs.${name}`);
          return fn.apply(this, args);
        };
      }
      for (const key of Object.keys(fn))
        (wrapped as unknown as Record<string, unknown>)[key] = (
          fn as unknown as Record<string, unknown>
        )[key];
      fsObject[name] = wrapped;
      this.restore.push(() => {
        fsObject[name] = original;
      });
    }
    // realpathSync.native is a property of realpathSync: the copy above kept the original.
    const realpathWrapped = fsObject.realpathSync as { native: unknown };
    realpathWrapped.native = function (this: unknown, ...args: unknown[]) {
      recorder.record('realpath', args[0]);
      return (real.realpathNative as (...a: unknown[]) => unknown).apply(this, args);
    };
    const promisesObject = fsPromises as unknown as Record<string, unknown>;
    for (const name of Object.keys(promisesObject)) {
      const original = promisesObject[name];
      if (typeof original !== 'function' || !/^[a-z]/.test(name)) continue;
      const fn = original as (...args: unknown[]) => unknown;
      promisesObject[name] = function (this: unknown, ...args: unknown[]) {
        recorder.refuse(`fs/promises.${name}`);
        return fn.apply(this, args);
      };
      this.restore.push(() => {
        promisesObject[name] = original;
      });
    }
    syncBuiltinESMExports();
  }

  uninstall(): void {
    for (const undo of this.restore.splice(0)) undo();
    syncBuiltinESMExports();
  }
}

function isReadOnly(flags: unknown): boolean {
  if (flags === undefined || flags === 'r' || flags === 'rs' || flags === 'sr') return true;
  if (typeof flags !== 'number') return false;
  const { O_WRONLY, O_RDWR, O_CREAT, O_TRUNC, O_APPEND } = fs.constants;
  return (flags & (O_WRONLY | O_RDWR | O_CREAT | O_TRUNC | O_APPEND)) === 0;
}

/** The directory holding stored results, below the user's cache directory `base`. */
function resultsDir(base: string): string {
  return join(base, 'results');
}

/**
 * The identity of the code that runs: the bin file's stat data and the names of its chunks (the
 * bundler names each after a hash of its content). Undefined when there are no chunks to name
 * (a build that is not the bundle): no cache then, since a rebuilt module would go unnoticed.
 */
function codeIdentity(bin: string): string | undefined {
  try {
    const chunks = real.readdirSync(join(dirname(bin), 'chunks')).sort();
    if (chunks.length === 0) return undefined;
    return `${statSeen(real.statSync(bin)).value}|${chunks.join('/')}`;
  } catch {
    return undefined;
  }
}

/** `stream`, with every text written to it also kept in `kept`. */
function tee(stream: CliIo['stdout'], kept: string[]): CliIo['stdout'] {
  return {
    write(text: string) {
      kept.push(text);
      return stream.write(text);
    },
  };
}

/** A tee of `io`'s output, and `io.env` read through a recording proxy. */
function recordingIo(io: CliIo): {
  io: CliIo;
  out: string[];
  err: string[];
  env: Map<string, string | undefined>;
} {
  const out: string[] = [];
  const err: string[] = [];
  const env = new Map<string, string | undefined>();
  const source = io.env;
  const recordedEnv = new Proxy(source, {
    get(target, name) {
      if (typeof name === 'string') env.set(name, target[name]);
      return Reflect.get(target, name) as unknown;
    },
    has(target, name) {
      if (typeof name === 'string') env.set(name, target[name]);
      return Reflect.has(target, name);
    },
    ownKeys(target) {
      // Listing the environment reads all of it.
      for (const name of Object.keys(target)) env.set(name, target[name]);
      return Reflect.ownKeys(target);
    },
  });
  return {
    io: {
      get stdout() {
        return tee(io.stdout, out);
      },
      get stderr() {
        return tee(io.stderr, err);
      },
      env: recordedEnv,
      cwd: io.cwd,
      isTTY: io.isTTY,
    },
    out,
    err,
    env,
  };
}

/** The stored result for `key` in `file` when every observation still holds; else undefined. */
function lookUp(
  file: string,
  key: string,
  io: CliIo,
): { code: number; out: string; err: string } | undefined {
  let bytes: Buffer;
  let fd: number | undefined;
  try {
    fd = real.openSync(file, fs.constants.O_RDONLY | fs.constants.O_NOFOLLOW);
    const stat = real.fstatSync(fd);
    if (!stat.isFile() || (process.getuid !== undefined && stat.uid !== process.getuid()))
      return undefined;
    bytes = real.readFileSync(fd);
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) real.closeSync(fd);
  }
  let stored: Stored;
  const newline = bytes.indexOf(0x0a);
  try {
    stored = JSON.parse(bytes.toString('utf8', 0, newline)) as Stored;
  } catch {
    return undefined;
  }
  if (stored.format !== FORMAT || stored.key !== key) return undefined;
  if (newline + 1 + stored.out + stored.err !== bytes.length) return undefined;
  for (const [name, value] of stored.env) if ((io.env[name] ?? null) !== value) return undefined;
  for (const [op, path, value] of stored.fs)
    if (observe(op, path).value !== value) return undefined;
  const outEnd = newline + 1 + stored.out;
  return {
    code: stored.code,
    out: bytes.toString('utf8', newline + 1, outEnd),
    err: bytes.toString('utf8', outEnd),
  };
}

/** Write `data` to `file` whole or not at all; any failure only means no cache this time. */
function store(file: string, data: Buffer[]): void {
  const temp = `${file}.${process.pid}.tmp`;
  try {
    real.mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    const fd = real.openSync(temp, 'w', 0o600);
    try {
      for (const chunk of data) fs.writeSync(fd, chunk);
    } finally {
      real.closeSync(fd);
    }
    real.renameSync(temp, file);
  } catch {
    try {
      real.unlinkSync(temp);
    } catch {
      // Never made.
    }
  }
}

/**
 * Run `argv` through the result cache in `base` (the user's cache directory for this tool):
 * replay a stored result whose observations all still hold, else run it with `run`, recording,
 * and store the result when the run may be stored.
 * @param bin the path of the running bin (its identity is part of the key)
 * @param cacheable whether this command line may be cached at all (the caller parsed it)
 */
export async function runThroughCache(
  argv: readonly string[],
  io: CliIo,
  base: string,
  bin: string,
  run: (argv: readonly string[], io: CliIo) => Promise<number>,
  command: string | undefined,
): Promise<number> {
  const code = codeIdentity(bin);
  if (command === undefined || !CACHEABLE.has(command) || code === undefined) return run(argv, io);
  const key = JSON.stringify({
    node: process.version,
    code,
    argv: argv.filter((arg) => arg !== '--cache'),
    cwd: io.cwd,
    tty: io.isTTY,
  });
  const file = join(resultsDir(base), createHash('sha256').update(key).digest('hex').slice(0, 40));
  const hit = lookUp(file, key, io);
  if (hit !== undefined) {
    if (hit.out !== '') io.stdout.write(hit.out);
    if (hit.err !== '') io.stderr.write(hit.err);
    return hit.code;
  }
  const recorder = new Recorder(base + sep, Date.now());
  const recording = recordingIo(io);
  recorder.install();
  let exit: number;
  try {
    exit = await run(argv, recording.io);
  } finally {
    recorder.uninstall();
  }
  if (recorder.refused !== undefined || (exit !== 0 && exit !== 1)) return exit;
  const out = Buffer.from(recording.out.join(''), 'utf8');
  const err = Buffer.from(recording.err.join(''), 'utf8');
  if (out.length + err.length > MAX_OUTPUT) return exit;
  const stored: Stored = {
    format: FORMAT,
    key,
    code: exit,
    fs: [...recorder.observations.values()],
    env: [...recording.env].map(([name, value]) => [name, value ?? null]),
    out: out.length,
    err: err.length,
  };
  store(file, [Buffer.from(`${JSON.stringify(stored)}\n`, 'utf8'), out, err]);
  return exit;
}
