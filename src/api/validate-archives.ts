/**
 * validate with archives: each built sdist or wheel against its section of the committed manifest.
 *
 * The kind of each archive is recognised from its bytes (src/archive/open.ts). Bytes of `mod:`
 * members are compared with the tree files now (hashed once per source, streamed) unless
 * `namesOnly`. Archives are read one at a time, streamed, never unpacked.
 */
import { checkArchive } from '../archive/check.js';
import { hashTreeFiles } from '../archive/hash-tree.js';
import { readArchive } from '../archive/open.js';
import type { ArchiveListing } from '../archive/types.js';
import type { Finding } from '../manifest/types.js';
import { isAbsolute, join } from 'node:path';
import { loadProject, type ProjectOptions } from './project.js';
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
}

export interface ArchiveResult {
  file: string;
  kind: ArchiveListing['kind'];
  members: number;
  findings: Finding[];
}

export interface ValidateArchivesResult {
  manifestFile: string;
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
  const { manifest } = readCommittedManifest(project);
  const { name, version } = project.config.project;
  const hashes = new Map<string, string>();
  const results: ArchiveResult[] = [];
  for (const [index, file] of options.archives.entries()) {
    options.onArchive?.(file, index, options.archives.length);
    const listing = await readArchive(isAbsolute(file) ? file : join(project.root, file));
    const section = listing.kind === 'sdist' ? manifest.sdist : manifest.wheel;
    if (!options.namesOnly) {
      const wanted = section.flatMap((e) =>
        e.kind === 'mod' && !hashes.has(e.src) ? [e.src] : [],
      );
      for (const [src, digest] of await hashTreeFiles(project.root, wanted))
        hashes.set(src, digest);
    }
    const findings = checkArchive(listing, section, {
      ...(options.namesOnly ? { namesOnly: true } : { treeHashes: hashes }),
      ...(name !== undefined && version !== undefined ? { project: { name, version } } : {}),
    });
    results.push({ file, kind: listing.kind, members: listing.entries.length, findings });
  }
  return { manifestFile: project.manifestFile, archives: results };
}
