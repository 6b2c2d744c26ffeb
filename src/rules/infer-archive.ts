/**
 * `manifest init ARCHIVE...`: from what a build really shipped, the `[tool.manifest]` rules whose
 * expansion lists exactly those members. This works for any backend, including ones whose
 * configuration we cannot translate, because it reads the result and not the configuration.
 *
 * Owns: the inference, and the TOML text of the table.
 * - sdist: tree files the archive holds are selected, the others are not. The selection is
 *   written as the fewest gitignore-style patterns (see `coverSelection`): a whole directory as one
 *   `/dir/` pattern, a single file only where a directory is mixed. Whether the table starts from
 *   "everything" (only `exclude`) or from nothing (`include`) follows the build's own habit at the
 *   project root: when it ships every file there, a new root file (the manifest itself, first of
 *   all) will ship too, so the table excludes; otherwise it includes.
 * - wheel: `packages` and `packages-dir` from the wheel's top level, found in the tree (left out
 *   when detection from `[project].name` finds the same); files of a package directory that the
 *   wheel leaves out are excluded the same way; `.data/` members become `map` pairs from the tree
 *   file with the same bytes; a top-level name that lives elsewhere in the tree is mapped file by
 *   file.
 * - Members the tree does not have (PKG-INFO aside, egg-info, a generated setup.py, a version
 *   file, a compiled extension) become `generated` DESTs; a directory the tree lacks altogether
 *   is one `dir/**` glob. Members whose bytes differ from the tree file are taken as rewritten by
 *   the build: their SRCs go in `rewritten` (`alt:` lines: shipped, bytes not compared).
 * Must not: read anything (the api layer reads the archives and hashes the tree), or decide what is
 * left over: the api layer expands the table and checks the archives with it, exactly as
 * `validate` will, and reports what still differs.
 * Pure.
 */
import { compileGenGlob } from '../manifest/glob.js';
import { comparePaths, sortByPath } from '../manifest/order.js';
import type { RulesConfig } from './config.js';
import { detectPackages } from './detect.js';
import { collectForcedSdist, type BackendRules } from './expand.js';
import { compilePatternList, escapeGitignoreLiteral } from './patterns.js';

/** One file member of an archive. */
export interface ArchiveMember {
  /** The path inside the distribution: the sdist root stripped; a wheel member as stored. */
  path: string;
  /** urlsafe-base64 sha256 of the bytes; '' when not known (then the bytes are not compared). */
  sha256: string;
}

/** What one archive holds, as the inference needs it. */
export interface ArchiveContents {
  /** The archive file, as named on the command line. */
  file: string;
  kind: 'sdist' | 'wheel';
  /** Its files (not directories), in archive order. */
  members: readonly ArchiveMember[];
}

export interface InferArchiveInput {
  /** The project's rules as they are (no `[tool.manifest]` table yet): `[project]` facts. */
  config: RulesConfig;
  /** Project-relative files the walker lists (ignore files applied), sorted. */
  files: readonly string[];
  /** Kind of each path the config names explicitly (readme, license files), as expansion takes it. */
  explicit: ReadonlyMap<string, 'file' | 'symlink' | 'dir' | 'missing'>;
  /** SRC → urlsafe-base64 sha256 of tree files that the archives may hold. */
  treeHashes: ReadonlyMap<string, string>;
  sdist?: ArchiveContents;
  wheel?: ArchiveContents;
  /** The manifest file, project-relative. */
  manifestFile: string;
  /**
   * What the project's build backend is known to write, rewrite and always ship (its profile's
   * outputs, as expansion takes them): such members need no key.
   * @default undefined (no backend knowledge)
   */
  known?: BackendRules;
  /**
   * Whether the build will ship the manifest file in the sdist, as the backend's own configuration
   * says (archives built before init cannot show it): the table then says the same.
   * @default undefined (unknown backend: the build's habit at the project root decides)
   */
  manifestShips?: boolean;
}

/** A file the build ships with other bytes than the tree's. */
export interface Rewritten {
  src: string;
  dest: string;
}

/** The rules for one target. */
export interface TargetPlan {
  include: string[];
  exclude: string[];
  generated: string[];
  rewritten: Rewritten[];
}

export interface WheelPlan extends TargetPlan {
  /** Written only when detection from `[project].name` would not find the same. */
  packagesDir: string | undefined;
  packages: string[] | undefined;
  map: Rewritten[];
}

export interface ArchiveInference {
  sdist: TargetPlan;
  wheel: WheelPlan;
  /** What was found and why each key holds what it holds, one line each (for the user). */
  notes: string[];
  /** The manifest file will ship in the sdist (it is selected), or not. */
  manifestShips: boolean;
  /** `[tool.manifest]` tables, ready to append (starts with `[tool.manifest]`, ends with `\n`). */
  table: string;
  /** Exactly the keys written, as key paths (`tool.manifest.sdist.include`). */
  written: string[];
  /** The wheel's package directory and packages, detected or written. */
  layout: 'src' | 'flat' | 'single-module' | 'unknown';
}

// ---------------------------------------------------------------------------------------------
// The selection as few patterns as possible.

/** A directory of candidate files: how many there are below it, and how many are selected. */
interface DirNode {
  path: string;
  dirs: Map<string, DirNode>;
  /** Direct files: path → selected. */
  files: Map<string, boolean>;
  total: number;
  selected: number;
  /** Memoized costs. */
  inner?: { exclude: number; include: number };
}

function buildTree(candidates: readonly string[], selected: ReadonlySet<string>): DirNode {
  const root: DirNode = { path: '', dirs: new Map(), files: new Map(), total: 0, selected: 0 };
  for (const path of candidates) {
    const segments = path.split('/');
    let node = root;
    const chosen = selected.has(path);
    node.total++;
    if (chosen) node.selected++;
    for (let i = 0; i < segments.length - 1; i++) {
      const dirPath = segments.slice(0, i + 1).join('/');
      let child = node.dirs.get(segments[i]!);
      if (child === undefined) {
        child = { path: dirPath, dirs: new Map(), files: new Map(), total: 0, selected: 0 };
        node.dirs.set(segments[i]!, child);
      }
      node = child;
      node.total++;
      if (chosen) node.selected++;
    }
    node.files.set(path, chosen);
  }
  return root;
}

/**
 * Patterns needed below `node`, everything in it being included: one per directory with nothing
 * selected, one per unselected file of a mixed directory.
 */
function excludeCost(node: DirNode): number {
  if (node.inner !== undefined) return node.inner.exclude;
  let cost = 0;
  for (const child of node.dirs.values()) {
    if (child.selected === 0) cost += 1;
    else if (child.selected < child.total) cost += excludeCost(child);
  }
  for (const chosen of node.files.values()) if (!chosen) cost += 1;
  return cost;
}

/** Patterns needed to include exactly the selected files of `node` (one with something selected). */
function includeCost(node: DirNode): number {
  if (node.selected === node.total) return 1;
  return Math.min(1 + excludeCost(node), includeInner(node));
}

/** Including `node`'s selected files child by child. */
function includeInner(node: DirNode): number {
  let cost = 0;
  for (const child of node.dirs.values()) if (child.selected > 0) cost += includeCost(child);
  for (const chosen of node.files.values()) if (chosen) cost += 1;
  return cost;
}

const dirPattern = (path: string): string => `/${escapeGitignoreLiteral(path)}/`;
const filePattern = (path: string): string => `/${escapeGitignoreLiteral(path)}`;

function emitExcludes(node: DirNode, exclude: string[]): void {
  for (const child of node.dirs.values()) {
    if (child.selected === 0) exclude.push(dirPattern(child.path));
    else if (child.selected < child.total) emitExcludes(child, exclude);
  }
  for (const [path, chosen] of node.files) if (!chosen) exclude.push(filePattern(path));
}

function emitIncludes(node: DirNode, include: string[], exclude: string[]): void {
  for (const child of node.dirs.values()) {
    if (child.selected === 0) continue;
    if (child.selected === child.total) include.push(dirPattern(child.path));
    // A mixed directory: whole with exclusions when that is shorter, else child by child (on a
    // tie, child by child: no exclusion to read, and a new file there does not ship unasked).
    else if (1 + excludeCost(child) < includeInner(child)) {
      include.push(dirPattern(child.path));
      emitExcludes(child, exclude);
    } else emitIncludes(child, include, exclude);
  }
  for (const [path, chosen] of node.files) if (chosen) include.push(filePattern(path));
}

/** How the root starts: from everything (exclude only) or from nothing (include). */
export type CoverMode = 'exclude' | 'include' | 'cheaper';

/**
 * The fewest gitignore-style patterns whose `include` (when not empty) and `exclude` leave exactly
 * `selected` of `candidates`: with git's rule that an excluded directory cannot be re-included,
 * each directory is either included whole (`/dir/`, then only exclusions below it), left out
 * whole, or decided child by child. Patterns are anchored and escaped, so each matches only the
 * path it names.
 * @param mode `exclude`: no include list (the root ships whole, less exclusions); `include`: an
 *   include list; `cheaper`: whichever needs fewer patterns (exclusions on a tie)
 * @example coverSelection(['a/x', 'a/y', 'b'], new Set(['a/x', 'a/y']), 'cheaper') → { include: [], exclude: ['/b'] }
 */
export function coverSelection(
  candidates: readonly string[],
  selected: ReadonlySet<string>,
  mode: CoverMode,
): { include: string[]; exclude: string[] } {
  const root = buildTree(candidates, selected);
  const include: string[] = [];
  const exclude: string[] = [];
  if (root.selected === root.total) return { include, exclude };
  const byExclusion =
    mode === 'exclude' ||
    (mode === 'cheaper' && excludeCost(root) <= Math.max(1, includeInner(root)));
  if (byExclusion || root.selected === 0) {
    // Nothing selected at all is written as exclusions too: an empty include list means "all".
    emitExcludes(root, exclude);
  } else emitIncludes(root, include, exclude);
  const byPath = (patterns: string[]): string[] => sortByPath(patterns, (p) => p);
  return { include: byPath(include), exclude: byPath(exclude) };
}

// ---------------------------------------------------------------------------------------------
// Generated members.

/** A gen glob that matches `path` literally: `*`, `?`, `[` and `\` escaped (MANIFEST-FORMAT.md §8). */
function escapeGen(path: string): string {
  return path.replace(/[\\*?[]/g, '\\$&');
}

/**
 * `gen:` DESTs for members the tree does not have: a directory that the tree lacks altogether and
 * that holds two or more of them is one `dir/**` glob; the rest are literal.
 * @param treeDirs every directory (DEST form) that holds a candidate file of the target
 */
function generatedDests(paths: readonly string[], treeDirs: ReadonlySet<string>): string[] {
  const byTopDir = new Map<string, string[]>();
  const out: string[] = [];
  for (const path of paths) {
    const segments = path.split('/');
    let absent: string | undefined;
    for (let i = 1; i < segments.length; i++) {
      const dir = segments.slice(0, i).join('/');
      if (!treeDirs.has(dir)) {
        absent = dir;
        break;
      }
    }
    if (absent === undefined) out.push(escapeGen(path));
    else {
      // Appended in place: a copy per member was quadratic in a directory's members.
      const members = byTopDir.get(absent);
      if (members === undefined) byTopDir.set(absent, [path]);
      else members.push(path);
    }
  }
  for (const [dir, members] of byTopDir) {
    if (members.length >= 2) out.push(`${escapeGen(dir)}/**`);
    else out.push(...members.map(escapeGen));
  }
  return sortByPath(out, (p) => p);
}

/** Every proper ancestor directory of each path. */
function ancestorDirs(paths: Iterable<string>, strip = ''): Set<string> {
  const dirs = new Set<string>();
  for (const full of paths) {
    const path = strip !== '' && full.startsWith(strip) ? full.slice(strip.length) : full;
    for (let i = path.indexOf('/'); i > 0; i = path.indexOf('/', i + 1)) dirs.add(path.slice(0, i));
  }
  return dirs;
}

/**
 * Why a member with other bytes is taken as rewritten, and what to do if that is wrong: an archive
 * older than the tree looks the same.
 */
function rewrittenNote(r: Rewritten): string {
  const as = r.dest === r.src ? '' : ` as ${r.dest}`;
  return `${r.src} ships${as} with other bytes than the tree's, so the build is taken to rewrite it; if the archive is only older than the tree, rebuild it and run init again`;
}

/** The backend's known outputs for one target, as tests of a DEST (gen) or a SRC. */
interface Known {
  generated(dest: string): boolean;
  rewritten(src: string): boolean;
  forced(src: string): boolean;
  /** The paths the tests above answered yes for, for the note. */
  answered: Set<string>;
}

function knownOutputs(rules: BackendRules | undefined, target: 'sdist' | 'wheel'): Known {
  const gens = (rules?.generated[target] ?? []).map((g) => compileGenGlob(g.pattern));
  const list = (patterns: readonly { pattern: string }[]) =>
    patterns.length === 0
      ? undefined
      : compilePatternList(patterns.map((p, i) => ({ pattern: p.pattern, key: String(i) })));
  const rewritten = list(rules?.rewritten[target] ?? []);
  const forced = list(rules?.forced[target] ?? []);
  const answered = new Set<string>();
  const note = (path: string, yes: boolean): boolean => (yes && answered.add(path), yes);
  return {
    answered,
    generated: (dest) =>
      note(
        dest,
        gens.some((match) => match(dest)),
      ),
    rewritten: (src) => note(src, rewritten?.test(src).matched === true),
    forced: (src) => note(src, forced?.test(src).matched === true),
  };
}

/** The note for members the backend's known outputs answered for. */
function knownNote(target: 'sdist' | 'wheel', known: Known): string[] {
  const n = known.answered.size;
  if (n === 0) return [];
  return [
    `${target}: ${n} file${n === 1 ? '' : 's'} the build backend is known to write, rewrite or always ship need${n === 1 ? 's' : ''} no key (\`manifest explain PATH\` names the reason)`,
  ];
}

// ---------------------------------------------------------------------------------------------
// sdist

interface SdistResult {
  plan: TargetPlan;
  manifestShips: boolean;
  notes: string[];
}

function inferSdist(input: InferArchiveInput, archive: ArchiveContents): SdistResult {
  const notes: string[] = [];
  const tree = new Set(input.files);
  // The files the sdist always has (pyproject.toml, the readme, license files): no key decides
  // them. A missing one is expansion's error to report, not ours.
  const forced = new Set(
    collectForcedSdist(input.config, input.explicit, input.files, []).map((s) => s.src),
  );
  const known = knownOutputs(input.known, 'sdist');
  const shipped = new Set<string>();
  const rewritten: Rewritten[] = [];
  const notInTree: string[] = [];
  for (const member of archive.members) {
    if (member.path === 'PKG-INFO' || member.path === '') continue;
    if (tree.has(member.path)) {
      shipped.add(member.path);
      const hash = input.treeHashes.get(member.path);
      if (
        member.sha256 !== '' &&
        hash !== undefined &&
        hash !== member.sha256 &&
        !known.generated(member.path) &&
        !known.rewritten(member.path)
      )
        rewritten.push({ src: member.path, dest: member.path });
    } else if (!known.generated(member.path)) notInTree.push(member.path);
  }
  // The manifest file, when the tree has it already, is decided by the root's habit, like a new one.
  const candidates = input.files.filter(
    (f) => !forced.has(f) && f !== input.manifestFile && !known.forced(f),
  );
  const rootFiles = candidates.filter((f) => !f.includes('/'));
  // The build's habit at the root: every root file shipped means new ones will be too.
  const mode: CoverMode =
    rootFiles.length === 0
      ? 'cheaper'
      : rootFiles.every((f) => shipped.has(f))
        ? 'exclude'
        : 'include';
  const { include, exclude } = coverSelection(candidates, shipped, mode);
  // The manifest file: as the backend's configuration ships it, when that is known; otherwise as
  // a new file at the root, which the build's habit there decides.
  const manifestShips = input.manifestShips ?? include.length === 0;
  const manifestPattern = filePattern(input.manifestFile);
  if (manifestShips && include.length > 0) include.push(manifestPattern);
  if (!manifestShips && include.length === 0) exclude.push(manifestPattern);
  if (input.manifestShips !== undefined)
    notes.push(
      `sdist: ${input.manifestFile} ${manifestShips ? 'ships' : 'does not ship'}, as the build backend's own configuration ${manifestShips ? 'ships it' : 'leaves it out'}`,
    );
  sortByPath(include, (p) => p);
  sortByPath(exclude, (p) => p);
  const count = candidates.filter((f) => shipped.has(f)).length;
  const plural = (n: number, what: string): string => `${n} ${what}${n === 1 ? '' : 's'}`;
  notes.push(
    `sdist: ${count} of ${plural(candidates.length, 'tree file')} ship, besides ${[...forced].join(', ')}, which always ${forced.size === 1 ? 'does' : 'do'}` +
      (include.length === 0 && exclude.length === 0
        ? ' (all of them: no key needed)'
        : include.length > 0
          ? ` (the build ships selected files: ${[plural(include.length, 'include pattern'), ...(exclude.length > 0 ? [plural(exclude.length, 'exclude pattern')] : [])].join(', ')})`
          : ` (the build ships every file at the project root, so new ones ship too: ${plural(exclude.length, 'exclude pattern')})`),
  );
  const treeDirs = ancestorDirs(input.files);
  const generated = generatedDests(notInTree, treeDirs);
  for (const dest of generated)
    notes.push(`sdist.generated: ${dest} (in the archive, not among the tree's files)`);
  for (const r of rewritten) notes.push(`sdist: ${rewrittenNote(r)}`);
  notes.push(...knownNote('sdist', known));
  return {
    plan: { include, exclude, generated, rewritten },
    manifestShips,
    notes,
  };
}

// ---------------------------------------------------------------------------------------------
// wheel

/** The `{name}-{version}` stem of the wheel's one `.dist-info` directory, or undefined. */
function findStem(members: readonly ArchiveMember[]): string | undefined {
  const stems = new Set<string>();
  for (const m of members) {
    const top = m.path.split('/')[0]!;
    if (m.path.includes('/') && top.endsWith('.dist-info')) stems.add(top.slice(0, -10));
  }
  return stems.size === 1 ? [...stems][0] : undefined;
}

function basename(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** Length, in segments, of the common suffix of two paths. */
function commonSuffix(a: string, b: string): number {
  const x = a.split('/').reverse();
  const y = b.split('/').reverse();
  let n = 0;
  while (n < x.length && n < y.length && x[n] === y[n]) n++;
  return n;
}

/** The tree file a `.data/` member comes from: the same bytes, else the same name and place. */
function findDataSource(
  dest: string,
  member: ArchiveMember,
  byName: ReadonlyMap<string, string[]>,
  hashes: ReadonlyMap<string, string>,
): { src: string; rewritten: boolean } | undefined {
  const candidates = byName.get(basename(dest)) ?? [];
  const rank = (src: string): [number, number, string] => [
    -commonSuffix(src, dest),
    src.length,
    src,
  ];
  const best = (list: string[]): string | undefined =>
    list
      .map(rank)
      .sort((a, b) => a[0] - b[0] || a[1] - b[1] || comparePaths(a[2], b[2]))
      .map((r) => r[2])[0];
  const same = candidates.filter((c) => member.sha256 !== '' && hashes.get(c) === member.sha256);
  const exact = best(same);
  if (exact !== undefined) return { src: exact, rewritten: false };
  // Other bytes: only a file at the same relative place (e.g. scripts/run.sh for
  // {data}/scripts/run.sh, whose shebang the build rewrote) counts.
  const placed = candidates.filter((c) => commonSuffix(c, dest) >= 2);
  const near = best(placed);
  return near !== undefined ? { src: near, rewritten: true } : undefined;
}

interface WheelResult {
  plan: WheelPlan;
  notes: string[];
  layout: ArchiveInference['layout'];
}

function emptyWheel(): WheelPlan {
  return {
    include: [],
    exclude: [],
    generated: [],
    rewritten: [],
    packagesDir: undefined,
    packages: undefined,
    map: [],
  };
}

function inferWheel(input: InferArchiveInput, archive: ArchiveContents): WheelResult {
  const notes: string[] = [];
  const plan = emptyWheel();
  const stem = findStem(archive.members);
  const dataDir = stem !== undefined ? `${stem}.data/` : undefined;
  const distInfo = stem !== undefined ? `${stem}.dist-info/` : undefined;
  const packaged = new Map<string, ArchiveMember>();
  const data: ArchiveMember[] = [];
  for (const member of archive.members) {
    if (distInfo !== undefined && member.path.startsWith(distInfo)) continue;
    if (dataDir !== undefined && member.path.startsWith(dataDir)) data.push(member);
    else packaged.set(member.path, member);
  }

  // Where each top-level name lives in the tree: for every tree file, each way of reading it as
  // `{prefix}/{member path}`.
  const found = new Map<string, Map<string, number>>(); // top name → prefix → files found
  for (const file of input.files) {
    for (let start = 0; ;) {
      const rest = start === 0 ? file : file.slice(start);
      if (packaged.has(rest)) {
        const top = rest.split('/')[0]!;
        const prefix = start === 0 ? '' : file.slice(0, start - 1);
        const byPrefix = found.get(top) ?? new Map<string, number>();
        byPrefix.set(prefix, (byPrefix.get(prefix) ?? 0) + 1);
        found.set(top, byPrefix);
      }
      const slash = file.indexOf('/', start);
      if (slash === -1) break;
      start = slash + 1;
    }
  }
  // The packages directory: where the most top-level directories of the wheel are (a stray
  // top-level file such as a poetry `include` does not decide it), then the most files.
  const scores = new Map<string, { dirs: number; files: number }>();
  for (const [top, byPrefix] of found) {
    const isDir = [...packaged.keys()].some((p) => p.startsWith(`${top}/`));
    for (const [prefix, n] of byPrefix) {
      const score = scores.get(prefix) ?? { dirs: 0, files: 0 };
      score.dirs += isDir ? 1 : 0;
      score.files += n;
      scores.set(prefix, score);
    }
  }
  const packagesDir = [...scores]
    .sort(
      (a, b) =>
        b[1].dirs - a[1].dirs ||
        b[1].files - a[1].files ||
        a[0].length - b[0].length ||
        comparePaths(a[0], b[0]),
    )
    .map(([prefix]) => prefix)[0];

  const tops = [...new Set([...packaged.keys()].map((p) => p.split('/')[0]!))].sort(comparePaths);
  const packages: string[] = [];
  const generatedPaths: string[] = [];
  const rewritten: Rewritten[] = [];
  const mapped: Rewritten[] = [];
  const join = (dir: string, path: string): string => (dir === '' ? path : `${dir}/${path}`);
  const tree = new Set(input.files);
  for (const top of tops) {
    const here = packagesDir !== undefined ? (found.get(top)?.get(packagesDir) ?? 0) : 0;
    if (here > 0) {
      packages.push(top);
      continue;
    }
    const members = [...packaged.keys()].filter((p) => p === top || p.startsWith(`${top}/`));
    const elsewhere = [...(found.get(top) ?? new Map<string, number>())].sort(
      (a, b) => b[1] - a[1] || comparePaths(a[0], b[0]),
    )[0]?.[0];
    for (const path of members) {
      const src = elsewhere !== undefined ? join(elsewhere, path) : undefined;
      if (src !== undefined && tree.has(src)) mapped.push({ src, dest: path });
      else generatedPaths.push(path);
    }
  }

  // The candidates in scope and which of them ship.
  const prefix = packagesDir === undefined || packagesDir === '' ? '' : `${packagesDir}/`;
  const roots = packages.map((p) => `${prefix}${p}`);
  const known = knownOutputs(input.known, 'wheel');
  const inScope = input.files.filter(
    (f) => roots.some((r) => f === r || f.startsWith(`${r}/`)) && !known.forced(f),
  );
  const shipped = new Set<string>();
  for (const src of inScope) {
    const dest = src.slice(prefix.length);
    const member = packaged.get(dest);
    if (member === undefined) continue;
    shipped.add(src);
    const hash = input.treeHashes.get(src);
    if (
      member.sha256 !== '' &&
      hash !== undefined &&
      hash !== member.sha256 &&
      !known.generated(dest) &&
      !known.rewritten(src)
    )
      rewritten.push({ src, dest });
  }
  for (const root of roots) {
    for (const [dest] of packaged) {
      const src = `${prefix}${dest}`;
      if ((src === root || src.startsWith(`${root}/`)) && !tree.has(src)) generatedPaths.push(dest);
    }
  }
  const { include, exclude } = coverSelection(inScope, shipped, 'cheaper');
  plan.include = include;
  plan.exclude = exclude;

  // `.data/` members: mapped from the tree file with the same bytes.
  const byName = new Map<string, string[]>();
  for (const file of input.files) {
    const name = basename(file);
    byName.set(name, [...(byName.get(name) ?? []), file]);
  }
  for (const member of data) {
    const dest = `{data}/${member.path.slice(dataDir!.length)}`;
    const source = findDataSource(dest, member, byName, input.treeHashes);
    if (source === undefined) generatedPaths.push(dest);
    else {
      mapped.push({ src: source.src, dest });
      if (source.rewritten && !known.rewritten(source.src))
        rewritten.push({ src: source.src, dest });
    }
  }

  // Keys: packages and packages-dir only where detection would not find the same.
  const name = input.config.project.name;
  const detected = name !== undefined ? detectPackages(name, tree, undefined) : undefined;
  const sameAsDetected =
    detected !== undefined &&
    packagesDir !== undefined &&
    detected.packagesDir === packagesDir &&
    detected.packages.join('\n') === packages.join('\n');
  let layout: ArchiveInference['layout'] = 'unknown';
  if (packages.length > 0 && packagesDir !== undefined) {
    layout =
      packages.length === 1 && packages[0]!.endsWith('.py')
        ? 'single-module'
        : packagesDir === 'src'
          ? 'src'
          : 'flat';
    const where = packages.map((p) => join(packagesDir, p)).join(', ');
    if (sameAsDetected) {
      notes.push(
        `wheel: packages ${where} (the wheel's top level; detected from the name at each run, so no key is written)`,
      );
    } else {
      plan.packages = packages;
      if (packagesDir !== '') plan.packagesDir = packagesDir;
      notes.push(`wheel: packages ${where} (the wheel's top level, found in the tree)`);
    }
  } else if (packaged.size > 0) {
    notes.push('wheel: no top-level package of the wheel was found in the tree');
  }
  const treeDirs = ancestorDirs(inScope, prefix);
  for (const r of rewritten) notes.push(`wheel: ${rewrittenNote(r)}`);
  // A map pair whose bytes the build rewrites is an alt: line of the pair (`rewritten`).
  plan.map = mapped;
  for (const m of plan.map) {
    const why = m.dest.startsWith('{data}/')
      ? "from the wheel's .data directory"
      : "in the wheel's top level, outside the packages directory";
    notes.push(`wheel.map: ${m.src} -> ${m.dest} (${why})`);
  }
  plan.generated = generatedDests(
    generatedPaths.filter((dest) => !known.generated(dest)),
    treeDirs,
  );
  for (const dest of plan.generated)
    notes.push(`wheel.generated: ${dest} (in the wheel, not among the tree's files)`);
  plan.rewritten = rewritten;
  notes.push(...knownNote('wheel', known));
  return { plan, notes, layout };
}

// ---------------------------------------------------------------------------------------------
// The table

/** A TOML basic string: JSON's escapes, plus DEL, which TOML does not allow raw. */
function tomlString(value: string): string {
  return JSON.stringify(value).replace(/\u007f/g, '\\u007f');
}

/** `key = [...]`: on one line when short, else one item per line (each a line in a diff). */
function tomlList(key: string, items: readonly string[]): string[] {
  const one = `${key} = [${items.map(tomlString).join(', ')}]`;
  if (one.length <= 100) return [one];
  return [`${key} = [`, ...items.map((i) => `  ${tomlString(i)},`), ']'];
}

interface Rendered {
  table: string;
  written: string[];
}

function renderTable(
  sdist: TargetPlan,
  wheel: WheelPlan,
  sources: readonly string[],
  manifestFile: string,
): Rendered {
  const written: string[] = [];
  const lines = [
    '[tool.manifest]',
    `# What ships in the sdist and the wheel: these rules expand into ${manifestFile}.`,
    `# Inferred by \`manifest init\` from ${sources.join(' and ')}.`,
    '# Change them, then run `manifest update` (see `manifest explain PATH` for why a file ships).',
  ];
  const section = (target: 'sdist' | 'wheel', plan: TargetPlan, head: string[]): void => {
    const body = [...head];
    const list = (key: string, items: readonly string[]): void => {
      if (items.length === 0) return;
      body.push(...tomlList(key, items));
      written.push(`tool.manifest.${target}.${key}`);
    };
    list('include', plan.include);
    list('exclude', plan.exclude);
    list('generated', plan.generated);
    list(
      'rewritten',
      sortByPath([...new Set(plan.rewritten.map((r) => filePattern(r.src)))], (p) => p),
    );
    if (body.length > 0) lines.push('', `[tool.manifest.${target}]`, ...body);
  };
  section('sdist', sdist, []);
  const head: string[] = [];
  if (wheel.packagesDir !== undefined) {
    head.push(`packages-dir = ${tomlString(wheel.packagesDir)}`);
    written.push('tool.manifest.wheel.packages-dir');
  }
  if (wheel.packages !== undefined) {
    head.push(...tomlList('packages', wheel.packages));
    written.push('tool.manifest.wheel.packages');
  }
  section('wheel', wheel, head);
  if (wheel.map.length > 0) {
    lines.push('', '[tool.manifest.wheel.map]');
    for (const m of wheel.map) lines.push(`${tomlString(m.src)} = ${tomlString(m.dest)}`);
    written.push('tool.manifest.wheel.map');
  }
  return { table: `${lines.join('\n')}\n`, written };
}

/**
 * Infer the `[tool.manifest]` table that reproduces the given archives from the tree.
 * @example inferFromArchives({ config, files, explicit, treeHashes, sdist, wheel, manifestFile }).table
 */
export function inferFromArchives(input: InferArchiveInput): ArchiveInference {
  const notes: string[] = [];
  let sdist: TargetPlan = { include: [], exclude: [], generated: [], rewritten: [] };
  let manifestShips = true;
  if (input.sdist !== undefined) {
    const result = inferSdist(input, input.sdist);
    sdist = result.plan;
    manifestShips = result.manifestShips;
    notes.push(...result.notes);
  } else notes.push('sdist: no sdist given; the sdist keeps the defaults (the whole tree)');
  let wheel = emptyWheel();
  let layout: ArchiveInference['layout'] = 'unknown';
  if (input.wheel !== undefined) {
    const result = inferWheel(input, input.wheel);
    wheel = result.plan;
    layout = result.layout;
    notes.push(...result.notes);
  } else notes.push('wheel: no wheel given; the wheel keeps the defaults (detected from the name)');
  const sources = [input.sdist?.file, input.wheel?.file].filter(
    (f): f is string => f !== undefined,
  );
  const { table, written } = renderTable(sdist, wheel, sources, input.manifestFile);
  return { sdist, wheel, notes, manifestShips, table, written, layout };
}
