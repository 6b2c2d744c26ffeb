/**
 * Seeded random manifest texts and gen globs, for the differential test against the Python reader
 * (test/differential/python-reader.test.ts). One seed names one case for one version of this file.
 *
 * Texts are built the way they go wrong in practice: a plausible manifest (entries from a random
 * file set, the dir lines it needs, gen globs, wheel DESTs under packages and {data}) written in a
 * random way (canonical, shuffled, commented, quoted when not needed, with JSON escapes including
 * surrogate pairs and halves), then a few random mutations (a dropped or added dir line, a junk
 * line, leading whitespace, CR, a BOM, a lost final newline, a wrong format line, a duplicate, an
 * sdist DEST that differs from its SRC, an unknown kind). Paths draw on quoting-relevant characters
 * (spaces, " -> ", quotes, backslashes, controls, NBSP, U+2028, U+FEFF, non-ASCII and astral text)
 * and on glob syntax (classes, ranges, escapes, `**`).
 */

/** mulberry32: a small, fast, seedable PRNG; plenty for test-case generation. */
export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number): number => Math.floor(next() * n);
  return {
    next,
    int,
    chance: (p) => next() < p,
    pick: <T>(items: readonly T[]): T => items[int(items.length)] as T,
  };
}

export interface Random {
  next(): number;
  int(n: number): number;
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
}

const PLAIN = ['a', 'b', 'c', 'pkg', 'src', 'data', 'x.py', 'README.md', '_v.py', 'é', '年', '😀'];
/** Characters that matter to quoting (§5.2) or to validity (§5.1). */
const ODD = [
  ' ',
  ' -> ',
  '->',
  '"',
  '\\',
  '\t',
  '\n',
  '\u001b',
  '\u007f',
  '\u0085',
  '\u00a0',
  '\u2028',
  '\u3000',
  '\ufeff',
  '#',
  '[',
  '*',
  '.',
  '..',
  '',
  '{data}',
  '\u0000',
];
const GLOB_ATOMS = [
  '*',
  '**',
  '?',
  '[abc]',
  '[a-c]',
  '[!a]',
  '[]a]',
  '[!]]',
  '[-a]',
  '[a-]',
  '[\\]]',
  '[😀-😂]',
  '\\*',
  '\\[',
  '\\\\',
  'a',
  'b',
  'é',
  '.',
  '😁',
  // invalid
  '[',
  '[z-a]',
  '[^a]',
  '[[:alpha:]]',
  '\\',
  '[a',
];
const SCHEMES = ['purelib', 'platlib', 'headers', 'scripts', 'data', 'lib'];

/** The odd characters that keep a path valid (it may still need quoting). */
const ODD_VALID = ODD.filter((c) => !['.', '..', '', '\u0000', '{data}'].includes(c));

function segment(r: Random, clean: boolean): string {
  if (r.chance(0.8)) return r.pick(PLAIN);
  let s = '';
  const n = 1 + r.int(3);
  for (let i = 0; i < n; i++) s += r.chance(0.5) ? r.pick(clean ? ODD_VALID : ODD) : r.pick(PLAIN);
  return clean && s.trim() === '' ? `${s}a` : s;
}

function filePath(r: Random, clean = false): string {
  const depth = 1 + r.int(r.chance(0.2) ? 5 : 3);
  return Array.from({ length: depth }, () => segment(r, clean)).join('/');
}

/** A literal gen DEST; when clean, without the backslashes that would make it an invalid glob. */
function genPath(r: Random, clean: boolean): string {
  const path = filePath(r, clean);
  return clean ? path.replaceAll('\\', 'b') : path;
}

/** A glob pattern: mostly valid, sometimes not. */
export function randomGlob(r: Random, validOnly = false): string {
  const segments: string[] = [];
  const depth = 1 + r.int(3);
  for (let i = 0; i < depth; i++) {
    if (r.chance(0.15)) {
      segments.push('**');
      continue;
    }
    let s = '';
    const n = 1 + r.int(4);
    for (let j = 0; j < n; j++) {
      let atom = r.chance(0.6) ? r.pick(GLOB_ATOMS) : r.pick(PLAIN);
      if (validOnly && /^\[($|z-a|\^|\[:|a$)|^\\$|^\.$/.test(atom)) atom = '*';
      s += atom;
    }
    segments.push(s);
  }
  return segments.join('/');
}

/** A path for a glob to be matched against: built from the same alphabet, so that it often matches. */
export function randomGlobPath(r: Random, pattern: string): string {
  if (r.chance(0.3)) {
    // Replace each glob atom by something it may match.
    return pattern
      .replace(
        /\*\*/g,
        () => Array.from({ length: r.int(3) }, () => r.pick(PLAIN)).join('/') || 'a',
      )
      .replace(/\[!?\]?[^\]]*\]/g, () => r.pick(['a', 'b', ']', '-', 'd', '😁']))
      .replace(/\\(.)/g, '$1')
      .replace(/\*/g, () => r.pick(['', 'a', 'xyz', '.', '*']))
      .replace(/\?/g, () => r.pick(['a', 'é', '😀', '?']))
      .replace(/\/\/+/g, '/')
      .replace(/^\/|\/$/g, '');
  }
  const depth = 1 + r.int(4);
  return Array.from({ length: depth }, () =>
    Array.from({ length: 1 + r.int(4) }, () =>
      r.pick(['a', 'b', 'c', 'é', '😁', '.', ']', '-']),
    ).join(''),
  ).join('/');
}

/** The path as written on an entry line: bare, JSON-quoted, or quoted with needless escapes. */
function writePath(r: Random, path: string, clean = false): string {
  const roll = r.next();
  if (roll < 0.6 && !(clean && quoteLikeFormat(path) !== path)) return path;
  if (roll < 0.85) return JSON.stringify(path);
  let out = '"';
  for (const ch of path) {
    const cp = ch.codePointAt(0)!;
    const choice = r.next();
    if (ch === '"' || ch === '\\') out += `\\${ch}`;
    else if (cp < 0x20) out += `\\u${cp.toString(16).padStart(4, '0')}`;
    else if (choice < 0.2 && cp > 0xffff) {
      const hi = Math.floor((cp - 0x10000) / 0x400) + 0xd800;
      const lo = ((cp - 0x10000) % 0x400) + 0xdc00;
      out += `\\u${hi.toString(16)}${clean || r.chance(0.8) ? `\\u${lo.toString(16).toUpperCase()}` : ''}`;
    } else if (choice < 0.3) out += `\\u${cp.toString(16).padStart(4, '0').slice(-4)}`;
    else if (choice < 0.35 && ch === '/') out += '\\/';
    else out += ch;
  }
  if (!clean && r.chance(0.05)) out += r.pick(['\\ud800', '\\udc00', '\\q', '\\u12', '\t']);
  return !clean && r.chance(0.03) ? out : `${out}"`;
}

interface RawEntry {
  kind: string;
  src?: string;
  dest: string;
}

function ancestors(path: string, limit?: number): string[] {
  const parts = path.split('/');
  const out: string[] = [];
  const end = limit ?? parts.length - 1;
  for (let i = 1; i <= end; i++) out.push(parts.slice(0, i).join('/'));
  return out;
}

function withDirs(r: Random, entries: RawEntry[], clean: boolean): RawEntry[] {
  const dirs = new Set<string>();
  for (const e of entries) {
    if (e.kind === 'gen' && /[*?[\\]/.test(e.dest)) {
      const parts = e.dest.split('/');
      const at = parts.findIndex((p) => /[*?[\\]/.test(p));
      for (const d of ancestors(e.dest, at)) dirs.add(d);
    } else for (const d of ancestors(e.dest)) dirs.add(d);
  }
  const out = [...entries];
  const taken = new Set(entries.map((e) => e.dest));
  for (const d of dirs) if (!taken.has(d) && !r.chance(0.04)) out.push({ kind: 'dir', dest: d });
  if (r.chance(0.05)) out.push({ kind: 'dir', dest: filePath(r, clean) });
  return out;
}

/**
 * A random manifest text.
 * @param kinds the entry kinds with SRC and DEST that the implementations under test both read
 */
export function randomManifest(r: Random, copyKinds: readonly string[] = ['mod']): string {
  // Half the texts keep to valid paths and globs and are not mutated: most of them parse, and
  // exercise the whole-manifest checks and the canonical form rather than the parser's errors.
  const clean = r.chance(0.5);
  const files = Array.from({ length: r.int(8) }, () => filePath(r, clean));
  const sdist: RawEntry[] = [];
  const seen = new Set<string>();
  for (const f of files) {
    if (seen.has(f)) continue;
    seen.add(f);
    sdist.push({ kind: r.pick(copyKinds), src: f, dest: f });
  }
  if (r.chance(0.7)) sdist.push({ kind: 'gen', dest: 'PKG-INFO' });
  if (r.chance(0.3))
    sdist.push({ kind: 'gen', dest: r.chance(0.5) ? randomGlob(r, clean) : genPath(r, clean) });
  const wheel: RawEntry[] = [];
  for (const e of sdist) {
    if (e.src === undefined || r.chance(0.4)) continue;
    const dest = r.chance(0.15)
      ? `{data}/${r.pick(clean ? SCHEMES.slice(0, 5) : SCHEMES)}/${e.src.split('/').pop()}`
      : e.src.replace(/^src\//, '');
    if (!wheel.some((w) => w.dest === dest)) wheel.push({ kind: e.kind, src: e.src, dest });
  }
  if (r.chance(0.2))
    wheel.push({ kind: r.pick(copyKinds), src: filePath(r, clean), dest: filePath(r, clean) });
  if (r.chance(0.4))
    wheel.push({ kind: 'gen', dest: r.chance(0.7) ? randomGlob(r, clean) : genPath(r, clean) });
  if (!clean && r.chance(0.1))
    wheel.push({ kind: 'gen', dest: r.pick(['{data}', '{data}/scripts', '{data}/x/y']) });

  const kinds = [...copyKinds, 'dir', 'gen'];
  const lines: string[] = [];
  const canonical = r.chance(0.5);
  lines.push(
    clean || r.chance(0.9)
      ? '# pyproject-manifest v1'
      : r.pick([
          '# pyproject-manifest v2',
          '# pyproject-manifest v01',
          '',
          '[sdist]',
          '#pyproject-manifest v1',
        ]),
  );
  if (canonical || r.chance(0.5)) {
    lines.push(
      '# Generated from [tool.manifest] in pyproject.toml by `manifest update`; do not edit by hand.',
      '',
    );
  }
  const section = (name: string, entries: RawEntry[]): void => {
    lines.push(`[${name}]`);
    let list = withDirs(r, entries, clean);
    if (canonical) {
      list = list.sort((a, b) => {
        const x = Array.from(a.dest);
        const y = Array.from(b.dest);
        for (let i = 0; i < Math.min(x.length, y.length); i++) {
          const d = x[i]!.codePointAt(0)! - y[i]!.codePointAt(0)!;
          if (d !== 0) return d;
        }
        return x.length - y.length;
      });
    } else {
      for (let i = list.length - 1; i > 0; i--) {
        const j = r.int(i + 1);
        [list[i], list[j]] = [list[j]!, list[i]!];
      }
    }
    for (const e of list) {
      if (!canonical && r.chance(0.05)) lines.push(r.pick(['# note', '', '#']));
      const dest = canonical ? quoteLikeFormat(e.dest) : writePath(r, e.dest, clean);
      if (e.src !== undefined) {
        const src = canonical ? quoteLikeFormat(e.src) : writePath(r, e.src, clean);
        lines.push(`${e.kind}: ${src} -> ${dest}`);
      } else lines.push(`${e.kind}: ${dest}`);
    }
  };
  section('sdist', sdist);
  if (canonical) lines.push('');
  section('wheel', wheel);

  // Mutations.
  const mutations = clean || r.chance(0.3) ? 0 : 1 + r.int(3);
  for (let m = 0; m < mutations; m++) {
    const at = 1 + r.int(Math.max(lines.length - 1, 1));
    const line = lines[at] ?? '';
    switch (r.int(12)) {
      case 0:
        lines.splice(at, 1);
        break;
      case 1:
        lines.splice(at, 0, line);
        break;
      case 2:
        lines.splice(
          at,
          0,
          r.pick(['junk', 'a.py', '[tests]', '[wheel] ', ' ', '\t', 'mod:', 'dir: ', 'gen:  x']),
        );
        break;
      case 3:
        lines[at] = `${r.pick([' ', '\t'])}${line}`;
        break;
      case 4:
        lines[at] = `${line}\r`;
        break;
      case 5:
        lines[at] = line.replace(/^(mod|alt|dir|gen)/, r.pick(['Mod', 'mv', 'x-y', '', ...kinds]));
        break;
      case 6:
        lines[at] = line.replace(' -> ', r.pick(['->', ' ->', '-> ', ' -> x/', ' -> "', ' -> ']));
        break;
      case 7:
        lines[at] = `${line}${r.pick([' ', '"', '/', '\u00a0', ' x', '\\'])}`;
        break;
      case 8:
        lines.splice(at, 0, `${r.pick(kinds)}: ${writePath(r, filePath(r))}`);
        break;
      case 9:
        lines.splice(at, 0, `gen: ${writePath(r, randomGlob(r))}`);
        break;
      case 10: {
        const i = Array.from(line).findIndex((_, k) => k > 5);
        if (i > 0)
          lines[at] = Array.from(line)
            .slice(0, i + r.int(8))
            .join('');
        break;
      }
      default:
        lines.splice(at, 0, `mod: ${writePath(r, filePath(r))} -> ${writePath(r, filePath(r))}`);
    }
  }
  let text = `${lines.join('\n')}\n`;
  const end = clean ? 1 : r.next();
  if (end < 0.03) text = text.slice(0, -1);
  else if (end < 0.05) text += '\n';
  else if (end < 0.06) text = `\ufeff${text}`;
  else if (end < 0.07) text = text.replaceAll('\n', '\r\n');
  return text;
}

/** The canonical way to write a path (§5.3), as the formatter does, without importing it. */
function quoteLikeFormat(path: string): string {
  const needs =
    /^[\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]|[\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]$| -> |[\u0000-\u001f\u007f-\u009f\u2028\u2029"\\]/.test(
      path,
    );
  return needs ? JSON.stringify(path) : path;
}
