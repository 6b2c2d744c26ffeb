/**
 * The source-tree walker: the only code that lists the project's directories.
 *
 * Owns: reading each directory once, reading the ignore files the `ignoreFiles` globs select as it
 * enters a directory, the built-in exclusions, and the sorted listing. Two drivers share the
 * per-directory logic: `walkTree` reads synchronously, depth first (`readdirSync(withFileTypes)`:
 * on a warm cache ~10 µs a directory, ahead of any concurrent walker measured here);
 * `walkTreeAsync` does the same while the reads are that fast and keeps many reads in flight once
 * they wait for the disk (a cold cache: ~45% less wall time on the benchmark tree). Must not:
 * follow symlinks, enter an excluded directory, or read ignore files that differ between clones
 * (`.git/info/exclude`, `core.excludesFile`, the user's global excludes), so that every machine
 * lists the same files. The ignore files of an enclosing repository's directories above the
 * project are read (readEnclosing): git applies them, and they are committed.
 *
 * What it lists is what `git ls-files --others --exclude-per-directory=.gitignore` lists in a fresh
 * repository (run in the project directory when the project is a subdirectory of the repository),
 * less the built-in exclusions (test/differential/git.test.ts checks this):
 * 1. VCS entries `.git` (a directory, or a file in a worktree), `.hg`, `.svn`, `.bzr`; any
 *    directory holding a `.git` entry (a nested repository or submodule, which git treats as a
 *    repository of its own); `__pycache__/`; `*.py[cod]` files; and the directory `dist` at the
 *    project root, where build frontends write the archives (`python -m build`; hatchling's default
 *    exclude is `/dist`, setuptools prunes its dist directory). Built in, not overridable.
 * 2. The ignore files, with git's precedence (see rules/ignore-stack.ts). An ignore file is read only
 *    when it is a regular file: git refuses a `.gitignore` that is a symlink.
 * 3. Regular files and symlinks (to files, to directories, dangling) are listed as themselves;
 *    sockets, FIFOs and devices are not (git does not list them either).
 */
import { isUtf8 } from 'node:buffer';
import { lstatSync, readdir, readdirSync, readFileSync, realpathSync, type Dirent } from 'node:fs';
import { dirname, join, sep } from 'node:path';
import { ManifestError } from '../errors.js';
import { comparePaths } from '../manifest/order.js';
import type { IgnoredPath, RuleRef, TreeFile, TreeListing } from '../manifest/types.js';
import { IgnoreStack, type IgnoreSource } from '../rules/ignore-stack.js';
import { compileIgnoreFileGlob } from '../rules/patterns.js';

/** Options of {@link walkTree}. */
export interface WalkOptions {
  /**
   * Globs (MANIFEST-FORMAT.md §8 globs with `{a,b}` alternatives, as picomatch reads them with
   * `dot: true`; matched in linear time by `compileIgnoreFileGlob`)
   * selecting the ignore files to honor, matched against
   * project-relative paths; `false` honors none (the built-in exclusions still apply).
   * When several files in one directory are selected, they are read in code-point order of their
   * names and a later one takes precedence.
   * @default ['**\/.gitignore']
   * @example { ignoreFiles: ['**\/.gitignore', '**\/.hgignore-like'] }
   */
  ignoreFiles?: readonly string[] | false;
  /**
   * Only walk below these project-relative directories (used to find artifacts cheaply). The ignore
   * files of their ancestors still apply; a root that is missing, not a directory, or excluded
   * yields nothing.
   * @default ['']
   * @example { roots: ['build/lib'] }
   */
  roots?: readonly string[];
}

const GITIGNORE = '.gitignore';
const VCS_NAMES = new Set(['.git', '.hg', '.svn', '.bzr']);
const PYCACHE = '__pycache__';
const REPLACEMENT = '\uFFFD';

// Shared by every path they exclude, so frozen.

const VCS_RULE: RuleRef = Object.freeze({
  kind: 'default',
  source: '',
  pattern: 'VCS metadata (.git, .hg, .svn, .bzr)',
});
const NESTED_REPO_RULE: RuleRef = Object.freeze({
  kind: 'default',
  source: '',
  pattern: 'nested repository (holds .git)',
});
const PYCACHE_RULE: RuleRef = Object.freeze({
  kind: 'default',
  source: '',
  pattern: '__pycache__/',
});
const PYC_RULE: RuleRef = Object.freeze({ kind: 'default', source: '', pattern: '*.py[cod]' });
const DIST_RULE: RuleRef = Object.freeze({
  kind: 'default',
  source: '',
  pattern: '/dist/ (where build frontends write the archives)',
});
/** The directory at the project root that the build frontends write archives to. */
const DIST = 'dist';

/** How a directory's ignore files are recognized. */
type IgnoreFileSelector =
  | { kind: 'none' }
  | { kind: 'names'; names: ReadonlySet<string> }
  | { kind: 'glob'; match: (path: string) => boolean };

/** Where one directory's listing goes: the walk's own arrays (sync), or the directory's node (async). */
interface Sink {
  readonly files: TreeFile[];
  readonly ignored: IgnoredPath[];
}

interface WalkContext extends Sink {
  readonly root: string;
  readonly selector: IgnoreFileSelector;
  /** The ignore files of the enclosing repository's directories above the root (readEnclosing). */
  readonly enclosing: Enclosing;
  /**
   * Enter directory `rel` (listed, not excluded), found while listing into `sink`: the sync walk
   * descends at once; the async walk queues a read and records where the directory's listing goes.
   */
  enter(sink: Sink, rel: string, stack: IgnoreStack): void;
}

/** `**` + `/NAME` globs select by name alone: no glob match per file. */
const NAME_GLOB = /^\*\*\/([^*?[\]{}()!+@\\/]+)$/;

function createSelector(ignoreFiles: readonly string[] | false | undefined): IgnoreFileSelector {
  if (ignoreFiles === undefined) return { kind: 'names', names: new Set([GITIGNORE]) };
  if (ignoreFiles === false || ignoreFiles.length === 0) return { kind: 'none' };
  const names = ignoreFiles.map((glob) => NAME_GLOB.exec(glob)?.[1]);
  if (names.every((name): name is string => name !== undefined))
    return { kind: 'names', names: new Set(names) };
  // In linear time (issue #12): picomatch's regular expressions backtrack on `*?*?*?…x`.
  const matchers = ignoreFiles.map((glob) => compileIgnoreFileGlob(glob));
  return { kind: 'glob', match: (path) => matchers.some((match) => match(path)) };
}

function joinPath(dir: string, name: string): string {
  return dir === '' ? name : `${dir}/${name}`;
}

function errnoOf(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error
    ? String(error.code)
    : undefined;
}

/** Read one directory; `undefined` when it does not exist and `missingOk`. */
function readDirectory(ctx: WalkContext, rel: string, missingOk: boolean): Dirent[] | undefined {
  // `rel` is already normalized: a plain concatenation (path.join normalizes again, per directory).
  const abs = rel === '' ? ctx.root : `${ctx.root}${sep}${rel}`;
  let entries: Dirent[];
  try {
    entries = readdirSync(abs, { withFileTypes: true });
  } catch (error) {
    const code = errnoOf(error);
    if (missingOk && (code === 'ENOENT' || code === 'ENOTDIR')) return undefined;
    // A path past the system's limit (PATH_MAX, 4096 bytes on Linux) cannot be opened: say so,
    // and do not quote kilobytes of it twice (issue #12: 2,100 nested directories).
    const tooLong = code === 'ENAMETOOLONG';
    throw new ManifestError(
      'TREE_UNREADABLE',
      tooLong
        ? `cannot read a directory ${rel.split('/').length} levels deep: its path is ${Buffer.byteLength(abs)} bytes, longer than the system allows (ENAMETOOLONG)`
        : `cannot read directory ${rel === '' ? '.' : rel} (${code ?? 'error'})`,
      {
        file: tooLong
          ? `${rel.slice(0, rel.indexOf('/', 200) + 1 || rel.length)}…`
          : rel === ''
            ? '.'
            : rel,
        ...(tooLong ? {} : { received: abs }),
        hint: tooLong
          ? 'exclude the deep directory in an ignore file so it is not entered, or flatten it'
          : 'make it readable, or exclude it in an ignore file so it is not entered',
      },
    );
  }
  checkUtf8Names(abs, rel, entries);
  return entries;
}

/** Throw `TREE_INVALID_NAME` when a name of directory `rel` is not valid UTF-8. */
function checkUtf8Names(abs: string, rel: string, entries: readonly Dirent[]): void {
  for (let i = 0; i < entries.length; i++) {
    // A name that is not valid UTF-8 decodes with U+FFFD; only then re-read the raw bytes to tell a
    // real U+FFFD from an invalid sequence.
    if (entries[i]!.name.includes(REPLACEMENT)) assertUtf8Names(abs, rel);
  }
}

function assertUtf8Names(abs: string, rel: string): void {
  for (const raw of readdirSync(abs, { encoding: 'buffer' })) {
    if (isUtf8(raw)) continue;
    const shown = joinPath(rel, raw.toString('utf8'));
    throw new ManifestError(
      'TREE_INVALID_NAME',
      `the file name ${JSON.stringify(shown)} is not valid UTF-8`,
      {
        file: shown,
        received: `${rel === '' ? '' : `${rel}/`}0x${raw.toString('hex')}`,
        hint: 'rename it to a UTF-8 name (a manifest lists names as UTF-8), or remove it',
      },
    );
  }
}

/** The ignore files of directory `rel` (regular files only, in name order), read. */
function readIgnoreSources(
  ctx: WalkContext,
  rel: string,
  entries: readonly Dirent[],
): IgnoreSource[] {
  const { selector } = ctx;
  if (selector.kind === 'none') return [];
  const chosen: string[] = [];
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i]!;
    // git does not read a .gitignore that is a symlink (or anything but a regular file).
    if (!entry.isFile()) continue;
    const selected =
      selector.kind === 'names'
        ? selector.names.has(entry.name)
        : selector.match(joinPath(rel, entry.name));
    if (selected) chosen.push(entry.name);
  }
  if (chosen.length > 1) chosen.sort(comparePaths);
  return chosen.map((name) => readIgnoreFile(ctx.root, joinPath(rel, name)));
}

/** Read the ignore file `source` (relative to `root`, possibly `../…`). */
function readIgnoreFile(root: string, source: string): IgnoreSource {
  try {
    const bytes = readFileSync(join(root, source));
    // Not UTF-8: hand over the bytes, which git matches as they are (test/regression.test.ts).
    return { source, text: isUtf8(bytes) ? bytes.toString('utf8') : new Uint8Array(bytes) };
  } catch (error) {
    throw new ManifestError(
      'FILE_UNREADABLE',
      `cannot read ignore file ${source} (${errnoOf(error) ?? 'error'})`,
      {
        file: source,
        hint: 'make it readable, or remove it',
      },
    );
  }
}

/**
 * What the git repository enclosing the project applies to it from above: the ignore files of the
 * directories from the repository's root down to the project root's parent, and whether one of
 * them excludes the project directory or a directory on the way (git then lists nothing below it).
 */
interface Enclosing {
  /** The stack to start the project root with (`IgnoreStack.empty()` outside a repository). */
  readonly stack: IgnoreStack;
  /**
   * The excluded directory, relative to the project root (`.` for the project directory itself,
   * `..` for its parent, …), and the rule that excluded it.
   */
  readonly hidden?: { readonly dir: string; readonly rule: RuleRef };
}

const NO_ENCLOSING: Enclosing = Object.freeze({ stack: IgnoreStack.empty() });

function hasEntry(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * The ignore files a project inside a larger git repository inherits, as git applies them: find
 * the nearest directory above the project root holding a `.git` entry (a directory, or the file of
 * a worktree or submodule); none, or one in the project root itself, and nothing is inherited.
 * Otherwise the ignore files that `ignore-file` selects at the project root are read from that
 * directory and each one down to the project root's parent, every one applying from its own
 * directory, and the directories on the way (the project's included) are decided against them.
 * Never `.git/info/exclude` or git's configuration: the listing stays the same on every machine.
 * One lstat per directory above the project and one read per ignore file found, once per walk.
 */
function readEnclosing(root: string, selector: IgnoreFileSelector): Enclosing {
  if (selector.kind === 'none') return NO_ENCLOSING;
  let real: string;
  try {
    real = realpathSync(root);
  } catch {
    return NO_ENCLOSING;
  }
  // The project's path segments below the repository root, nearest last.
  const below: string[] = [];
  let dir = real;
  for (;;) {
    if (hasEntry(join(dir, '.git'))) break;
    const parent = dirname(dir);
    if (parent === dir) return NO_ENCLOSING;
    below.unshift(dir.slice(parent.length + (parent.endsWith(sep) ? 0 : 1)));
    dir = parent;
  }
  if (below.length === 0) return NO_ENCLOSING;
  // Labels relative to the project root: `../../.gitignore` for the repository root's file.
  let stack = IgnoreStack.empty();
  let rel = '';
  for (let i = 0; i < below.length; i++) {
    const up = '../'.repeat(below.length - i);
    const names =
      selector.kind === 'names'
        ? [...selector.names]
        : readdirSync(join(real, up)).filter((name) => selector.match(name));
    const sources: IgnoreSource[] = [];
    for (const name of names.sort(comparePaths)) {
      const source = `${up}${name}`;
      let regular = false;
      try {
        regular = lstatSync(join(real, source)).isFile();
      } catch {
        // Absent.
      }
      if (regular) sources.push(readIgnoreFile(real, source));
    }
    stack = stack.child(rel, sources);
    rel = joinPath(rel, below[i]!);
    const decision = stack.check(rel, true);
    if (decision.ignored) {
      const hidden = i === below.length - 1 ? '.' : '../'.repeat(below.length - 1 - i).slice(0, -1);
      return { stack: IgnoreStack.empty(), hidden: { dir: hidden, rule: decision.rule! } };
    }
  }
  return { stack: stack.rebase(rel) };
}

/** The built-in rule excluding an entry of the project root, if any: those of `builtInRule`, and `/dist/`. */
function rootBuiltInRule(name: string, isDir: boolean): RuleRef | undefined {
  return isDir && name === DIST ? DIST_RULE : builtInRule(name, isDir);
}

/** The built-in rule excluding an entry, if any. `isDir` only for real directories. */
function builtInRule(name: string, isDir: boolean): RuleRef | undefined {
  // Character tests rather than a set lookup or `endsWith`: this runs on every entry of the tree.
  const length = name.length;
  if (length <= 4 && name.charCodeAt(0) === 0x2e && VCS_NAMES.has(name)) return VCS_RULE;
  if (isDir) return name === PYCACHE ? PYCACHE_RULE : undefined;
  if (length < 4 || name.charCodeAt(length - 4) !== 0x2e) return undefined;
  const last = name.charCodeAt(length - 1);
  return name.charCodeAt(length - 3) === 0x70 &&
    name.charCodeAt(length - 2) === 0x79 &&
    (last === 0x63 || last === 0x6f || last === 0x64)
    ? PYC_RULE
    : undefined;
}

function isRealDirectory(abs: string): boolean {
  try {
    return lstatSync(abs).isDirectory();
  } catch {
    return false;
  }
}

function holdsGitEntry(entries: readonly Dirent[]): boolean {
  for (let i = 0; i < entries.length; i++) if (entries[i]!.name === '.git') return true;
  return false;
}

/**
 * The order in which a directory's entries are walked: by name in code-point order, a directory's
 * name taken with a trailing `/`. Entering directories in that order lists every path in code-point
 * order (a directory's paths all start with `name/`, and sort against a sibling exactly as `name/`
 * does), so the walk needs no sort of the whole listing. (libuv returns names sorted by bytes on
 * Unix, not on Windows, and never places a directory as `name/`; on its order the sort is nearly
 * free.) Compares in place, without building the keys: this runs on every entry of the tree.
 */
function compareEntries(a: Dirent, b: Dirent): number {
  const x = a.name;
  const y = b.name;
  const length = x.length < y.length ? x.length : y.length;
  for (let i = 0; i < length; i++) {
    const p = x.charCodeAt(i);
    const q = y.charCodeAt(i);
    if (p === q) continue;
    if (p < 0xd800 && q < 0xd800) return p - q;
    return comparePaths(x[i]!, y[i]!);
  }
  // One name starts with the other (names in a directory differ): the shorter one continues with
  // `/` when it is a directory, or ends (-1, before any unit). Units from U+D800 up stay above `/`.
  const p = x.length > length ? x.charCodeAt(length) : a.isDirectory() ? 0x2f : -1;
  const q = y.length > length ? y.charCodeAt(length) : b.isDirectory() ? 0x2f : -1;
  return p - q;
}

const NON_ASCII = /[^\x00-\x7f]/;

/**
 * Directory `rel` being listed: its ignore stack, its entries in walk order, and how far the
 * listing has got. The sync walk keeps one per directory on the way down, in an explicit stack
 * (a recursion per directory overflowed at ~2,000 nested directories, issue #12).
 */
interface DirCursor {
  readonly prefix: string;
  readonly asciiDir: boolean;
  readonly stack: IgnoreStack;
  readonly entries: Dirent[];
  readonly sink: Sink;
  /** Index of the next entry to list. */
  next: number;
}

/** Start listing directory `rel` (not excluded), whose entries are `entries`, into `sink`. */
function openDirectory(
  ctx: WalkContext,
  rel: string,
  entries: Dirent[],
  parent: IgnoreStack,
  sink: Sink,
): DirCursor {
  const stack = parent.child(rel, readIgnoreSources(ctx, rel, entries));
  const prefix = rel === '' ? '' : `${rel}/`;
  entries.sort(compareEntries);
  return { prefix, asciiDir: !NON_ASCII.test(prefix), stack, entries, sink, next: 0 };
}

/**
 * List `cursor`'s entries into its sink, up to and including the next subdirectory that is not
 * excluded: returns that directory's path (to be entered before the listing goes on), or undefined
 * at the end of the directory.
 */
function advance(cursor: DirCursor): string | undefined {
  const { prefix, asciiDir, stack, entries } = cursor;
  const { files, ignored } = cursor.sink;
  for (let i = cursor.next; i < entries.length; i++) {
    const entry = entries[i]!;
    let kind: TreeFile['kind'] | 'dir';
    if (entry.isFile()) kind = 'file';
    else if (entry.isDirectory()) kind = 'dir';
    else if (entry.isSymbolicLink()) kind = 'symlink';
    else continue;
    const name = entry.name;
    const isDir = kind === 'dir';
    const path = prefix + name;
    const builtIn = prefix === '' ? rootBuiltInRule(name, isDir) : builtInRule(name, isDir);
    if (builtIn !== undefined) {
      ignored.push({ path, dir: isDir, rule: builtIn });
      continue;
    }
    // ASCII paths (nearly all) need no conversion to UTF-8 bytes to be matched.
    const decision = stack.check(path, isDir, asciiDir && !NON_ASCII.test(name));
    if (decision.ignored) {
      ignored.push({ path, dir: isDir, rule: decision.rule! });
      continue;
    }
    if (kind === 'dir') {
      cursor.next = i + 1;
      return path;
    }
    files.push({ path, kind });
  }
  cursor.next = entries.length;
  return undefined;
}

/**
 * List directory `rel`, already known not to be excluded, whose entries are `entries`, into `sink`;
 * its subdirectories that are not excluded go to `ctx.enter`, in order (the async walk).
 */
function walkEntries(
  ctx: WalkContext,
  rel: string,
  entries: Dirent[],
  parent: IgnoreStack,
  sink: Sink,
): void {
  const cursor = openDirectory(ctx, rel, entries, parent, sink);
  for (let dir = advance(cursor); dir !== undefined; dir = advance(cursor))
    ctx.enter(sink, dir, cursor.stack);
}

/**
 * The sync walk below directory `rel` (not excluded), depth first in walk order, with an explicit
 * stack of directories instead of a recursion.
 */
function walkBelow(ctx: WalkContext, rel: string, entries: Dirent[], stack: IgnoreStack): void {
  const frames = [openDirectory(ctx, rel, entries, stack, ctx)];
  while (frames.length > 0) {
    const top = frames[frames.length - 1]!;
    const dir = advance(top);
    if (dir === undefined) {
      frames.pop();
      continue;
    }
    const below = readDirectory(ctx, dir, false)!;
    if (holdsGitEntry(below)) {
      ctx.ignored.push({ path: dir, dir: true, rule: NESTED_REPO_RULE });
      continue;
    }
    frames.push(openDirectory(ctx, dir, below, top.stack, ctx));
  }
}

/** Enter directory `rel` (not the project root): skip it whole when it is a nested repository. */
function walkDirectory(
  ctx: WalkContext,
  rel: string,
  stack: IgnoreStack,
  missingOk: boolean,
): void {
  const entries = readDirectory(ctx, rel, missingOk);
  if (entries === undefined) return;
  if (holdsGitEntry(entries)) {
    ctx.ignored.push({ path: rel, dir: true, rule: NESTED_REPO_RULE });
    return;
  }
  walkBelow(ctx, rel, entries, stack);
}

/** List directory `rel` (not the project root) from its entries, or skip it as a nested repository. */
function listDirectory(
  ctx: WalkContext,
  rel: string,
  entries: Dirent[],
  stack: IgnoreStack,
  sink: Sink,
): void {
  if (holdsGitEntry(entries)) {
    sink.ignored.push({ path: rel, dir: true, rule: NESTED_REPO_RULE });
    return;
  }
  walkEntries(ctx, rel, entries, stack, sink);
}

/**
 * Walk from the project root down to `root`, applying the ancestors' ignore files and built-in
 * exclusions, then list below it.
 */
function walkRoot(ctx: WalkContext, root: string): void {
  const top = readDirectory(ctx, '', false)!;
  // The enclosing repository's ignore files exclude the project: git lists nothing in it.
  if (ctx.enclosing.hidden !== undefined) return;
  if (root === '') {
    walkBelow(ctx, '', top, ctx.enclosing.stack);
    return;
  }
  let stack = ctx.enclosing.stack.child('', readIgnoreSources(ctx, '', top));
  let rel = '';
  const segments = root.split('/');
  for (let i = 0; i < segments.length; i++) {
    const name = segments[i]!;
    rel = joinPath(rel, name);
    const builtIn = i === 0 ? rootBuiltInRule(name, true) : builtInRule(name, true);
    const decision =
      builtIn === undefined ? stack.check(rel, true) : { ignored: true, rule: builtIn };
    if (decision.ignored) {
      ctx.ignored.push({ path: rel, dir: true, rule: decision.rule! });
      return;
    }
    // Never follow a symlink, not even on the way to a root.
    if (!isRealDirectory(join(ctx.root, rel))) return;
    if (i === segments.length - 1) {
      walkDirectory(ctx, rel, stack, true);
      return;
    }
    const entries = readDirectory(ctx, rel, true);
    if (entries === undefined) return;
    if (holdsGitEntry(entries)) {
      ctx.ignored.push({ path: rel, dir: true, rule: NESTED_REPO_RULE });
      return;
    }
    stack = stack.child(rel, readIgnoreSources(ctx, rel, entries));
  }
}

/** A context for the sync walk, which descends into each directory as soon as it is found. */
function syncContext(root: string, ignoreFiles: WalkOptions['ignoreFiles']): WalkContext {
  const selector = createSelector(ignoreFiles);
  return {
    root,
    selector,
    enclosing: readEnclosing(root, selector),
    files: [],
    ignored: [],
    enter: () => {
      // The sync walk enters directories itself (walkBelow).
      throw new Error("walkTree: enter() is the async walk's");
    },
  };
}

/** `roots` normalized (no `./`, no trailing `/`), with any root below another one dropped. */
function normalizeRoots(roots: readonly string[]): string[] {
  const cleaned = roots.map((root) => {
    const segments = root.split('/').filter((s) => s !== '' && s !== '.');
    if (segments.includes('..'))
      throw new TypeError(`walkTree: root ${JSON.stringify(root)} leaves the project`);
    return segments.join('/');
  });
  const sorted = [...new Set(cleaned)].sort(comparePaths);
  const kept: string[] = [];
  for (const root of sorted) {
    if (kept.some((k) => k === '' || root.startsWith(`${k}/`))) continue;
    kept.push(root);
  }
  return kept;
}

/**
 * List the project's files as git would see them (see the header for the exact rules).
 *
 * `files` is sorted in code-point order; `ignored` records every excluded path (an excluded
 * directory once, never entered) with the rule that excluded it, sorted the same way.
 *
 * @throws ManifestError `TREE_UNREADABLE` when a directory that must be entered cannot be read,
 * `TREE_INVALID_NAME` when a name is not valid UTF-8, `FILE_UNREADABLE` for an unreadable ignore file.
 * @example const { files } = walkTree('/path/to/project');
 */
export function walkTree(root: string, options: WalkOptions = {}): TreeListing {
  const ctx = syncContext(root, options.ignoreFiles);
  const roots = normalizeRoots(options.roots ?? ['']);
  for (const start of roots) walkRoot(ctx, start);
  // One root is walked in order (see sortEntries). Several roots are not (`a.b/x` sorts before
  // `a/x`), nor is `ignored`, where an excluded directory `d` sorts as `d/`: sort what is not sorted.
  if (roots.length > 1) ctx.files.sort((a, b) => comparePaths(a.path, b.path));
  if (!isSortedByPath(ctx.ignored)) ctx.ignored.sort((a, b) => comparePaths(a.path, b.path));
  return { files: ctx.files, ignored: ctx.ignored };
}

/** Options of {@link walkTreeAsync}. */
export interface AsyncWalkOptions extends WalkOptions {
  /**
   * How directories are read: `'auto'` reads one at a time while the reads come from the OS cache
   * and concurrently once they wait for the disk; `'concurrent'` always keeps many reads in flight
   * (a network file system may prefer it); `'sequential'` never does (as `walkTree`).
   * @default 'auto'
   * @example { reads: 'concurrent' }
   */
  reads?: 'auto' | 'concurrent' | 'sequential';
}

/** One directory of an async walk: its own listing, and where each subdirectory's listing goes. */
interface DirNode extends Sink {
  /** Subdirectories in walk order, each with the lengths of `files` and `ignored` before it. */
  children: { files: number; ignored: number; node: DirNode }[] | undefined;
}

/** Directory reads an async walk keeps in flight: enough to keep the disk and libuv's pool busy. */
const READS_IN_FLIGHT = 64;

/**
 * `walkTree`, with directories read concurrently on libuv's thread pool: the same listing, in the
 * same order, with the same errors. On a cold cache (a fresh clone, a CI machine) the disk serves
 * several reads at once (bench/README.md has the figures); on a warm one the reads overlap the
 * matching. Ignore files are read as their directory is entered, as in `walkTree`.
 *
 * Directories are read in no fixed order, but each one's listing is decided from its ancestors'
 * ignore files alone and stored in its own node; the nodes are joined in walk order at the end.
 * When a read fails, the walk is redone by `walkTree`, so that the error is the one the depth-first
 * walk meets first, whatever the order in which the reads completed.
 * @example const { files } = await walkTreeAsync('/path/to/project');
 */
export async function walkTreeAsync(
  root: string,
  options: AsyncWalkOptions = {},
): Promise<TreeListing> {
  const roots = normalizeRoots(options.roots ?? ['']);
  // Walks below a few roots (artifact candidates) are small: the sync walk is as fast.
  if (roots.length !== 1 || roots[0] !== '') return walkTree(root, options);
  const top: DirNode = { files: [], ignored: [], children: undefined };
  const queue: { rel: string; stack: IgnoreStack; node: DirNode }[] = [];
  const selector = createSelector(options.ignoreFiles);
  const ctx: WalkContext = {
    root,
    selector,
    enclosing: readEnclosing(root, selector),
    files: top.files,
    ignored: top.ignored,
    enter: (sink, rel, stack) => {
      const parent = sink as DirNode;
      const node: DirNode = { files: [], ignored: [], children: undefined };
      (parent.children ??= []).push({
        files: parent.files.length,
        ignored: parent.ignored.length,
        node,
      });
      queue.push({ rel, stack, node });
    },
  };
  const failed = await new Promise<boolean>((settle) => {
    let inFlight = 0;
    let stopped = false;
    const pump = (): void => {
      while (!stopped && inFlight < READS_IN_FLIGHT && queue.length > 0) {
        const task = queue.pop()!;
        inFlight++;
        readdir(`${root}${sep}${task.rel}`, { withFileTypes: true }, (error, entries) => {
          inFlight--;
          if (stopped) return;
          try {
            if (error) throw error;
            checkUtf8Names(`${root}${sep}${task.rel}`, task.rel, entries);
            listDirectory(ctx, task.rel, entries, task.stack, task.node);
          } catch {
            stopped = true;
            settle(true);
            return;
          }
          pump();
          if (inFlight === 0 && queue.length === 0) settle(false);
        });
      }
    };
    try {
      const entries = readDirectory(ctx, '', false)!;
      if (ctx.enclosing.hidden === undefined)
        walkEntries(ctx, '', entries, ctx.enclosing.stack, top);
      if (options.reads !== 'concurrent') readWhileWarm(ctx, queue, options.reads === 'sequential');
    } catch {
      settle(true);
      return;
    }
    if (queue.length === 0) settle(false);
    else pump();
  });
  if (failed) return walkTree(root, options);
  const files: TreeFile[] = [];
  const ignored: IgnoredPath[] = [];
  joinNodes(top, files, ignored);
  if (!isSortedByPath(ignored)) ignored.sort((a, b) => comparePaths(a.path, b.path));
  return { files, ignored };
}

/**
 * Read directories from `queue` one at a time, synchronously, while the reads come from the cache:
 * there a sync read costs ~10 µs and concurrent reads only add thread hand-offs (bench/README.md).
 * Returns when the queue is empty or the reads turn out to wait for the disk (a read slower than
 * 50 µs + 1 µs per entry, more often than not over the last reads), leaving the rest to the
 * concurrent reads; `always` reads the whole queue.
 */
function readWhileWarm(
  ctx: WalkContext,
  queue: { rel: string; stack: IgnoreStack; node: DirNode }[],
  always: boolean,
): void {
  let slow = 0;
  while (queue.length > 0) {
    const task = queue.pop()!;
    const start = process.hrtime.bigint();
    const entries = readDirectory(ctx, task.rel, false)!;
    // Milliseconds. Not `performance.now()`: the global `performance` loads perf_hooks (~2 ms of
    // start-up, where a small project's whole validate is ~40 ms of ours).
    const took = Number(process.hrtime.bigint() - start) / 1e6;
    const before = queue.length;
    listDirectory(ctx, task.rel, entries, task.stack, task.node);
    // Its subdirectories were queued in walk order: turn them around, so that the first is read
    // next (depth first in walk order, as the sync walk reads: ~10% faster than the reverse here).
    reverseFrom(queue, before);
    if (took > 0.05 + entries.length * 0.001) {
      if (++slow >= COLD_READS && !always) return;
    } else if (slow > 0) slow--;
  }
}

function reverseFrom<T>(items: T[], from: number): void {
  for (let i = from, j = items.length - 1; i < j; i++, j--) {
    const item = items[i]!;
    items[i] = items[j]!;
    items[j] = item;
  }
}

/** Net slow reads after which a walk is taken to be reading from the disk. */
const COLD_READS = 8;

/**
 * Append `node`'s listing, its subdirectories' in their places, to `files` and `ignored`. With an
 * explicit stack: the depth of the tree must not be the depth of a recursion (issue #12).
 */
function joinNodes(node: DirNode, files: TreeFile[], ignored: IgnoredPath[]): void {
  const frames: { node: DirNode; f: number; g: number; c: number }[] = [{ node, f: 0, g: 0, c: 0 }];
  while (frames.length > 0) {
    const frame = frames[frames.length - 1]!;
    const { node: current } = frame;
    const children = current.children ?? [];
    if (frame.c < children.length) {
      const child = children[frame.c++]!;
      while (frame.f < child.files) files.push(current.files[frame.f++]!);
      while (frame.g < child.ignored) ignored.push(current.ignored[frame.g++]!);
      frames.push({ node: child.node, f: 0, g: 0, c: 0 });
      continue;
    }
    while (frame.f < current.files.length) files.push(current.files[frame.f++]!);
    while (frame.g < current.ignored.length) ignored.push(current.ignored[frame.g++]!);
    frames.pop();
  }
}

function isSortedByPath(items: readonly { path: string }[]): boolean {
  for (let i = 1; i < items.length; i++)
    if (comparePaths(items[i - 1]!.path, items[i]!.path) > 0) return false;
  return true;
}

/** What the walker would decide for one path, which need not exist. */
export interface ProbeResult {
  /** True when the walk would not list it (the path or an ancestor is excluded). */
  ignored: boolean;
  /**
   * The rule that excluded it: of the path itself, or of the ancestor directory that hides it.
   * When it is not ignored: the negation (`!pattern`) that re-included it, if one decided, as
   * `git check-ignore -v` names it.
   */
  rule?: RuleRef;
  /** The excluded ancestor directory, when that is what hides the path. */
  hiddenBy?: string;
}

/**
 * Decide one project-relative path as walkTree would, without walking anything else: the ancestors'
 * ignore files and built-in exclusions apply on the way down, and a symlinked or nested-repository
 * ancestor hides the path as the walk would. Used for files that do not exist yet (the manifest
 * before its first write, `manifest explain` of a future file).
 * @param isDir decide the path as a directory
 * @example probePath('/path/to/project', 'pyproject-manifest.txt').ignored === false
 */
export function probePath(
  root: string,
  path: string,
  options: Pick<WalkOptions, 'ignoreFiles'> & { isDir?: boolean } = {},
): ProbeResult {
  const ctx = syncContext(root, options.ignoreFiles);
  const segments = path.split('/').filter((s) => s !== '' && s !== '.');
  const { hidden } = ctx.enclosing;
  if (hidden !== undefined) return { ignored: true, rule: hidden.rule, hiddenBy: hidden.dir };
  let stack = ctx.enclosing.stack;
  let rel = '';
  for (let i = 0; i < segments.length; i++) {
    const name = segments[i]!;
    const entries = readDirectory(ctx, rel, true);
    if (entries !== undefined) {
      if (rel !== '' && holdsGitEntry(entries)) {
        return { ignored: true, rule: NESTED_REPO_RULE, hiddenBy: rel };
      }
      stack = stack.child(rel, readIgnoreSources(ctx, rel, entries));
    }
    const last = i === segments.length - 1;
    const isDir = last ? options.isDir === true : true;
    rel = joinPath(rel, name);
    const builtIn = i === 0 ? rootBuiltInRule(name, isDir) : builtInRule(name, isDir);
    const decision =
      builtIn !== undefined
        ? { ignored: true, rule: builtIn }
        : last
          ? stack.explain(rel, isDir)
          : stack.check(rel, isDir);
    if (last && !decision.ignored && decision.rule !== undefined) {
      return { ignored: false, rule: decision.rule };
    }
    if (decision.ignored) {
      return last
        ? { ignored: true, rule: decision.rule! }
        : { ignored: true, rule: decision.rule!, hiddenBy: rel };
    }
    if (!last) {
      let real = true;
      try {
        real = !lstatSync(join(root, rel)).isSymbolicLink();
      } catch {
        // Missing: a future directory, decided by its ancestors' rules only.
      }
      if (!real) return { ignored: true, rule: SYMLINK_DIR_RULE, hiddenBy: rel };
    }
  }
  return { ignored: false };
}

const SYMLINK_DIR_RULE: RuleRef = Object.freeze({
  kind: 'default',
  source: '',
  pattern: 'symlinked directory (listed as itself, never entered)',
});
