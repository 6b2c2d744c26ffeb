/**
 * The `[tool.manifest]` table of a pyproject.toml, as one comparable string: to tell whether an
 * sdist's pyproject.toml was written before the table existed, or before its last change
 * (ARCHIVE_PREDATES_MANIFEST), whatever the formatting, comments or other tables around it.
 *
 * Pure: smol-toml parses; nothing else is read.
 */
import { parse } from 'smol-toml';

function isTable(value: unknown): value is Record<string, unknown> {
  return (
    typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date)
  );
}

/** JSON with every table's keys sorted: equal for equal TOML values, however they were written. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (isTable(value)) {
    const keys = Object.keys(value).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k])}`).join(',')}}`;
  }
  return typeof value === 'bigint' ? String(value) : JSON.stringify(value);
}

/**
 * `tool.manifest` of a pyproject.toml text, canonical: `'absent'` when the file has no such
 * table, `'unreadable'` when the text is not TOML.
 * @example manifestTableKey('[tool.manifest]\nexclude = ["/docs"]\n') → '{"exclude":["/docs"]}'
 */
export function manifestTableKey(text: string): string {
  let doc: unknown;
  try {
    doc = parse(text.replace(/^\uFEFF/, ''));
  } catch {
    return 'unreadable';
  }
  const tool = isTable(doc) ? doc.tool : undefined;
  if (!isTable(tool) || !Object.hasOwn(tool, 'manifest')) return 'absent';
  return canonicalJson(tool.manifest);
}
