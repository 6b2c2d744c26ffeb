/**
 * diff: the committed manifest text against what `update` would write. Structured result; the CLI
 * renders it as a unified diff.
 */
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
  return {
    manifestFile: project.manifestFile,
    before: before ?? '',
    after: fresh.text,
    exists: before !== undefined,
    changed: before !== fresh.text,
  };
}
