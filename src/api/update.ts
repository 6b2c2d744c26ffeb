/**
 * update (and generate --write): regenerate the manifest and replace the file atomically when the
 * text changed. Nothing else is written. Reports what changed per section.
 */
import { ManifestError } from '../errors.js';
import { diffEntries } from '../manifest/compare.js';
import { formatEntry, formatManifest, isFormatted } from '../manifest/format.js';
import { hasFormatLine, parseManifest } from '../manifest/parse.js';
import type { Finding, Manifest, ManifestEntry, Target } from '../manifest/types.js';
import { assertReplaceable, removeStaleTemps, writeFileAtomic } from '../fs/atomic-write.js';
import { readFileIfExists } from '../tree/project.js';
import { expandProject, type GenerateOptions } from './generate.js';
import { checkManifestIgnored } from './manifest-ignored.js';

export type UpdateOptions = GenerateOptions;

export interface SectionChange {
  added: string[];
  removed: string[];
}

export interface UpdateResult {
  manifestFile: string;
  /** True when the file was created or rewritten. */
  changed: boolean;
  /** True when there was no manifest before. */
  created: boolean;
  /** Entry lines added and removed, per section (empty when the old file could not be parsed: see `replacedUnparsable`). */
  changes: Record<Target, SectionChange>;
  /** The old file existed but was not a valid manifest; it was replaced whole. */
  replacedUnparsable: boolean;
  text: string;
  /**
   * Warnings about the written file: MANIFEST_IGNORED when git ignores it (the write still
   * happens; `git add -A` would skip it).
   */
  warnings: Finding[];
}

/**
 * Lines in `after` but not `before` (in `after`'s order), and the reverse (in `before`'s order):
 * diffEntries' one merge in DEST order, then each side put back in its own order.
 */
function changesOf(before: Manifest | undefined, after: Manifest, target: Target): SectionChange {
  const old = before?.[target] ?? [];
  const now = after[target];
  const added: number[] = [];
  const removed: number[] = [];
  for (const change of diffEntries(old, now)) (change.removed ? removed : added).push(change.index);
  const lines = (entries: readonly ManifestEntry[], indexes: number[]) =>
    indexes.sort((a, b) => a - b).map((i) => formatEntry(entries[i]!));
  return { added: lines(now, added), removed: lines(old, removed) };
}

/**
 * Regenerate the manifest file; write it only when its text changes.
 *
 * When the file already holds exactly the text the rules produce (isFormatted, decided line by
 * line without building that text), nothing is formatted, parsed or written.
 * @example const { changed, changes } = updateManifest({ root });
 */
export function updateManifest(options: UpdateOptions): UpdateResult {
  const fresh = expandProject(options);
  const { project } = fresh;
  const oldText = readFileIfExists(project.manifestPath, project.manifestFile);
  // expandRules returns each section strictly in DEST order: not checked again.
  if (oldText !== undefined && isFormatted(oldText, fresh.manifest, true)) {
    // What a killed write left is removed by the next writer, whether or not it writes.
    removeStaleTemps(project.manifestPath);
    return {
      manifestFile: project.manifestFile,
      changed: false,
      created: false,
      changes: { sdist: { added: [], removed: [] }, wheel: { added: [], removed: [] } },
      replacedUnparsable: false,
      text: oldText,
      warnings: ignoredWarnings(project.root, project.manifestFile),
    };
  }
  const text = formatManifest(fresh.manifest);
  let oldManifest: Manifest | undefined;
  let replacedUnparsable = false;
  if (oldText !== undefined) {
    try {
      oldManifest = parseManifest(oldText, project.manifestFile);
    } catch {
      replacedUnparsable = true;
    }
  }
  const changed = oldText !== text;
  // What a killed write left is removed by the next writer, whether or not it writes.
  if (!changed) removeStaleTemps(project.manifestPath);
  if (changed) {
    // MANIFEST-FORMAT.md §12: a writer replaces only a manifest, an empty file or no file, and
    // never writes through a symlink. Checked before the content, so a symlink is named as one.
    const inside = { inside: project.root };
    assertReplaceable(project.manifestPath, inside);
    if (oldText !== undefined && oldText !== '' && !hasFormatLine(oldText)) {
      throw new ManifestError(
        'WRITE_REFUSED',
        'is not a manifest (line 1 is not "# pyproject-manifest v1"); a writer replaces only a manifest, an empty file or no file',
        { file: project.manifestPath, hint: 'check --manifest, or move the file away' },
      );
    }
    writeFileAtomic(project.manifestPath, text, inside);
  }
  return {
    manifestFile: project.manifestFile,
    changed,
    created: oldText === undefined,
    changes: {
      sdist: changesOf(oldManifest, fresh.manifest, 'sdist'),
      wheel: changesOf(oldManifest, fresh.manifest, 'wheel'),
    },
    replacedUnparsable,
    text,
    warnings: ignoredWarnings(project.root, project.manifestFile),
  };
}

/** MANIFEST_IGNORED for the manifest, if git ignores it. */
function ignoredWarnings(root: string, manifestFile: string): Finding[] {
  const finding = checkManifestIgnored(root, manifestFile);
  return finding !== undefined ? [finding] : [];
}
