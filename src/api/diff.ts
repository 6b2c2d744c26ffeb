/**
 * diff: the committed manifest text against what `update` would write. Structured result; the CLI
 * renders it as a unified diff.
 */
import { ManifestError } from '../errors.js';
import { hasFormatLine } from '../manifest/parse.js';
import { readFileIfExists } from '../tree/project.js';
import { generateManifest, type GenerateOptions } from './generate.js';

export type DiffOptions = GenerateOptions;

export interface DiffResult {
  manifestFile: string;
  /** The committed text; '' when there is no manifest yet. */
  before: string;
  /** What `manifest update` would write. */
  after: string;
  /** False when no manifest file exists. */
  exists: boolean;
  changed: boolean;
}

/** Compare the committed manifest with a fresh expansion. Writes nothing. */
export function diffManifest(options: DiffOptions): DiffResult {
  const fresh = generateManifest(options);
  const { project } = fresh;
  const before = readFileIfExists(project.manifestPath, project.manifestFile);
  // A file that is not a manifest (`--manifest README.md`, a symlink to /etc/passwd) is not shown
  // as the old side of a diff: its content is not ours to print, and `update` would not replace
  // it (MANIFEST-FORMAT.md §12; issue #12).
  if (before !== undefined && before !== '' && !hasFormatLine(before)) {
    throw new ManifestError(
      'MANIFEST_VERSION',
      'missing format line (expected "# pyproject-manifest v1" on line 1): the file is not a manifest, and is not shown',
      {
        file: project.manifestFile,
        line: 1,
        column: 1,
        hint: 'check --manifest; `manifest update` replaces only a manifest, an empty file or no file',
      },
    );
  }
  return {
    manifestFile: project.manifestFile,
    before: before ?? '',
    after: fresh.text,
    exists: before !== undefined,
    changed: before !== fresh.text,
  };
}
