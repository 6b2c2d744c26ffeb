/**
 * generate: read the rules, walk the tree, expand, format. Returns the text; writes nothing.
 *
 * The walk runs once per distinct ignore-file setting (normally once for both targets). Artifact
 * patterns may need files that the ignore files hid: ignored files of walked directories are
 * candidates already; ignored directories are walked again (without ignore files) only along the
 * literal leading path of an anchored artifact pattern, so `artifacts = ["*.so"]` never drags in a
 * virtualenv's libraries.
 */
import { ManifestError, ManifestErrors } from '../errors.js';
import { formatManifest } from '../manifest/format.js';
import { locateErrors } from '../rules/toml-locate.js';
import type { Manifest, RuleRef, TreeFile, TreeListing } from '../manifest/types.js';
import type { TargetRules } from '../rules/config.js';
import {
  expandRules,
  listArtifactRoots,
  listExplicitPaths,
  type TargetInputs,
  type WheelScope,
} from '../rules/expand.js';
import { isWriterTemp } from '../fs/atomic-write.js';
import { findEscapingPaths, statPaths } from '../tree/stat.js';
import { createBackendRules, readBackendInput } from './backend.js';
import { probePath, walkTree, walkTreeAsync } from '../tree/walk.js';
import { comparePaths } from '../manifest/order.js';
import {
  loadProject,
  loadProjectPaths,
  type LoadedProject,
  type ProjectOptions,
} from './project.js';

export interface GenerateOptions extends ProjectOptions {
  /**
   * The project's tree, already walked by {@link walkProject} (with the same `root` and
   * `manifestFile`): the call expands the rules against it instead of walking again. A snapshot:
   * walk again after the tree changes.
   * @default undefined (the call walks the tree itself)
   */
  listings?: ProjectListings;
}

/** The walks of a project's tree that an api call needs, made ahead by {@link walkProject}. */
export interface ProjectListings {
  /** The project they were made for. */
  readonly project: LoadedProject;
  /** One listing per distinct `ignore-file` setting of the targets, keyed by that setting. */
  readonly walks: ReadonlyMap<string, TreeListing>;
}

export interface GenerateResult {
  project: LoadedProject;
  /** The expanded manifest; entries carry the rule that decided them. */
  manifest: Manifest;
  /** The canonical text of `manifest` (MANIFEST-FORMAT.md §6). */
  text: string;
  wheelScope: WheelScope;
  /** The walk used for the sdist (all candidate files and what was ignored). */
  listing: TreeListing;
}

function ignoreKey(ignoreFiles: readonly string[] | false): string {
  return ignoreFiles === false ? 'false' : JSON.stringify(ignoreFiles);
}

/** A default rule: what excluded a manifest write's temp file. */
export const WRITER_TEMP_RULE: RuleRef = Object.freeze({
  kind: 'default',
  source: '',
  pattern: "a manifest write's temp file (.<manifest>.<tag>.tmp)",
});

/**
 * A write of the manifest that was killed (SIGKILL) leaves its temp file beside it: it must never
 * be listed, or the next `update` would ship it (issue #12). They sort together, right after
 * `<dir>/.<name>.`, so only that run of the sorted listing is looked at.
 */
function dropWriterTemps(listing: TreeListing, manifestFile: string): void {
  const slash = manifestFile.lastIndexOf('/');
  const name = manifestFile.slice(slash + 1);
  const prefix = `${manifestFile.slice(0, slash + 1)}.${name}.`;
  const files = listing.files;
  let at = lowerBound(files, prefix);
  while (at < files.length && files[at]!.path.startsWith(prefix)) {
    const path = files[at]!.path;
    if (files[at]!.kind === 'file' && isWriterTemp(path.slice(slash + 1), name)) {
      files.splice(at, 1);
      const ignored = listing.ignored;
      ignored.splice(lowerBound(ignored, path), 0, { path, dir: false, rule: WRITER_TEMP_RULE });
    } else at++;
  }
}

/** Whether project-relative `path` is a temp file of a write of `manifestFile` (see dropWriterTemps). */
export function isManifestTemp(path: string, manifestFile: string): boolean {
  const slash = manifestFile.lastIndexOf('/');
  if (path.lastIndexOf('/') !== slash || !path.startsWith(manifestFile.slice(0, slash + 1)))
    return false;
  return isWriterTemp(path.slice(slash + 1), manifestFile.slice(slash + 1));
}

/** The first index of sorted `files` whose path is not before `path`. */
function lowerBound(files: readonly { path: string }[], path: string): number {
  let low = 0;
  let high = files.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (comparePaths(files[mid]!.path, path) < 0) low = mid + 1;
    else high = mid;
  }
  return low;
}

/**
 * The manifest lists itself (it ships in the sdist like any file), but before its first write it
 * does not exist: decide it as the walk would if it did, so the first `generate` already lists it
 * and the next `validate` agrees.
 */
function addManifestFile(
  root: string,
  listing: TreeListing,
  manifestFile: string,
  ignoreFiles: readonly string[] | false,
): void {
  dropWriterTemps(listing, manifestFile);
  // The listing is sorted: find where the manifest is or would be, rather than scan and re-sort.
  const files = listing.files;
  const low = lowerBound(files, manifestFile);
  if (files[low]?.path === manifestFile) return;
  if (statPaths(root, [manifestFile]).get(manifestFile) !== 'missing') return;
  if (probePath(root, manifestFile, { ignoreFiles }).ignored) return;
  files.splice(low, 0, { path: manifestFile, kind: 'file' });
}

/**
 * Walk the project's tree ahead of an api call, reading directories concurrently (walkTreeAsync):
 * the same listings the call would make, faster when the directories are not in the OS cache.
 * Pass the result as `listings` to generateManifest, validateTree, listFiles, updateManifest or
 * diffManifest. Throws what those calls would throw for the project and its tree.
 * @example const listings = await walkProject({ root }); validateTree({ root, listings });
 */
export async function walkProject(options: ProjectOptions): Promise<ProjectListings> {
  const project = loadProject(options);
  const walks = new Map<string, TreeListing>();
  // The same walks, in the same order, as gatherTarget makes: the first error is the same one.
  for (const rules of [project.config.sdist, project.config.wheel]) {
    const key = ignoreKey(rules.ignoreFiles);
    if (walks.has(key)) continue;
    const listing = await walkTreeAsync(project.root, { ignoreFiles: rules.ignoreFiles });
    addManifestFile(project.root, listing, project.manifestFile, rules.ignoreFiles);
    walks.set(key, listing);
  }
  return { project, walks };
}

/** The project of `options`: the one `options.listings` was made for, or loaded now. */
function projectOf(options: GenerateOptions): {
  project: LoadedProject;
  walks: Map<string, TreeListing>;
} {
  const { listings } = options;
  if (listings === undefined) return { project: loadProject(options), walks: new Map() };
  const { project } = listings;
  const requested = loadProjectPaths(options);
  if (requested.root !== project.root || requested.manifestFile !== project.manifestFile) {
    throw new TypeError(
      `listings were made for ${project.root} (${project.manifestFile}), not ${requested.root} (${requested.manifestFile})`,
    );
  }
  return { project, walks: new Map(listings.walks) };
}

function gatherTarget(
  root: string,
  manifestFile: string,
  rules: TargetRules,
  walks: Map<string, TreeListing>,
): TargetInputs {
  const key = ignoreKey(rules.ignoreFiles);
  let listing = walks.get(key);
  if (listing === undefined) {
    listing = walkTree(root, { ignoreFiles: rules.ignoreFiles });
    addManifestFile(root, listing, manifestFile, rules.ignoreFiles);
    walks.set(key, listing);
  }
  const candidates: TreeFile[] = [];
  if (rules.artifacts.length > 0) {
    for (const ignored of listing.ignored) {
      if (!ignored.dir && ignored.rule.kind === 'ignore-file')
        candidates.push({ path: ignored.path, kind: 'file' });
    }
    const ignoredDirs = listing.ignored
      .filter((i) => i.dir && i.rule.kind === 'ignore-file')
      .map((i) => i.path);
    const roots = listArtifactRoots(rules.artifacts, ignoredDirs);
    if (roots.length > 0) {
      const extra = walkTree(root, { ignoreFiles: false, roots });
      for (const file of extra.files) candidates.push(file);
    }
  }
  return { listing, artifactCandidates: candidates };
}

/**
 * Expand the project's rules against its tree.
 * @example const { text } = generateManifest({ root: '/path/to/project' });
 */
export function generateManifest(options: GenerateOptions): GenerateResult {
  const expanded = expandProject(options);
  return { ...expanded, text: formatManifest(expanded.manifest) };
}

/** What `generateManifest` returns, less the formatted text (for callers that never print it). */
export type ExpandProjectResult = Omit<GenerateResult, 'text'>;

/**
 * Expand the project's rules against its tree, without formatting the text: `ls` and `validate`
 * need only the entries.
 */
export function expandProject(options: GenerateOptions): ExpandProjectResult {
  const { project, walks } = projectOf(options);
  const { root, config } = project;
  const sdist = gatherTarget(root, project.manifestFile, config.sdist, walks);
  const wheel = gatherTarget(root, project.manifestFile, config.wheel, walks);
  const explicit = statPaths(root, listExplicitPaths(config));
  const escaping = findEscapingPaths(
    root,
    config.wheel.map.map((pair) => pair.src),
  );
  const backend = createBackendRules(
    readBackendInput(
      root,
      project.pyprojectText,
      sdist.listing.files.map((f) => f.path),
    ),
  );
  let expanded: ReturnType<typeof expandRules>;
  try {
    expanded = expandRules(config, {
      sdist,
      wheel,
      explicit,
      escaping,
      ...(backend !== undefined ? { backend } : {}),
    });
  } catch (error) {
    // Expansion finds some problems (a missing readme, a map source, a DEST conflict) after the
    // TOML was parsed: point them at their key's line too.
    if (error instanceof ManifestErrors) {
      throw new ManifestErrors(locateErrors(error.errors, project.pyprojectText));
    }
    if (error instanceof ManifestError) throw locateErrors([error], project.pyprojectText)[0]!;
    throw error;
  }
  const { manifest, wheelScope } = expanded;
  return { project, manifest, wheelScope, listing: sdist.listing };
}
