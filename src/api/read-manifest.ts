/**
 * Reading the committed manifest: the text as on disk and its parse.
 */
import { ManifestError } from '../errors.js';
import { parseManifest } from '../manifest/parse.js';
import type { Manifest } from '../manifest/types.js';
import { readTextFile } from '../tree/project.js';
import { describeIgnoredFix, findManifestIgnored } from './manifest-ignored.js';
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
 * @throws ManifestError MANIFEST_NOT_FOUND (hint: run `manifest generate`; when git ignores the
 *   file, which is why a fresh clone lacks it, the ignore file's line and the fix), FILE_UNREADABLE
 */
export function readManifestText(project: LoadedProject): string {
  try {
    return readTextFile(
      project.manifestPath,
      project.manifestFile,
      'MANIFEST_NOT_FOUND',
      'run `manifest generate` to create it',
    );
  } catch (error) {
    if (!(error instanceof ManifestError) || error.code !== 'MANIFEST_NOT_FOUND') throw error;
    const ignored = findManifestIgnored(project.root, project.manifestFile);
    if (ignored === undefined) throw error;
    const { rule } = ignored;
    throw new ManifestError('MANIFEST_NOT_FOUND', error.message, {
      file: project.manifestFile,
      hint: `git ignores it (${rule.source}:${rule.line}: ${rule.pattern}), so it was never committed: ${describeIgnoredFix(ignored)}; then run \`manifest generate\` and commit it`,
    });
  }
}
