/**
 * Reading the committed manifest: the text as on disk and its parse.
 */
import { parseManifest } from '../manifest/parse.js';
import type { Manifest } from '../manifest/types.js';
import { readTextFile } from '../tree/project.js';
import type { LoadedProject } from './project.js';

export interface CommittedManifest {
  text: string;
  manifest: Manifest;
}

/**
 * Read and parse the project's manifest file.
 * @throws ManifestError MANIFEST_NOT_FOUND (hint: run `manifest generate`), or the parser's errors
 */
export function readCommittedManifest(project: LoadedProject): CommittedManifest {
  const text = readManifestText(project);
  return { text, manifest: parseManifest(text, project.manifestFile) };
}

/**
 * Read the project's manifest file, unparsed.
 * @throws ManifestError MANIFEST_NOT_FOUND (hint: run `manifest generate`), FILE_UNREADABLE
 */
export function readManifestText(project: LoadedProject): string {
  return readTextFile(
    project.manifestPath,
    project.manifestFile,
    'MANIFEST_NOT_FOUND',
    'run `manifest generate` to create it',
  );
}
