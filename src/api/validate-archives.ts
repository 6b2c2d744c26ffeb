/**
 * validate with archives: each built sdist or wheel against its section of the committed manifest.
 *
 * The kind of each archive is recognised from its bytes (src/archive/open.ts). Bytes of `mod:`
 * members are compared with the tree files now (hashed once per source, streamed) unless
 * `namesOnly`. Archives are read one at a time, streamed, never unpacked.
 */
import { checkArchive } from '../archive/check.js';
import { hashTreeFiles, linkedDirectoryFiles } from '../archive/hash-tree.js';
import { readArchive } from '../archive/open.js';
import type { ArchiveListing } from '../archive/types.js';
import { parse } from 'smol-toml';
import { findBackend } from '../backends/registry.js';
import type { Finding, Manifest, Target } from '../manifest/types.js';
import { isAbsolute, join } from 'node:path';
import { manifestTableKey } from '../rules/manifest-table.js';
import { loadProject, type LoadedProject, type ProjectOptions } from './project.js';
import { readCommittedManifest } from './read-manifest.js';

export interface ValidateArchivesOptions extends ProjectOptions {
  /** Paths of built `.tar.gz` sdists and `.whl` wheels (absolute, or relative to `root`). */
  archives: readonly string[];
  /**
   * Compare member names only; skip comparing bytes with the tree.
   * @default false
   */
  namesOnly?: boolean;
  /** Called before each archive is read (the CLI shows progress on a terminal). */
  onArchive?: (file: string, index: number, count: number) => void;
  /**
   * The committed manifest, already read (e.g. `validateTree(…).manifest`): not read and parsed
   * again.
   * @default undefined (read from the project's manifest file)
   */
  manifest?: Manifest;
}

export interface ArchiveResult {
  file: string;
  kind: ArchiveListing['kind'];
  members: number;
  findings: Finding[];
}

export interface ValidateArchivesResult {
  manifestFile: string;
  /**
   * Whether pyproject.toml has a `[tool.manifest]` table (without one, `manifest init ARCHIVE...`
   * can take the rules from the archives).
   */
  hasTable: boolean;
  archives: ArchiveResult[];
}

/**
 * Check built archives against the committed manifest.
 * @example const { archives } = await validateArchives({ root, archives: ['dist/proj-1.0.tar.gz'] });
 * @throws ManifestError for an unreadable, corrupt or unsupported archive, or a bad manifest
 */
export async function validateArchives(
  options: ValidateArchivesOptions,
): Promise<ValidateArchivesResult> {
  const project = loadProject(options);
  const manifest = options.manifest ?? readCommittedManifest(project).manifest;
  const checker = createListingChecker(project, manifest, options.namesOnly === true);
  const results: ArchiveResult[] = [];
  for (const [index, file] of options.archives.entries()) {
    options.onArchive?.(file, index, options.archives.length);
    const listing = await readArchive(isAbsolute(file) ? file : join(project.root, file), {
      namesOnly: options.namesOnly === true,
    });
    results.push({ ...(await checker(listing)), file });
  }
  return {
    manifestFile: project.manifestFile,
    hasTable: project.config.hasTable,
    archives: results,
  };
}

/**
 * A checker of archive listings against `manifest` (each against its section), with the bytes of
 * `mod:` members compared with the tree files (hashed once per source) unless `namesOnly`.
 * Shared by validate and by init from archives, which checks the table it is about to write.
 */
export function createListingChecker(
  project: LoadedProject,
  manifest: Manifest,
  namesOnly: boolean,
): (listing: ArchiveListing) => Promise<ArchiveResult> {
  const { name, version } = project.config.project;
  const hashes = new Map<string, string>();
  const current = {
    manifestFile: project.manifestFile,
    manifestTable: manifestTableKey(project.pyprojectText),
  };
  // Where the backend itself leaves files out, for the hint of a file the build ships unlisted.
  let excludeSetting: Readonly<Record<Target, string>> | undefined;
  try {
    excludeSetting = findBackend(parse(project.pyprojectText))?.excludeSetting;
  } catch {
    excludeSetting = undefined;
  }
  return async (listing) => {
    const section = listing.kind === 'sdist' ? manifest.sdist : manifest.wheel;
    // Sources that are symlinks to directories (§15.3), with their files the archive names.
    const linkedDirs = linkedDirectoryFiles(
      project.root,
      section,
      listing.entries.flatMap((e) => (e.kind === 'dir' ? [] : [e.relPath])),
    );
    if (!namesOnly) {
      // Only the sources of members the archive has: their bytes are what is compared, and a
      // manifest of a million missing files opened each of them (issue #12). A `{data}/` DEST is
      // named otherwise in a wheel, and always hashed.
      const members = new Set(listing.entries.map((e) => e.relPath));
      const wanted: string[] = [];
      for (const e of section) {
        if (e.kind !== 'mod' || hashes.has(e.src)) continue;
        if (members.has(e.dest) || e.dest.startsWith('{data}')) wanted.push(e.src);
      }
      for (const [src, files] of linkedDirs)
        for (const rest of files) if (!hashes.has(`${src}/${rest}`)) wanted.push(`${src}/${rest}`);
      for (const [src, digest] of await hashTreeFiles(project.root, wanted))
        hashes.set(src, digest);
    }
    const findings = checkArchive(listing, section, {
      ...(linkedDirs.size > 0 ? { linkedDirs } : {}),
      ...(namesOnly ? { namesOnly: true } : { treeHashes: hashes }),
      ...(name !== undefined && version !== undefined ? { project: { name, version } } : {}),
      current,
    });
    const setting = excludeSetting?.[listing.kind];
    if (setting !== undefined) {
      for (const finding of findings)
        if (finding.code === 'ARCHIVE_EXTRA_FILE') finding.args.backendExclude = setting;
    }
    return { file: listing.file, kind: listing.kind, members: listing.entries.length, findings };
  };
}
