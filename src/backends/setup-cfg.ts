/**
 * setup.cfg as setuptools 66 reads it: Python's `configparser` with its defaults (sections,
 * `key = value` or `key: value`, indented continuation lines, whole-line `#`/`;` comments, keys
 * lower-cased), keys with `-` read as `_` (setuptools accepts both), and the value syntaxes of
 * setuptools' declarative config (lists, dicts, booleans, `file:` and `attr:` directives).
 *
 * Must not: interpolate (setuptools' parser does `%(name)s` interpolation; setup.cfg files that
 * rely on it are rare, and a value with `%(` is kept as written).
 */

export interface CfgValue {
  value: string;
  /** 1-based line of the key. */
  line: number;
}

/** section → key → value. Later duplicates replace earlier ones, as configparser's strict=False. */
export type SetupCfg = Map<string, Map<string, CfgValue>>;

/**
 * Parse setup.cfg text.
 * @example parseSetupCfg('[metadata]\nname = x\n').get('metadata')?.get('name')?.value → 'x'
 */
export function parseSetupCfg(text: string): SetupCfg {
  const out: SetupCfg = new Map();
  let section: Map<string, CfgValue> | undefined;
  let current: { key: string; value: CfgValue } | undefined;
  const lines = text.split(/\r?\n/);
  for (let index = 0; index < lines.length; index++) {
    const raw = lines[index]!;
    const stripped = raw.trim();
    const indented = /^[ \t]/.test(raw);
    if (stripped === '' || stripped.startsWith('#') || stripped.startsWith(';')) {
      // configparser keeps blank lines inside a multi-line value only between indented lines;
      // they do not matter to any value setuptools reads as a list or dict.
      continue;
    }
    if (indented && current !== undefined) {
      current.value.value += `\n${stripped}`;
      continue;
    }
    const header = /^\[([^\]]+)\]/.exec(stripped);
    if (header !== null) {
      const name = header[1]!.trim();
      section = out.get(name) ?? new Map();
      out.set(name, section);
      current = undefined;
      continue;
    }
    const pair = /^([^=:]+?)\s*[=:]\s*(.*)$/.exec(stripped);
    if (pair === null || section === undefined) {
      current = undefined;
      continue;
    }
    const key = pair[1]!.toLowerCase().replace(/-/g, '_');
    const value: CfgValue = { value: pair[2]!, line: index + 1 };
    section.set(key, value);
    current = { key, value };
  }
  return out;
}

/** setuptools' `parse_list`: one item per line when the value has several lines, else by commas. */
export function cfgList(value: string): string[] {
  const parts = value.includes('\n') ? value.split('\n') : value.split(',');
  return parts.map((p) => p.trim()).filter((p) => p !== '');
}

/** setuptools' `parse_dict`: `key = value` lines (a line's first `=` separates). */
export function cfgDict(value: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of cfgList(value)) {
    const eq = line.indexOf('=');
    if (eq === -1) continue;
    out.set(line.slice(0, eq).trim(), line.slice(eq + 1).trim());
  }
  return out;
}

/** setuptools' `parse_bool`. */
export function cfgBool(value: string): boolean {
  return ['1', 'true', 'yes'].includes(value.trim().toLowerCase());
}

/** The files of a `file:` directive (comma-separated), or undefined when the value is not one. */
export function cfgFileDirective(value: string): string[] | undefined {
  const trimmed = value.trim();
  if (!trimmed.startsWith('file:')) return undefined;
  return trimmed
    .slice('file:'.length)
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '');
}
