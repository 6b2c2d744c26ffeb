/**
 * Python's globs, evaluated on the walker's listing, and their translation into gitignore-style
 * patterns whose expansion selects the same files.
 *
 * flit_core (`[tool.flit.sdist]`), pdm (`includes`, `excludes`, `source-includes`) and poetry
 * (`include`, `exclude`, `packages`) select files with Python globs relative to the project root,
 * not with gitignore patterns. Two flavours:
 * - `glob`: the `glob` module with `recursive=True` (flit_core, pdm). A wildcard segment never
 *   matches a name starting with `.` unless the segment itself starts with `.` ("files beginning
 *   with a dot are special"); `**` is zero or more directories, hidden ones skipped, and as the
 *   last segment also every file below.
 * - `pathlib`: `Path.glob` (poetry-core). Wildcards match hidden names too; `**` is zero or more
 *   directories (hidden ones included), and as the last segment only directories.
 * Either way a match that is a directory stands for every file below it (each backend walks it).
 * A segment is matched with fnmatch's syntax: `*`, `?`, `[seq]`, `[!seq]`; case-sensitive (POSIX).
 *
 * Owns: the emulation and the translation, including exact corrections (a negation or a literal
 * path) where the gitignore pattern and the Python glob disagree on the given tree.
 * Must not: touch the file system: directories are the ancestors of listed files, so an empty
 * directory or a file the ignore files hide is not seen (it is not in the manifest either).
 */
import { compilePatternList, type PatternSource } from '../rules/patterns.js';
import { compileFnmatch } from './fnmatch.js';
import { literalPattern } from './table.js';

export type GlobFlavour = 'glob' | 'pathlib';

const MAGIC = /[*?[]/;

/** A directory tree made from a listing of files. */
class Tree {
  /** directory ('' = root) → its entries: name → is a directory */
  private readonly dirs = new Map<string, Map<string, boolean>>([['', new Map()]]);

  constructor(files: Iterable<string>) {
    for (const file of files) {
      const parts = file.split('/');
      let dir = '';
      for (let i = 0; i < parts.length; i++) {
        const name = parts[i]!;
        const isDir = i < parts.length - 1;
        const entries = this.dirs.get(dir)!;
        if (isDir || !entries.has(name)) entries.set(name, isDir || entries.get(name) === true);
        if (!isDir) break;
        dir = dir === '' ? name : `${dir}/${name}`;
        if (!this.dirs.has(dir)) this.dirs.set(dir, new Map());
      }
    }
  }

  entries(dir: string): Map<string, boolean> | undefined {
    return this.dirs.get(dir);
  }

  kind(path: string): 'file' | 'dir' | undefined {
    if (path === '' || this.dirs.has(path)) return 'dir';
    const slash = path.lastIndexOf('/');
    const parent = this.dirs.get(slash === -1 ? '' : path.slice(0, slash));
    return parent?.has(path.slice(slash + 1)) ? 'file' : undefined;
  }

  /** Every file at or below `path`. */
  filesUnder(path: string, out: Set<string>): void {
    if (this.kind(path) === 'file') {
      out.add(path);
      return;
    }
    const entries = this.dirs.get(path);
    if (entries === undefined) return;
    for (const [name, isDir] of entries) {
      const child = path === '' ? name : `${path}/${name}`;
      if (isDir) this.filesUnder(child, out);
      else out.add(child);
    }
  }
}

const join = (dir: string, name: string): string => (dir === '' ? name : `${dir}/${name}`);

/**
 * Normalize a root-relative glob as the backends do before globbing (os.path.normpath): drop `./`
 * segments and a trailing `/`. Undefined for a glob that leaves the project or is absolute.
 */
export function normalizeGlob(glob: string): string | undefined {
  const parts: string[] = [];
  for (const part of glob.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') return undefined;
    parts.push(part);
  }
  if (glob.startsWith('/') || parts.length === 0) return undefined;
  return parts.join('/');
}

function isHidden(name: string): boolean {
  return name.startsWith('.');
}

/** The paths (files or directories) a Python glob yields on the tree. */
function globPaths(tree: Tree, glob: string, flavour: GlobFlavour): string[] {
  const segments = glob.split('/');
  let current: { path: string; isDir: boolean }[] = [{ path: '', isDir: true }];
  for (let index = 0; index < segments.length; index++) {
    const segment = segments[index]!;
    const last = index === segments.length - 1;
    const next: { path: string; isDir: boolean }[] = [];
    const seen = new Set<string>();
    const push = (path: string, isDir: boolean): void => {
      if (!seen.has(path)) {
        seen.add(path);
        next.push({ path, isDir });
      }
    };
    for (const { path, isDir } of current) {
      if (!isDir) continue;
      if (segment === '**') {
        // Zero or more directories (and, for `glob` as the last segment, the files below).
        const walk = (dir: string): void => {
          push(dir, true);
          for (const [name, childIsDir] of tree.entries(dir) ?? []) {
            if (flavour === 'glob' && isHidden(name)) continue;
            const child = join(dir, name);
            if (childIsDir) walk(child);
            else if (last && flavour === 'glob') push(child, false);
          }
        };
        walk(path);
        continue;
      }
      const entries = tree.entries(path) ?? new Map<string, boolean>();
      if (!MAGIC.test(segment)) {
        const childIsDir = entries.get(segment);
        if (childIsDir !== undefined) push(join(path, segment), childIsDir);
        continue;
      }
      const re = compileFnmatch(segment);
      const skipHidden = flavour === 'glob' && !isHidden(segment);
      for (const [name, childIsDir] of entries) {
        if (skipHidden && isHidden(name)) continue;
        if (re.test(name)) push(join(path, name), childIsDir);
      }
    }
    current = next;
  }
  return current.map((c) => c.path).filter((p) => p !== '');
}

/**
 * The files a Python glob selects on the listing: the files it matches, and every file below a
 * directory it matches.
 * @example selectByGlob(['docs/a.md', 'docs/.x'], 'docs/*', 'glob') → Set { 'docs/a.md' }
 */
export function selectByGlob(
  files: Iterable<string>,
  glob: string,
  flavour: GlobFlavour,
  tree: Tree = new Tree(files),
): Set<string> {
  const out = new Set<string>();
  const normalized = normalizeGlob(glob);
  if (normalized === undefined) return out;
  for (const path of globPaths(tree, normalized, flavour)) tree.filesUnder(path, out);
  return out;
}

/** The paths (files and directories) a Python glob yields, for backends that treat them apart. */
export function matchGlobPaths(
  files: Iterable<string>,
  glob: string,
  flavour: GlobFlavour,
): { path: string; kind: 'file' | 'dir' }[] {
  const tree = new Tree(files);
  const normalized = normalizeGlob(glob);
  if (normalized === undefined) return [];
  return globPaths(tree, normalized, flavour).map((path) => ({
    path,
    kind: tree.kind(path) === 'file' ? 'file' : 'dir',
  }));
}

/**
 * A root-relative Python glob as an anchored gitignore pattern: `tests/*.py` → `/tests/*.py`.
 * Literal characters gitignore treats specially (`\`, a trailing space) are escaped; the glob's own
 * wildcards keep their meaning. Undefined for a glob that leaves the project.
 */
export function globToGitignore(glob: string): string | undefined {
  const normalized = normalizeGlob(glob);
  if (normalized === undefined) return undefined;
  const escaped = normalized.replace(/\\/g, '\\\\').replace(/ $/, '\\ ');
  return `/${escaped}`;
}

/** The outcome of translating a list of globs. */
export interface GlobTranslation {
  /** gitignore-style patterns, in order: the translations, then any corrections. */
  patterns: string[];
  /** Globs that could not be translated (they leave the project), as written. */
  invalid: string[];
  /** Files on which the patterns still disagree with the globs (none, nearly always). */
  differ: string[];
}

/**
 * Translate Python globs into gitignore patterns whose union selects exactly the files the globs
 * select on this listing. Where the plain translation disagrees (a hidden name a wildcard skips,
 * or `**` in a hidden directory), a negation of the file or a literal path corrects it.
 */
export function translateGlobs(
  globs: readonly string[],
  files: readonly string[],
  flavour: GlobFlavour,
): GlobTranslation {
  const tree = new Tree(files);
  const patterns: string[] = [];
  const invalid: string[] = [];
  const wanted = new Set<string>();
  for (const glob of globs) {
    const pattern = globToGitignore(glob);
    if (pattern === undefined) {
      invalid.push(glob);
      continue;
    }
    patterns.push(pattern);
    for (const file of selectByGlob(files, glob, flavour, tree)) wanted.add(file);
  }
  const compile = () =>
    compilePatternList(patterns.map((pattern, i): PatternSource => ({ pattern, key: String(i) })));
  const differences = (): { extra: string[]; missing: string[] } => {
    const list = compile();
    const extra: string[] = [];
    const missing: string[] = [];
    for (const file of files) {
      const got = list.test(file).matched;
      if (got && !wanted.has(file)) extra.push(file);
      else if (!got && wanted.has(file)) missing.push(file);
    }
    return { extra, missing };
  };
  let diff = differences();
  for (let round = 0; round < 2 && diff.extra.length + diff.missing.length > 0; round++) {
    // Negate where the patterns matched: the highest directory they match (gitignore cannot
    // re-include below a matched directory), when nothing wanted lies below it; else the file.
    const list = compile();
    const negated = new Set<string>();
    for (const file of diff.extra) {
      const parts = file.split('/');
      let target = literalPattern(file);
      for (let i = 1; i < parts.length; i++) {
        const dir = parts.slice(0, i).join('/');
        if (!list.test(dir, true).matched) continue;
        if (![...wanted].some((w) => w.startsWith(`${dir}/`))) target = literalPattern(dir, true);
        break;
      }
      if (!negated.has(target)) {
        negated.add(target);
        patterns.push(`!${target}`);
      }
    }
    for (const file of diff.missing) patterns.push(literalPattern(file));
    diff = differences();
  }
  return { patterns, invalid, differ: [...diff.extra, ...diff.missing] };
}

/**
 * {@link translateGlobs}, with what it could not do said on one line each in `untranslated`,
 * naming `from` (the backend's key): a glob that leaves the project, files still in disagreement.
 * @returns the patterns
 */
export function translateGlobsReporting(
  globs: readonly string[],
  files: readonly string[],
  flavour: GlobFlavour,
  from: string,
  untranslated: string[],
): string[] {
  const result = translateGlobs(globs, files, flavour);
  for (const glob of result.invalid)
    untranslated.push(`${from}: ${JSON.stringify(glob)} leaves the project; not translated`);
  if (result.differ.length > 0)
    untranslated.push(
      `${from}: ${flavour === 'glob' ? "Python's glob" : "pathlib's glob"} and the gitignore patterns disagree on ${result.differ.join(', ')}; check them with \`manifest ls\``,
    );
  return result.patterns;
}
