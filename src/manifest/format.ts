/**
 * Manifest → canonical text (MANIFEST-FORMAT.md §6): the format line, the generated-by comment,
 * both sections in order, entries sorted by DEST in code-point order, paths quoted only when
 * needed.
 *
 * Must not: validate. It formats what it is given. `expandRules` produces valid manifests, and the
 * round-trip property test checks that `parseManifest(formatManifest(m))` gives back `m`.
 */
import { sortEntries } from './order.js';
import { quotePath } from './path.js';
import type { Manifest, ManifestEntry } from './types.js';

/** Line 1 of every version-1 manifest (MANIFEST-FORMAT.md §2). */
export const FORMAT_LINE = '# pyproject-manifest v1';

/** Line 2 of the canonical form (MANIFEST-FORMAT.md §6.1). */
export const GENERATED_COMMENT =
  '# Generated from [tool.manifest] in pyproject.toml by `manifest update`; do not edit by hand.';

/**
 * The canonical text of one entry line, without the newline (MANIFEST-FORMAT.md §4, §5.3).
 * @example formatEntry({ kind: 'mod', src: 'src/p/a.py', dest: 'p/a.py' }) // 'mod: src/p/a.py -> p/a.py'
 */
export function formatEntry(entry: ManifestEntry): string {
  if (entry.kind === 'mod') return `mod: ${quotePath(entry.src)} -> ${quotePath(entry.dest)}`;
  return `${entry.kind}: ${quotePath(entry.dest)}`;
}

/**
 * The canonical text of a manifest, ending with one LF. Byte-stable: formatting the parse of the
 * output gives the same text.
 * @example writeFileAtomic(path, formatManifest(manifest))
 */
export function formatManifest(manifest: Manifest): string {
  const lines = [FORMAT_LINE, GENERATED_COMMENT, '', '[sdist]'];
  for (const entry of sortEntries(manifest.sdist)) lines.push(formatEntry(entry));
  lines.push('', '[wheel]');
  for (const entry of sortEntries(manifest.wheel)) lines.push(formatEntry(entry));
  return `${lines.join('\n')}\n`;
}
