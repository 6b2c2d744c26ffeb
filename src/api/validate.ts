/**
 * validate: the committed manifest against what the rules produce from the tree now, plus the
 * manifest's own consistency (dir lines, the sdist→wheel chain, canonical form).
 *
 * Findings are returned, never thrown; bad input (no manifest, an unparsable one, a broken
 * pyproject.toml) throws ManifestError.
 */
import { checkCanonical, checkFormattedManifest, checkManifest } from '../manifest/check.js';
import { compareManifests } from '../manifest/compare.js';
import { isFormatted, parsedFormat } from '../manifest/format.js';
import { createSortedLookup } from '../manifest/order.js';
import { parseManifest } from '../manifest/parse.js';
import type { Finding, Manifest } from '../manifest/types.js';
import { statPaths } from '../tree/stat.js';
import { expandProject, type GenerateOptions } from './generate.js';
import { checkManifestIgnored } from './manifest-ignored.js';
import { readManifestText } from './read-manifest.js';

export type ValidateOptions = GenerateOptions;

export interface ValidateResult {
  /** Project-relative manifest path. */
  manifestFile: string;
  findings: Finding[];
  /**
   * The committed manifest as its file parses (entries carry their line), for validateArchives'
   * `manifest`. When the file held what the rules produce it was never parsed: this is then built
   * from the fresh entries on first use.
   */
  readonly manifest: Manifest;
}

/**
 * Check the committed manifest against the tree.
 *
 * When the file is exactly the text the rules produce now (the usual case in a pre-commit hook or
 * CI), its parse would be the fresh manifest itself (MANIFEST-FORMAT.md §6: parsing the canonical
 * text gives back the manifest), so comparing finds nothing and the text is canonical: only the
 * whole-manifest checks run, on the fresh entries at their lines, and the file is never parsed.
 * Otherwise it is parsed and compared entry by entry; only the sources of committed entries that
 * the rules no longer select are looked up, and only those the walk did not list are stat'ed.
 * @example const { findings } = validateTree({ root }); if (findings.length) …
 */
export function validateTree(options: ValidateOptions): ValidateResult {
  const fresh = expandProject(options);
  const { project, listing } = fresh;
  const file = project.manifestFile;
  const text = readManifestText(project);
  // A manifest git ignores is not committed: a warning, at the ignore file's line.
  const ignored = checkManifestIgnored(project.root, file);
  const warnings = ignored !== undefined ? [ignored] : [];
  // expandRules returns each section strictly in DEST order: not checked again.
  if (isFormatted(text, fresh.manifest, true)) {
    let parsed: Manifest | undefined;
    return {
      manifestFile: file,
      // Expansion lists exactly the dir lines §4.5 asks for: not checked again.
      findings: [
        ...warnings,
        ...checkFormattedManifest(fresh.manifest, file, { ordered: true, dirLines: false }),
      ],
      get manifest() {
        return (parsed ??= parsedFormat(fresh.manifest, true));
      },
    };
  }
  const committed = parseManifest(text, file);
  // A SRC the walk listed exists (a file or a symlink, as it lists them); any other is stat'ed.
  const listed = createSortedLookup(listing.files, (f) => f.path);
  // A directory found missing: the SRCs below it are missing without asking (a manifest of a
  // million missing files under a thousand missing directories made a million lstat calls, a
  // quarter of `validate`'s time; issue #12). Entries come in DEST order, so one is remembered.
  let missingDir: string | undefined;
  const exists = (src: string): boolean => {
    if (listed(src)) return true;
    if (
      missingDir !== undefined &&
      src.startsWith(missingDir) &&
      src.charCodeAt(missingDir.length) === 0x2f
    )
      return false;
    const kind = statPaths(project.root, [src]).get(src);
    if (kind === 'file' || kind === 'symlink') return true;
    const slash = src.lastIndexOf('/');
    if (kind === 'missing' && slash > 0) {
      const dir = src.slice(0, slash);
      // Only a directory that is not there at all: below a symlink, a path may still exist.
      if (statPaths(project.root, [dir]).get(dir) === 'missing') missingDir = dir;
    }
    return false;
  };
  const findings = [...warnings, ...compareManifests(committed, fresh.manifest, file, exists)];
  // Dir lines are judged on the committed manifest alone (compareManifests skips them, #12).
  // Not spread into push: a manifest can have more findings than a call can take arguments.
  for (const finding of checkManifest(committed, file)) findings.push(finding);
  for (const finding of checkCanonical(text, committed, file)) findings.push(finding);
  return { manifestFile: file, findings, manifest: committed };
}
