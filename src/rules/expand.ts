/**
 * Rule expansion: (RulesConfig, what the walker saw) → Manifest, every entry carrying the rule
 * that decided it.
 *
 * Pure: the api layer walks the tree and stats explicitly named paths; this module only decides.
 * The precedence is MANIFEST-FORMAT.md §7, repeated here because the code is built in its order.
 * For each target:
 *
 *   1. Built-in exclusions (VCS directories, nested repositories, `__pycache__/`, `*.py[cod]`, the
 *      root `dist/`) are applied by the walker; nothing below re-admits them.
 *   2. Scope: the sdist takes the whole project; the wheel takes its packages below packages-dir
 *      (`packages`, or detected from `[project].name`).
 *   3. `artifacts` select a file in scope even though an ignore file ignores it, and whatever
 *      `include` and `exclude` say (as hatchling's artifacts do).
 *   4. Ignore files (`ignore-file`) drop what they ignore, with git's rules.
 *   5. `include`, when the target's list is not empty, keeps only the files it matches.
 *   6. `exclude` drops the files it matches.
 *   7. Always in, whatever 3–6 say: for the sdist `pyproject.toml` and the `[project]` readme
 *      and license files; for the wheel, each `map` pair. (The manifest file itself ships in the
 *      sdist like any other file: by default, unless the rules exclude it.)
 *   8. `generated`: each pattern is a `gen:` line, and a selected file whose DEST it matches is
 *      covered by it (no `mod:` line: the build writes that file). The sdist always has
 *      `gen: PKG-INFO`.
 *   9. `rewritten`: a file left after 3–8 whose SRC it matches is an `alt:` line instead of a
 *      `mod:` line (the build rewrites its bytes).
 *  10. `dir:` lines for every ancestor directory of the DESTs.
 *
 * Two sources for one DEST are an error (DEST_CONFLICT), never a silent choice.
 */
import { ManifestError, throwCollected } from '../errors.js';
import { compileGenGlob, isGlob } from '../manifest/glob.js';
import { comparePaths, SortedPathSet, sortByPath } from '../manifest/order.js';
import type {
  GenEntry,
  Manifest,
  ManifestEntry,
  ModEntry,
  RuleRef,
  SourcedEntry,
  Target,
  TreeFile,
  TreeListing,
} from '../manifest/types.js';
import type { PatternSource, RulesConfig, TargetRules } from './config.js';
import { detectPackages } from './detect.js';
import { compileGlobList, compilePatternList, type PatternList } from './patterns.js';

/** What the api layer gathered for one target. */
export interface TargetInputs {
  /** The walk with this target's ignore files. */
  listing: TreeListing;
  /**
   * Files the ignore files ignored that `artifacts` may re-admit: ignored files from the walk, plus
   * files below ignored directories along anchored artifact paths.
   */
  artifactCandidates: readonly TreeFile[];
}

export interface ExpandInputs {
  sdist: TargetInputs;
  wheel: TargetInputs;
  /** Kind of every path the config names explicitly (readme, license files, map sources). */
  explicit: ReadonlyMap<string, 'file' | 'symlink' | 'dir' | 'missing'>;
  /**
   * What the build backend itself writes and forces in, from its profile (src/backends/, via the
   * api layer): `gen:` lines beside the built-in `PKG-INFO` (step 8), and files shipped whatever
   * the lists say (step 7).
   * @default undefined (no backend knowledge)
   */
  backend?: BackendRules;
  /**
   * Explicit paths that resolve outside the project (a symlinked directory or a symlink on the
   * way): a `map` source among them is an error.
   * @default none
   */
  escaping?: ReadonlySet<string>;
}

/** A backend pattern and the `backend` rule that names it (for explain and the manifest). */
export interface BackendPattern {
  /** generated: a gen DEST (glob allowed); rewritten and forced: a gitignore-style SRC pattern. */
  pattern: string;
  rule: RuleRef;
}

/** A build backend's known outputs as rules, per target. */
export interface BackendRules {
  generated: Record<Target, readonly BackendPattern[]>;
  rewritten: Record<Target, readonly BackendPattern[]>;
  /** One ordered gitignore-style list per target (the last matching pattern decides). */
  forced: Record<Target, readonly BackendPattern[]>;
}

/** The wheel scope that expansion settled on, for `explain` and messages. */
export interface WheelScope {
  packagesDir: string;
  packages: { path: string; rule: RuleRef }[];
}

export interface ExpandResult {
  manifest: Manifest;
  wheelScope: WheelScope;
}

const PYPROJECT = 'pyproject.toml';

function configRule(source: PatternSource, file: string): RuleRef {
  return {
    kind: 'config',
    source: file,
    key: source.key,
    pattern: source.pattern,
    ...(source.line !== undefined ? { line: source.line } : {}),
  };
}

/** The explicit paths expansion will ask about: the api stats them before calling expandRules. */
export function listExplicitPaths(config: RulesConfig): string[] {
  const out: string[] = [];
  if (config.project.readme) out.push(config.project.readme.path);
  for (const license of config.project.licenseFiles) if (!license.glob) out.push(license.pattern);
  for (const pair of config.wheel.map) out.push(pair.src);
  return out;
}

/** Resolve the wheel's packages-dir and packages, detecting them from `[project].name` when unset. */
export function resolveWheelScope(config: RulesConfig, files: ReadonlySet<string>): WheelScope {
  const wheel = config.wheel;
  const explicitDir = wheel.packagesDir?.pattern;
  if (wheel.packages !== undefined) {
    const packagesDir = explicitDir ?? '';
    return {
      packagesDir,
      packages: wheel.packages.map((p) => ({ path: p.pattern, rule: configRule(p, config.file) })),
    };
  }
  const name = config.project.name;
  if (name === undefined) {
    throw new ManifestError(
      'CONFIG_PACKAGE_NOT_FOUND',
      'cannot detect the wheel package: [project] has no name',
      {
        file: config.file,
        hint: 'set project.name, or list the packages in tool.manifest.wheel.packages',
      },
    );
  }
  const found = detectPackages(name, files, explicitDir);
  if (found === undefined) {
    const where =
      explicitDir !== undefined
        ? `in ${explicitDir === '' ? 'the project root' : `${explicitDir}/`}`
        : 'in the project root or src/';
    throw new ManifestError(
      'CONFIG_PACKAGE_NOT_FOUND',
      `no package or module for project "${name}" ${where}`,
      {
        file: config.file,
        keyPath: 'project.name',
        hint: 'set tool.manifest.wheel.packages (e.g. packages = ["mypkg"]) and tool.manifest.packages-dir',
      },
    );
  }
  const rule: RuleRef = {
    kind: 'package-detection',
    source: config.file,
    key: 'project.name',
    pattern: found.evidence,
  };
  return {
    packagesDir: found.packagesDir,
    packages: found.packages.map((path) => ({ path, rule })),
  };
}

/** A file chosen for one target, with its DEST and the rule that chose it. */
export interface Selected {
  src: string;
  dest: string;
  rule: RuleRef;
}

/** A target's `include`, `exclude` and `artifacts`, compiled once. */
export interface CompiledTargetRules {
  include: PatternList;
  exclude: PatternList;
  artifacts: PatternList;
}

/** Compile a target's gitignore-style lists (shared by expansion and `explain`). */
export function compileTargetRules(rules: TargetRules): CompiledTargetRules {
  return {
    include: compilePatternList(rules.include),
    exclude: compilePatternList(rules.exclude),
    artifacts: compilePatternList(rules.artifacts),
  };
}

/** The outcome of steps 5–6 for one listed (not ignored) file in scope. */
export type ListedDecision =
  | { selected: true; rule: RuleRef }
  | { selected: false; step: 'include' | 'exclude'; rule: RuleRef };

/**
 * Steps 5–6 for one file the walker listed, already in scope: `include` (when not empty) keeps
 * only what it matches, then `exclude` drops what it matches. Shared by expansion and `explain`.
 */
export function decideListed(
  compiled: CompiledTargetRules,
  rules: TargetRules,
  path: string,
  scopeRule: RuleRef,
  file: string,
): ListedDecision {
  // Step 3: an artifact is selected whatever include and exclude say, listed or not.
  if (!compiled.artifacts.empty) {
    const hit = compiled.artifacts.test(path);
    if (hit.matched && hit.source) return { selected: true, rule: configRule(hit.source, file) };
  }
  let rule = scopeRule;
  if (!compiled.include.empty) {
    const hit = compiled.include.test(path);
    if (!hit.matched) {
      // A negation that decided names itself; otherwise the list as a whole left the file out.
      const first = rules.include[0]!;
      const listRule: RuleRef = hit.source
        ? configRule(hit.source, file)
        : {
            kind: 'config',
            source: file,
            key: first.key.replace(/\[\d+\]$/, ''),
            pattern: rules.include.map((s) => s.pattern).join(', '),
            ...(first.line !== undefined ? { line: first.line } : {}),
          };
      return { selected: false, step: 'include', rule: listRule };
    }
    if (hit.source) rule = configRule(hit.source, file);
  }
  if (!compiled.exclude.empty) {
    const hit = compiled.exclude.test(path);
    if (hit.matched) {
      const first = rules.exclude[0]!;
      return {
        selected: false,
        step: 'exclude',
        rule: configRule(hit.source ?? first, file),
      };
    }
  }
  return { selected: true, rule };
}

/** Step 3 for one file an ignore file ignored: the `artifacts` rule that re-admits it, if any. */
export function decideArtifact(
  compiled: CompiledTargetRules,
  path: string,
  file: string,
): RuleRef | undefined {
  if (compiled.artifacts.empty) return undefined;
  const hit = compiled.artifacts.test(path);
  return hit.matched && hit.source ? configRule(hit.source, file) : undefined;
}

/**
 * Step 2 for a path in scope: the rule that put it there, and where it lands: DEST is the path less
 * its first `cut` characters (see scopeDest). One object per scope root, not one per path.
 */
export interface Scope {
  readonly rule: RuleRef;
  readonly cut: number;
}

/** Step 2: the scope a path is in; undefined outside. */
export type ScopeTest = (path: string) => Scope | undefined;

/** The DEST of `path` in `scope`. */
export function scopeDest(path: string, scope: Scope): string {
  return scope.cut === 0 ? path : path.slice(scope.cut);
}

/** The sdist's scope: the whole project, DEST equal to SRC. */
export function createSdistScopeTest(file: string): ScopeTest {
  const scope: Scope = {
    rule: {
      kind: 'default',
      source: file,
      pattern: 'the project tree, less ignored files',
    },
    cut: 0,
  };
  return () => scope;
}

/** The wheel's scope: paths below one of the packages, DEST without the packages-dir prefix. */
export function createWheelScopeTest(scope: WheelScope): ScopeTest {
  const prefix = scope.packagesDir === '' ? '' : `${scope.packagesDir}/`;
  const roots = scope.packages.map((p) => ({
    path: `${prefix}${p.path}`,
    below: `${prefix}${p.path}/`,
    scope: { rule: p.rule, cut: prefix.length } satisfies Scope,
  }));
  return (path) => {
    // Indexed loops on per-file paths: a `for…of` allocates an iterator result per step until the
    // optimizing compiler takes over, which a single run of the CLI mostly does without.
    for (let i = 0; i < roots.length; i++) {
      const root = roots[i]!;
      if (path.startsWith(root.below) || path === root.path) return root.scope;
    }
    return undefined;
  };
}

/**
 * The literal directory an anchored artifact pattern starts with, or undefined when unanchored
 * (gitignore: a pattern with a slash anywhere but the end is anchored).
 */
function anchoredPrefix(pattern: string): string | undefined {
  const body = pattern.startsWith('!') ? undefined : pattern.replace(/\/+$/, '');
  if (body === undefined) return undefined;
  const inner = body.startsWith('/') ? body.slice(1) : body;
  if (!body.startsWith('/') && !inner.includes('/')) return undefined;
  const segments = inner.split('/');
  const literal: string[] = [];
  for (const segment of segments) {
    if (isGlob(segment) || segment.includes('\\')) break;
    literal.push(segment);
  }
  return literal.join('/');
}

/**
 * The directories below ignored directories that are walked again (without ignore files) for
 * artifact candidates: only along the literal leading path of an anchored artifact pattern, so
 * `artifacts = ["*.so"]` never drags in a virtualenv's libraries. Shared by generate and explain.
 * @param ignoredDirs directories an ignore file (not a built-in rule) excluded
 */
export function listArtifactRoots(
  artifacts: readonly PatternSource[],
  ignoredDirs: readonly string[],
): string[] {
  const roots = new Set<string>();
  for (const source of artifacts) {
    const prefix = anchoredPrefix(source.pattern);
    if (prefix === undefined) continue;
    for (const dir of ignoredDirs) {
      if (prefix === dir || prefix.startsWith(`${dir}/`)) roots.add(prefix);
      else if (dir.startsWith(`${prefix}/`) || prefix === '') roots.add(dir);
    }
  }
  return [...roots];
}

/**
 * A selection that is already shaped as its `mod:` entry, so that finishSection keeps the object
 * instead of copying it (one object per file per target, not two: this runs on every file).
 */
type SelectedMod = Selected & ModEntry & { rule: RuleRef };

function selectMod(src: string, dest: string, rule: RuleRef): SelectedMod {
  return { kind: 'mod', src, dest, rule };
}

/** Steps 3–6 for the candidates of one target. */
function selectByRules(
  rules: TargetRules,
  file: string,
  inScope: ScopeTest,
  inputs: TargetInputs,
  wholeProject?: RuleRef,
): Selected[] {
  const compiled = compileTargetRules(rules);
  const files = inputs.listing.files;
  const out: Selected[] = [];
  const noLists = compiled.include.empty && compiled.exclude.empty && compiled.artifacts.empty;
  if (wholeProject !== undefined && noLists) {
    // The sdist without lists: every listed file, DEST equal to SRC (no scope result per file).
    for (let i = 0; i < files.length; i++) {
      const path = files[i]!.path;
      out.push(selectMod(path, path, wholeProject));
    }
    return out;
  }
  for (let i = 0; i < files.length; i++) {
    const path = files[i]!.path;
    const scope = inScope(path);
    if (scope === undefined) continue;
    if (noLists) {
      out.push(selectMod(path, scopeDest(path, scope), scope.rule));
      continue;
    }
    const decision = decideListed(compiled, rules, path, scope.rule, file);
    if (decision.selected) out.push(selectMod(path, scopeDest(path, scope), decision.rule));
  }
  if (!compiled.artifacts.empty) {
    for (const tree of inputs.artifactCandidates) {
      const scope = inScope(tree.path);
      if (scope === undefined) continue;
      const rule = decideArtifact(compiled, tree.path, file);
      if (rule !== undefined) out.push(selectMod(tree.path, scopeDest(tree.path, scope), rule));
    }
  }
  return out;
}

/** A section's `gen:` entries (built-in first, then `generated`) and the test for a DEST. */
export interface CompiledGenerated {
  entries: GenEntry[];
  /** The first gen entry whose DEST (or glob) covers `dest`. */
  match(dest: string): GenEntry | undefined;
}

/** Step 8: compile a section's `gen:` lines (shared by expansion and `explain`). */
export function compileGenerated(
  generated: readonly PatternSource[],
  builtinGen: readonly GenEntry[],
  file: string,
): CompiledGenerated {
  const entries: GenEntry[] = [...builtinGen];
  for (const source of generated) {
    entries.push({ kind: 'gen', dest: source.pattern, rule: configRule(source, file) });
  }
  // Literal DESTs are a set lookup; only globs are tried one by one (every file is matched).
  const literal = new Map<string, GenEntry>();
  const globs: { entry: GenEntry; test: (path: string) => boolean }[] = [];
  for (const entry of entries) {
    if (isGlob(entry.dest)) globs.push({ entry, test: compileGenGlob(entry.dest) });
    else if (!literal.has(entry.dest)) literal.set(entry.dest, entry);
  }
  return {
    entries,
    match(dest) {
      // The first entry in declaration order wins, as when all were tried in order.
      const hit = literal.get(dest);
      for (const glob of globs) {
        if (hit !== undefined && entries.indexOf(hit) < entries.indexOf(glob.entry)) break;
        if (glob.test(dest)) return glob.entry;
      }
      return hit;
    },
  };
}

/** Step 9: the `rewritten` rule that makes a SRC an `alt:` line, or undefined. */
export type RewriteTest = (src: string) => RuleRef | undefined;

/**
 * Step 9: compile a target's `rewritten` patterns (shared by expansion and `explain`); undefined
 * when the list is empty, so that expansion tests nothing per file.
 */
export function compileRewritten(
  rewritten: readonly PatternSource[],
  file: string,
  backend: readonly BackendPattern[] = [],
): RewriteTest | undefined {
  if (rewritten.length === 0 && backend.length === 0) return undefined;
  const list = rewritten.length === 0 ? undefined : compilePatternList(rewritten);
  // The backend's patterns (what the build rewrites whatever the table says) come after the
  // table's own: a pattern of the table that decides a SRC (a negation too) wins.
  const sources = backend.map((b) => ({ pattern: b.pattern, key: b.rule.key ?? '' }));
  const known = backend.length === 0 ? undefined : compilePatternList(sources);
  return (src) => {
    if (list !== undefined) {
      const hit = list.test(src);
      if (hit.source !== undefined) return hit.matched ? configRule(hit.source, file) : undefined;
    }
    if (known === undefined) return undefined;
    const hit = known.test(src);
    return hit.matched && hit.source ? backend[sources.indexOf(hit.source)]?.rule : undefined;
  };
}

/**
 * Steps 8–9 for the files of a section: `ordered` as `mod:` entries (`alt:` where `rewritten`
 * matches the SRC), less those a `gen:` line covers and duplicates (the same SRC twice, or a
 * DEST_CONFLICT pushed onto `errors`). Undefined when `ordered` is not sorted by DEST (the caller
 * sorts it and asks again).
 * @param literals the literal gen DESTs, sorted
 * @param gens the compiled gen lines when some are globs (tried on every file), else undefined
 * @param rewritten the compiled `rewritten` list, undefined when empty
 */
function collectMods(
  target: Target,
  ordered: readonly Selected[],
  literals: readonly string[],
  gens: CompiledGenerated | undefined,
  rewritten: RewriteTest | undefined,
  file: string,
  errors: ManifestError[],
): SourcedEntry[] | undefined {
  const mods: SourcedEntry[] = [];
  const conflicts: ManifestError[] = [];
  let previous: SourcedEntry | undefined;
  let last: string | undefined;
  let next = 0;
  for (let i = 0; i < ordered.length; i++) {
    const item = ordered[i]!;
    const dest = item.dest;
    if (last !== undefined && comparePaths(last, dest) > 0) return undefined;
    last = dest;
    while (next < literals.length && comparePaths(literals[next]!, dest) < 0) next++;
    if (next < literals.length && literals[next] === dest) continue;
    if (gens !== undefined && gens.match(dest) !== undefined) continue;
    if (previous !== undefined && previous.dest === dest) {
      if (previous.src === item.src) continue;
      conflicts.push(
        new ManifestError(
          'DEST_CONFLICT',
          `[${target}] both ${previous.src} and ${item.src} would be written to ${dest}`,
          {
            file,
            ...(item.rule.key !== undefined ? { keyPath: item.rule.key } : {}),
            ...(item.rule.line !== undefined ? { line: item.rule.line } : {}),
            hint: 'exclude one of them, or map it to another destination',
          },
        ),
      );
      continue;
    }
    const rewrite = rewritten?.(item.src);
    // Selections made by selectByRules are shaped as mod entries already: keep the object.
    if (rewrite !== undefined) {
      previous = { kind: 'alt', src: item.src, dest, rule: item.rule, rewrite };
    } else {
      previous =
        (item as Partial<ModEntry>).kind === 'mod'
          ? (item as ModEntry)
          : { kind: 'mod', src: item.src, dest, rule: item.rule };
    }
    mods.push(previous);
  }
  errors.push(...conflicts);
  return mods;
}

/**
 * Steps 8–10: fold in `generated` and `rewritten`, add dir lines, check for conflicts, sort.
 *
 * Per-file work is kept to a minimum (this runs on every file of the project): the selected files
 * are sorted by DEST (cheap: they arrive almost sorted, from the sorted walk), so duplicates are
 * neighbours and no map of every DEST is built; a file's directories are derived only when its
 * parent differs from the previous file's; the few gen and dir lines are sorted on their own and
 * merged in.
 */
function finishSection(
  target: Target,
  selected: Selected[],
  rules: TargetRules,
  builtinGen: readonly GenEntry[],
  backendRewritten: readonly BackendPattern[],
  file: string,
  errors: ManifestError[],
): ManifestEntry[] {
  const gens = compileGenerated(rules.generated, builtinGen, file);
  const rewritten = compileRewritten(rules.rewritten, file, backendRewritten);
  // `gens.match(dest) !== undefined`, without a lookup per file: the literal DESTs (few) are
  // walked alongside the sorted files; only glob DESTs are tried on each file.
  const literals = gens.entries
    .filter((gen) => !isGlob(gen.dest))
    .map((gen) => gen.dest)
    .sort(comparePaths);
  const globGens = gens.entries.some((gen) => isGlob(gen.dest)) ? gens : undefined;
  // The selections arrive sorted by DEST nearly always (from the sorted walk): check the order in
  // the same pass that finds duplicates, and sort only when it fails.
  let mods = collectMods(target, selected, literals, globGens, rewritten, file, errors);
  if (mods === undefined) {
    const ordered = sortByPath(selected.slice(), (item) => item.dest);
    mods = collectMods(target, ordered, literals, globGens, rewritten, file, errors)!;
  }
  // One gen line per DEST (the last declared), and no mod shares one: match() dropped those.
  const byGenDest = new Map<string, GenEntry>();
  for (const gen of gens.entries) byGenDest.set(gen.dest, gen);
  const others: ManifestEntry[] = [...byGenDest.values()];
  const genDests: ReadonlySet<string> = new Set(byGenDest.keys());
  const dirs = new Set<string>();
  const addDirs = (dest: string, end: number): void => {
    // Walk up one directory at a time; an ancestor already seen has all of its own ancestors.
    while (end > 0) {
      const dir = dest.slice(0, end);
      if (dirs.has(dir)) break;
      dirs.add(dir);
      end = lastSlash(dest, end - 1);
    }
  };
  // A gen glob's directories are its literal leading segments (MANIFEST-FORMAT.md §4.5).
  for (const gen of others)
    addDirs(gen.dest, isGlob(gen.dest) ? literalPrefixEnd(gen.dest) : gen.dest.lastIndexOf('/'));
  let parent = '';
  for (let i = 0; i < mods.length; i++) {
    const dest = mods[i]!.dest;
    const end = lastSlash(dest, dest.length - 1);
    // Same parent as the previous file (the common case in sorted order): nothing new.
    if (end === parent.length && end > 0 && dest.startsWith(parent)) continue;
    addDirs(dest, end);
    parent = end > 0 ? dest.slice(0, end) : '';
  }
  for (const dir of dirs) if (!genDests.has(dir)) others.push({ kind: 'dir', dest: dir });
  sortByPath(others, (entry) => entry.dest);
  // A dir line whose DEST is a file's is found where the merge places it; the errors follow the
  // order in which the directories were found, gen lines' first.
  const clashes = new Set<string>();
  const merged = mergeByDest(mods, others, (dir) => clashes.add(dir));
  for (const dir of dirs) {
    if (genDests.has(dir) || clashes.has(dir)) errors.push(bothFileAndDir(target, dir, file));
  }
  return merged;
}

function bothFileAndDir(target: Target, dir: string, file: string): ManifestError {
  return new ManifestError(
    'DEST_CONFLICT',
    `[${target}] ${dir} would be both a file and a directory`,
    {
      file,
      hint: 'rename the file or the directory, or exclude one of them',
    },
  );
}

/**
 * The index of the last `/` in `path` at or before `from`, or -1. A loop rather than
 * `lastIndexOf`, which V8 runs out of line: this runs on every file.
 */
function lastSlash(path: string, from: number): number {
  let i = from;
  while (i >= 0 && path.charCodeAt(i) !== 0x2f) i--;
  return i;
}

/**
 * Merge `a` (the files) and the much shorter `b` (gen and dir lines), both sorted by DEST, into one.
 * Each line of `b` finds its place by galloping from the previous one, so most files are copied
 * without a comparison. A line of `b` with the DEST of a file is left out and passed to `clash`.
 */
function mergeByDest(
  a: readonly ManifestEntry[],
  b: readonly ManifestEntry[],
  clash: (dest: string) => void,
): ManifestEntry[] {
  if (b.length === 0) return a.slice();
  const out: ManifestEntry[] = [];
  let i = 0;
  for (const line of b) {
    const dest = line.dest;
    // The first index from i whose DEST sorts after `dest`: gallop, then bisect.
    let low = i;
    let step = 1;
    let high = i;
    while (high < a.length && comparePaths(a[high]!.dest, dest) < 0) {
      low = high + 1;
      high += step;
      step *= 2;
    }
    if (high > a.length) high = a.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (comparePaths(a[mid]!.dest, dest) < 0) low = mid + 1;
      else high = mid;
    }
    while (i < low) out.push(a[i++]!);
    if (low < a.length && a[low]!.dest === dest) clash(dest);
    else out.push(line);
  }
  while (i < a.length) out.push(a[i++]!);
  return out;
}

/** The end of a glob's literal leading directories: the `/` before its first glob segment, or -1. */
function literalPrefixEnd(glob: string): number {
  const segments = glob.split('/');
  const index = segments.findIndex((s) => isGlob(s));
  const count = index === -1 ? segments.length - 1 : index;
  return count === 0 ? -1 : segments.slice(0, count).join('/').length;
}

/**
 * Step 7 for the sdist: `pyproject.toml`, the `[project]` readme and license files, whatever
 * steps 3–6 said. A named file that does not exist is an error, pushed onto `errors`.
 * @param allSdistFiles the files the walker listed (license-files globs match among them)
 */
export function collectForcedSdist(
  config: RulesConfig,
  explicit: ReadonlyMap<string, 'file' | 'symlink' | 'dir' | 'missing'>,
  allSdistFiles: readonly string[],
  errors: ManifestError[],
): Selected[] {
  const file = config.file;
  const forced: Selected[] = [
    {
      src: PYPROJECT,
      dest: PYPROJECT,
      rule: { kind: 'default', source: file, pattern: PYPROJECT },
    },
  ];
  const project = config.project;
  if (project.readme) {
    const kind = explicit.get(project.readme.path);
    if (kind === 'file' || kind === 'symlink') {
      forced.push({
        src: project.readme.path,
        dest: project.readme.path,
        rule: {
          kind: 'project',
          source: file,
          key: project.readme.key,
          pattern: project.readme.path,
        },
      });
    } else {
      errors.push(
        new ManifestError(
          'CONFIG_MISSING_FILE',
          `the readme ${project.readme.path} does not exist`,
          {
            file,
            keyPath: project.readme.key,
            hint: 'create the file or fix the path in [project]',
          },
        ),
      );
    }
  }
  for (const license of project.licenseFiles) {
    if (license.glob) {
      const matcher = compileGlobList([{ pattern: license.pattern, key: license.key }]);
      const hits = allSdistFiles.filter((p) => matcher.test(p).matched);
      if (hits.length === 0) {
        // PEP 639: a license-files glob that matches nothing is an error.
        errors.push(
          new ManifestError(
            'CONFIG_MISSING_FILE',
            `license-files pattern ${license.pattern} matches no file`,
            {
              file,
              keyPath: license.key,
              hint: 'fix the pattern or add the license file',
            },
          ),
        );
      }
      for (const hit of hits) {
        forced.push({
          src: hit,
          dest: hit,
          rule: { kind: 'project', source: file, key: license.key, pattern: license.pattern },
        });
      }
    } else {
      const kind = explicit.get(license.pattern);
      if (kind === 'file' || kind === 'symlink') {
        forced.push({
          src: license.pattern,
          dest: license.pattern,
          rule: { kind: 'project', source: file, key: license.key, pattern: license.pattern },
        });
      } else {
        errors.push(
          new ManifestError(
            'CONFIG_MISSING_FILE',
            `the license file ${license.pattern} does not exist`,
            {
              file,
              keyPath: license.key,
              hint: 'create the file or fix the path in [project]',
            },
          ),
        );
      }
    }
  }
  return forced;
}

/**
 * Step 7 for the wheel: each `map` pair, whatever steps 3–6 said. A source that is not a file is
 * an error, pushed onto `errors`.
 */
export function collectMapped(
  config: RulesConfig,
  explicit: ReadonlyMap<string, 'file' | 'symlink' | 'dir' | 'missing'>,
  errors: ManifestError[],
  escaping: ReadonlySet<string> = new Set(),
): Selected[] {
  const file = config.file;
  const out: Selected[] = [];
  for (const pair of config.wheel.map) {
    const kind = explicit.get(pair.src);
    if (escaping.has(pair.src)) {
      errors.push(
        new ManifestError(
          'CONFIG_INVALID_VALUE',
          `the map source ${pair.src} is reached through a symlink that leads outside the project`,
          {
            file,
            keyPath: pair.key,
            hint: 'map a file inside the project (copy it in, or map the file itself)',
          },
        ),
      );
      continue;
    }
    if (kind !== 'file' && kind !== 'symlink') {
      errors.push(
        new ManifestError(
          'CONFIG_MISSING_FILE',
          `map source ${pair.src} ${kind === 'dir' ? 'is a directory, not a file' : 'does not exist'}`,
          {
            file,
            keyPath: pair.key,
            ...(pair.line !== undefined ? { line: pair.line } : {}),
            hint: 'map files one by one, each to its DEST',
          },
        ),
      );
      continue;
    }
    out.push({
      src: pair.src,
      dest: pair.dest,
      rule: {
        kind: 'config',
        source: file,
        key: pair.key,
        pattern: `${pair.src} -> ${pair.dest}`,
        ...(pair.line !== undefined ? { line: pair.line } : {}),
      },
    });
  }
  return out;
}

/** The backend's `gen:` lines of one target (step 8), after the built-in ones. */
export function createBackendGens(backend: BackendRules | undefined, target: Target): GenEntry[] {
  return (backend?.generated[target] ?? []).map((g) => ({
    kind: 'gen',
    dest: g.pattern,
    rule: g.rule,
  }));
}

/**
 * The literal text every path a gitignore pattern matches starts with, or undefined when it may
 * match at any depth (no `/` but a trailing one). Negations start nothing.
 */
function literalLead(pattern: string): string | undefined {
  const body = pattern.replace(/\/+$/, '');
  const anchored = body.startsWith('/') || body.includes('/');
  if (!anchored) return undefined;
  const inner = body.startsWith('/') ? body.slice(1) : body;
  const glob = inner.search(/[*?[\\]/);
  return glob === -1 ? inner : inner.slice(0, glob);
}

/**
 * Step 7 for the backend: the listed files its forced patterns (one ordered list) match, in
 * scope, with the pattern that decided. Only the ranges of the sorted listing that an anchored
 * pattern's literal lead allows are tested, so a root-level pattern costs a lookup, not a pass.
 */
export function collectBackendForced(
  patterns: readonly BackendPattern[],
  files: readonly TreeFile[],
  inScope: ScopeTest,
): Selected[] {
  if (patterns.length === 0) return [];
  const list = compilePatternList(patterns.map((p, i) => ({ pattern: p.pattern, key: String(i) })));
  const leads = patterns
    .filter((p) => !p.pattern.startsWith('!'))
    .map((p) => literalLead(p.pattern));
  const candidates: TreeFile[] = [];
  // One push per file: a spread passes each as an argument, and past ~150,000 overflows.
  if (leads.some((lead) => lead === undefined)) for (const file of files) candidates.push(file);
  else {
    const seen = new Set<number>();
    for (const lead of leads as string[]) {
      let low = 0;
      let high = files.length;
      while (low < high) {
        const mid = (low + high) >>> 1;
        if (comparePaths(files[mid]!.path, lead) < 0) low = mid + 1;
        else high = mid;
      }
      for (let i = low; i < files.length && files[i]!.path.startsWith(lead); i++) {
        if (!seen.has(i)) candidates.push(files[i]!);
        seen.add(i);
      }
    }
  }
  const out: Selected[] = [];
  for (const file of candidates) {
    const scope = inScope(file.path);
    if (scope === undefined) continue;
    const hit = list.test(file.path);
    if (!hit.matched || hit.source === undefined) continue;
    out.push({
      src: file.path,
      dest: scopeDest(file.path, scope),
      rule: patterns[Number(hit.source.key)]!.rule,
    });
  }
  return out;
}

/** The sdist's built-in `gen: PKG-INFO` (step 8). */
export function createPkgInfoGen(file: string): GenEntry {
  return {
    kind: 'gen',
    dest: 'PKG-INFO',
    rule: { kind: 'default', source: file, pattern: 'PKG-INFO' },
  };
}

/** Whether `selected[0..count)` (sorted by SRC, or not: then scanned) has a file `src`. */
function hasSrc(selected: readonly Selected[], count: number, src: string): boolean {
  let low = 0;
  let high = count - 1;
  while (low <= high) {
    const mid = (low + high) >>> 1;
    const order = comparePaths(selected[mid]!.src, src);
    if (order === 0) return true;
    if (order < 0) low = mid + 1;
    else high = mid - 1;
  }
  // Not found by bisection: only conclusive when the list is sorted, which the walk guarantees but
  // a caller of expandRules might not; a linear scan settles it.
  for (let i = 0; i < count; i++) if (selected[i]!.src === src) return true;
  return false;
}

/** Whether sorted `items` hold `path`, or a path below it (`path/…`). */
function holdsPathOrBelow(items: readonly { path: string }[], path: string): boolean {
  const below = `${path}/`;
  // Paths below `path` sort together, right after `path/`; `path` itself may come earlier (`path.x`
  // and `path-x` sort between them), so it is looked up on its own.
  for (const key of [path, below]) {
    let low = 0;
    let high = items.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (comparePaths(items[mid]!.path, key) < 0) low = mid + 1;
      else high = mid;
    }
    const found = items[low]?.path;
    if (found === path || found?.startsWith(below) === true) return true;
  }
  return false;
}

/**
 * Listed `packages` that are not in the tree at all (neither listed nor ignored): a typo would
 * otherwise give an empty `[wheel]` without a word (issue #12).
 */
function findMissingPackages(
  scope: WheelScope,
  listing: TreeListing,
  file: string,
): ManifestError[] {
  const prefix = scope.packagesDir === '' ? '' : `${scope.packagesDir}/`;
  const errors: ManifestError[] = [];
  for (const pkg of scope.packages) {
    const path = `${prefix}${pkg.path}`;
    if (holdsPathOrBelow(listing.files, path) || holdsPathOrBelow(listing.ignored, path)) continue;
    // An ignored ancestor directory hides the package (the walk never entered it): it may exist.
    const ancestors = path.split('/').map((_, i, parts) => parts.slice(0, i).join('/'));
    if (ancestors.some((dir) => dir !== '' && listing.ignored.some((i) => i.dir && i.path === dir)))
      continue;
    errors.push(
      new ManifestError(
        'CONFIG_PACKAGE_NOT_FOUND',
        `the package ${pkg.path} is not in the tree: no file ${path}, and none below ${path}/`,
        {
          file,
          // No line: the api locates the key, with its column.
          ...(pkg.rule.key !== undefined ? { keyPath: pkg.rule.key } : {}),
          hint: 'name a package directory or module file (relative to packages-dir), or remove the entry',
        },
      ),
    );
  }
  return errors;
}

/**
 * Expand the rules against what the walker saw.
 * @throws ManifestError / ManifestErrors for problems only expansion can see (a missing readme, a
 *   map source that does not exist, two sources for one DEST, no wheel package found)
 */
export function expandRules(config: RulesConfig, inputs: ExpandInputs): ExpandResult {
  const file = config.file;
  const errors: ManifestError[] = [];

  // sdist: scope is the whole project; DEST equals SRC.
  const sdistScope = createSdistScopeTest(file);
  const sdistSelected = selectByRules(
    config.sdist,
    file,
    sdistScope,
    inputs.sdist,
    sdistScope('')!.rule,
  );
  // The list of every path only when a license-files glob needs it.
  const forced = collectForcedSdist(
    config,
    inputs.explicit,
    config.project.licenseFiles.some((license) => license.glob)
      ? inputs.sdist.listing.files.map((f) => f.path)
      : [],
    errors,
  );
  // The forced files are few: look each up among the selected ones (sorted by SRC, from the sorted
  // walk, with SRC = DEST), rather than building a set of every selected path.
  const selectedCount = sdistSelected.length;
  const backendForced = collectBackendForced(
    inputs.backend?.forced.sdist ?? [],
    inputs.sdist.listing.files,
    sdistScope,
  );
  for (const item of [...forced, ...backendForced]) {
    if (!hasSrc(sdistSelected, selectedCount, item.src)) sdistSelected.push(item);
  }

  // wheel: scope is the packages below packages-dir; DEST drops the packages-dir prefix.
  // The listed paths as a set without hashing every one (package detection asks about a few):
  // TreeListing guarantees them sorted.
  const wheelFiles = new SortedPathSet(inputs.wheel.listing.files, (f) => f.path);
  let wheelScope: WheelScope = { packagesDir: '', packages: [] };
  let wheelSelected: Selected[] = [];
  try {
    wheelScope = resolveWheelScope(config, wheelFiles);
    if (config.wheel.packages !== undefined)
      errors.push(...findMissingPackages(wheelScope, inputs.wheel.listing, file));
    const wheelScopeTest = createWheelScopeTest(wheelScope);
    wheelSelected = selectByRules(config.wheel, file, wheelScopeTest, inputs.wheel);
    const wheelCount = wheelSelected.length;
    for (const item of collectBackendForced(
      inputs.backend?.forced.wheel ?? [],
      inputs.wheel.listing.files,
      wheelScopeTest,
    )) {
      if (!hasSrc(wheelSelected, wheelCount, item.src)) wheelSelected.push(item);
    }
    wheelSelected.push(...collectMapped(config, inputs.explicit, errors, inputs.escaping));
  } catch (error) {
    if (error instanceof ManifestError) errors.push(error);
    else throw error;
  }

  const pkgInfo = createPkgInfoGen(file);
  const sdist = finishSection(
    'sdist',
    sdistSelected,
    config.sdist,
    [pkgInfo, ...createBackendGens(inputs.backend, 'sdist')],
    inputs.backend?.rewritten.sdist ?? [],
    file,
    errors,
  );
  const wheel = finishSection(
    'wheel',
    wheelSelected,
    config.wheel,
    createBackendGens(inputs.backend, 'wheel'),
    inputs.backend?.rewritten.wheel ?? [],
    file,
    errors,
  );
  throwCollected(errors);
  return { manifest: { version: 1, sdist, wheel }, wheelScope };
}
