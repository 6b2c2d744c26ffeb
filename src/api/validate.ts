/**
 * validate: the committed manifest against what the rules produce from the tree now, plus the
 * manifest's own consistency (dir lines, the sdist→wheel chain, canonical form).
 *
 * Findings are returned, never thrown; bad input (no manifest, an unparsable one, a broken
 * pyproject.toml) throws ManifestError.
 */
import { checkCanonical, checkManifest } from '../manifest/check.js';
import { compareManifests } from '../manifest/compare.js';
import type { Finding } from '../manifest/types.js';
import { statPaths } from '../tree/stat.js';
import { expandProject, type GenerateOptions } from './generate.js';
import { readCommittedManifest } from './read-manifest.js';

export type ValidateOptions = GenerateOptions;

export interface ValidateResult {
  /** Project-relative manifest path. */
  manifestFile: string;
  findings: Finding[];
}

/**
 * Check the committed manifest against the tree.
 * @example const { findings } = validateTree({ root }); if (findings.length) …
 */
export function validateTree(options: ValidateOptions): ValidateResult {
  const fresh = expandProject(options);
  const { project } = fresh;
  const committed = readCommittedManifest(project);
  const sources = new Set<string>();
  for (const section of [committed.manifest.sdist, committed.manifest.wheel]) {
    for (const entry of section) if (entry.kind === 'mod') sources.add(entry.src);
  }
  const existing = new Set<string>();
  for (const [path, kind] of statPaths(project.root, sources))
    if (kind === 'file' || kind === 'symlink') existing.add(path);
  const findings = compareManifests(
    committed.manifest,
    fresh.manifest,
    project.manifestFile,
    existing,
  );
  // Dir-line problems already show as stale or unlisted dir: lines above; keep the rest.
  for (const finding of checkManifest(committed.manifest, project.manifestFile)) {
    if (finding.code !== 'DIR_ENTRY_MISSING' && finding.code !== 'DIR_ENTRY_EXTRA')
      findings.push(finding);
  }
  findings.push(...checkCanonical(committed.text, committed.manifest, project.manifestFile));
  return { manifestFile: project.manifestFile, findings };
}
