/**
 * init from built archives (`manifest init ARCHIVE...`): the table whose expansion lists exactly
 * what the given sdist and wheel hold, appended to pyproject.toml, then the manifest.
 *
 * Owns: reading the archives (at most one sdist and one wheel; the kind from the bytes), hashing
 * the tree files they may hold, and then checking the inferred table exactly as `validate` will:
 * the table is expanded from the would-be pyproject.toml text (nothing is written yet), the
 * manifest's own rules are checked, and each archive is checked against its section with the
 * tree's bytes. What still differs is returned as findings, for the user to review. A dry run and
 * a real run compute the same; the real run then writes (append-table.ts).
 * Must not: decide the rules (rules/infer-archive.ts does).
 */
import { isAbsolute, join, relative, sep } from 'node:path';
import { parse } from 'smol-toml';
import { hashTreeFiles } from '../archive/hash-tree.js';
import { readArchive } from '../archive/open.js';
import type { ArchiveListing } from '../archive/types.js';
import { ManifestError } from '../errors.js';
import type { BackendInput } from '../backends/types.js';
import { checkManifest } from '../manifest/check.js';
import { sortByPath } from '../manifest/order.js';
import type { Finding } from '../manifest/types.js';
import { listExplicitPaths } from '../rules/expand.js';
import {
  inferFromArchives,
  type ArchiveContents,
  type ArchiveInference,
} from '../rules/infer-archive.js';
import { statPaths } from '../tree/stat.js';
import { walkTree } from '../tree/walk.js';
import { planAppend, readInitTarget, writeAppended, type InitTarget } from './append-table.js';
import { createBackendRules, findProjectBackend, readBackendInput } from './backend.js';
import { expandProject } from './generate.js';
import { plannedManifestWarnings } from './manifest-ignored.js';
import { loadProjectPaths, loadProjectText, type ProjectOptions } from './project.js';
import type { UpdateResult } from './update.js';
import { createListingChecker } from './validate-archives.js';

export interface InitArchivesOptions extends ProjectOptions {
  /** Built archives: at most one sdist (`.tar.gz`) and one wheel (`.whl`), absolute or relative to `root`. */
  archives: readonly string[];
  /**
   * Infer, check and return the table without writing anything.
   * @default false
   */
  dryRun?: boolean;
}

export interface InitArchivesResult {
  inference: ArchiveInference;
  /** `[build-system].build-backend`, when pyproject.toml names one. */
  backend: string | undefined;
  /** The archives read, as named in `options.archives`. */
  archives: { file: string; kind: 'sdist' | 'wheel'; members: number }[];
  /**
   * What `validate` would still report with the table against these archives, besides the
   * manifest file itself, which archives built before init cannot hold (`manifestShips`).
   */
  unreproduced: Finding[];
  /** Byte offset in pyproject.toml where the appended text starts (the old file's length). */
  insertedAt: number;
  /** The text appended to pyproject.toml (a blank line, then the table). */
  appended: string;
  /** The manifest write that followed; undefined with `dryRun`. */
  update: UpdateResult | undefined;
  /** MANIFEST_IGNORED when an ignore file ignores the manifest (also with `dryRun`). */
  warnings: Finding[];
}

/** The file members of a listing, as the inference takes them. */
function contentsOf(listing: ArchiveListing, file: string): ArchiveContents {
  const root = listing.root;
  const members = listing.entries.flatMap((e) => {
    if (e.kind !== 'file' && e.kind !== 'symlink') return [];
    if (listing.kind === 'sdist' && (root === undefined || !e.path.startsWith(`${root}/`)))
      return [];
    return [{ path: e.relPath, sha256: e.sha256 }];
  });
  return { file, kind: listing.kind, members };
}

/** An archive as the table's comment names it: relative to the project, `/`-separated. */
function shownPath(root: string, file: string): string {
  const rel = relative(root, isAbsolute(file) ? file : join(root, file));
  return rel.split(sep).join('/');
}

function basename(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/**
 * Whether the build will ship the manifest file in the sdist: archives built before init cannot
 * show it, so the backend's own configuration, as its profile translates it (the table `manifest
 * init` writes without archives), is expanded with the file there. Undefined when no profile knows
 * the backend, or the translation cannot be expanded.
 */
function shipsManifest(
  options: ProjectOptions,
  target: InitTarget,
  input: BackendInput,
  manifestFile: string,
): boolean | undefined {
  const { profile } = findProjectBackend(input.doc);
  if (profile === undefined) return undefined;
  try {
    const files = input.files.includes(manifestFile)
      ? input.files
      : sortByPath([...input.files, manifestFile], (f) => f);
    const translated = profile.translate({ ...input, files });
    const project = loadProjectText(options, planAppend(target, translated.table).next);
    const { manifest } = expandProject({ ...options, listings: { project, walks: new Map() } });
    return manifest.sdist.some(
      (e) => e.kind !== 'dir' && e.kind !== 'gen' && e.dest === manifestFile,
    );
  } catch {
    return undefined;
  }
}

/**
 * Infer `[tool.manifest]` from built archives, check it against them, append it to
 * pyproject.toml and generate the manifest.
 * @example const { unreproduced } = await initFromArchives({ root, archives: ['dist/p-1.0.tar.gz', 'dist/p-1.0-py3-none-any.whl'] });
 * @throws ManifestError USAGE (no archive, or two of one kind), the archive readers' errors,
 *   CONFIG_TABLE_EXISTS, and what `generate` throws (pyproject.toml is then restored)
 */
export async function initFromArchives(options: InitArchivesOptions): Promise<InitArchivesResult> {
  const target = readInitTarget(options);
  const { root, config } = target;
  const { manifestFile } = loadProjectPaths(options);
  if (options.archives.length === 0) {
    throw new ManifestError('USAGE', 'init from archives needs an sdist or a wheel', {
      hint: 'pass the built files, e.g. `manifest init dist/*`',
    });
  }
  const byKind = new Map<'sdist' | 'wheel', { listing: ArchiveListing; file: string }>();
  for (const file of options.archives) {
    const listing = await readArchive(isAbsolute(file) ? file : join(root, file));
    const other = byKind.get(listing.kind);
    if (other !== undefined) {
      throw new ManifestError(
        'USAGE',
        `init takes one ${listing.kind}, and ${file} is a second one (after ${other.file})`,
        { hint: 'pass one sdist and one wheel built from the same tree' },
      );
    }
    byKind.set(listing.kind, { listing, file });
  }
  const sdist = byKind.get('sdist');
  const wheel = byKind.get('wheel');
  const contents = {
    ...(sdist !== undefined
      ? { sdist: contentsOf(sdist.listing, shownPath(root, sdist.file)) }
      : {}),
    ...(wheel !== undefined
      ? { wheel: contentsOf(wheel.listing, shownPath(root, wheel.file)) }
      : {}),
  };

  const files = walkTree(root, { ignoreFiles: config.sdist.ignoreFiles }).files.map((f) => f.path);
  // The tree files the archives may hold: those named like a member (a wheel member lies below a
  // packages directory, a `.data/` member anywhere).
  const names = new Set<string>();
  for (const side of [contents.sdist, contents.wheel])
    for (const member of side?.members ?? []) names.add(basename(member.path));
  const treeHashes = await hashTreeFiles(
    root,
    files.filter((f) => names.has(basename(f))),
  );
  const backendInput = readBackendInput(root, target.body, files);
  const known = createBackendRules(backendInput);
  const manifestShips = shipsManifest(options, target, backendInput, manifestFile);
  const inference = inferFromArchives({
    config,
    files,
    ...(known !== undefined ? { known } : {}),
    ...(manifestShips !== undefined ? { manifestShips } : {}),
    explicit: statPaths(root, listExplicitPaths(config)),
    treeHashes,
    ...contents,
    manifestFile,
  });
  const planned = planAppend(target, inference.table);

  // Check the table as `validate` will, from the would-be text: the manifest's own rules, then each
  // archive against its section.
  const project = loadProjectText(options, planned.next);
  const { manifest } = expandProject({ ...options, listings: { project, walks: new Map() } });
  const unreproduced = checkManifest(manifest, manifestFile).filter(
    (f) => f.code !== 'DIR_ENTRY_MISSING' && f.code !== 'DIR_ENTRY_EXTRA',
  );
  const check = createListingChecker(project, manifest, false);
  const archives: InitArchivesResult['archives'] = [];
  for (const side of [sdist, wheel]) {
    if (side === undefined) continue;
    const result = await check(side.listing);
    archives.push({ file: side.file, kind: result.kind, members: result.members });
    // Archives built before init predate the table and do not hold the manifest: that is what
    // `validate` says of them once (ARCHIVE_PREDATES_MANIFEST), and no rule can change it.
    unreproduced.push(
      ...result.findings
        .filter(
          (f) =>
            f.code !== 'ARCHIVE_PREDATES_MANIFEST' &&
            !(f.code === 'ARCHIVE_MISSING_FILE' && f.path === manifestFile),
        )
        .map((f) => ({ ...f, file: side.file })),
    );
  }
  const { insertedAt, appended } = planned;
  const buildSystem = (parse(target.body) as { 'build-system'?: { 'build-backend'?: unknown } })[
    'build-system'
  ];
  const backend =
    typeof buildSystem?.['build-backend'] === 'string' ? buildSystem['build-backend'] : undefined;
  const result = { inference, backend, archives, unreproduced, insertedAt, appended };
  if (options.dryRun === true)
    return { ...result, update: undefined, warnings: plannedManifestWarnings(root, manifestFile) };
  const update = writeAppended(target, planned, options);
  return { ...result, update, warnings: update.warnings };
}
