/**
 * fnmatch's syntax, as Python's fnmatch and glob (and setuptools' patterns) read it: one scanner of
 * `[…]` classes, and fnmatch.translate, shared by every profile that translates Python globs.
 *
 * Must not: touch the file system.
 */

/** A `[…]` class as fnmatch reads it. */
export interface FnmatchClass {
  /** Index of the closing `]`. */
  end: number;
  /** `[!…]`. */
  negate: boolean;
  /** The members as written (after a leading `!`), ranges included. */
  members: string;
}

/**
 * The class that opens at `text[start]` (a `[`): `!` first negates, `]` right after `[` or `[!`
 * is a member. Undefined when it never closes: the `[` is then an ordinary character.
 */
export function readClass(text: string, start: number): FnmatchClass | undefined {
  let j = start + 1;
  if (text[j] === '!') j++;
  if (text[j] === ']') j++;
  while (j < text.length && text[j] !== ']') j++;
  if (j >= text.length) return undefined;
  const inner = text.slice(start + 1, j);
  const negate = inner.startsWith('!');
  return { end: j, negate, members: negate ? inner.slice(1) : inner };
}

/** fnmatch.translate's body; `any` is what `?` matches (and `*` any run of it). */
export function fnmatchSource(pattern: string, any: string): string {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '*') out += `${any}*`;
    else if (c === '?') out += any;
    else if (c === '[') {
      const cls = readClass(pattern, i);
      if (cls === undefined) {
        out += '\\[';
        continue;
      }
      const members = cls.members.replace(/\\/g, '\\\\');
      out += cls.negate
        ? `[^${members}]`
        : `[${members.startsWith('^') ? `\\${members}` : members}]`;
      i = cls.end;
    } else out += c.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
  }
  return out;
}

/**
 * fnmatch.fnmatchcase as a RegExp: `*` matches anything (`/` too), `?` one character, `[…]` a class.
 * @example compileFnmatch('tests.*').test('tests.unit') → true
 */
export function compileFnmatch(pattern: string): RegExp {
  return new RegExp(`^(?:${fnmatchSource(pattern, '.')})$`, 's');
}
