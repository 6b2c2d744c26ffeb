/**
 * A tolerant, static reader of a setup.py's `setup(...)` call: the keyword arguments whose values
 * are literals (strings, numbers, booleans, None, lists, tuples, dicts, sets), calls of
 * `find_packages` / `find_namespace_packages` / `Extension` with literal arguments, and names bound
 * at the top level of the file to such a value.
 *
 * Owns: reading, never running. setup.py is Python code; nothing here executes or imports it, so a
 * value computed at run time (`version=about["__version__"]`, a list comprehension, `**kwargs`)
 * is reported as unreadable, by keyword, and the setuptools profile says so.
 * Must not: guess. A value is either read exactly or listed in `unreadable`.
 */

/** A value read from setup.py. */
export type PyValue =
  | { kind: 'str'; value: string }
  | { kind: 'num'; value: number }
  | { kind: 'bool'; value: boolean }
  | { kind: 'none' }
  | { kind: 'list'; items: PyValue[] }
  | { kind: 'dict'; entries: [PyValue, PyValue][] }
  | { kind: 'call'; name: string; args: PyValue[]; kwargs: Map<string, PyValue> };

export interface SetupPyCall {
  /** Keyword arguments read exactly, by name. */
  kwargs: Map<string, PyValue>;
  /** Keywords whose value could not be read statically (and `**` for a `**kwargs` argument). */
  unreadable: string[];
  /** Names bound at the top level of the file to a readable value, in the order first bound. */
  topLevel: ReadonlyMap<string, PyValue>;
}

type Token =
  | { t: 'name'; v: string; at: number }
  | { t: 'str'; v: string; at: number }
  | { t: 'num'; v: number; at: number }
  | { t: 'op'; v: string; at: number }
  | { t: 'nl'; at: number };

const STRING_START = /^([rRuUbBfF]{0,2})('''|"""|'|")/;

/** Read one Python string literal at `i`; returns its value and the index after it. */
function readString(text: string, i: number): { value: string; end: number; f: boolean } | null {
  const m = STRING_START.exec(text.slice(i, i + 5));
  if (m === null) return null;
  const prefix = m[1]!.toLowerCase();
  const quote = m[2]!;
  const raw = prefix.includes('r');
  let j = i + m[0].length;
  let value = '';
  while (j < text.length) {
    if (text.startsWith(quote, j)) {
      return { value, end: j + quote.length, f: prefix.includes('f') };
    }
    const c = text[j]!;
    if (c === '\n' && quote.length === 1) return null;
    if (c === '\\' && j + 1 < text.length) {
      const n = text[j + 1]!;
      if (raw) {
        value += c + n;
      } else {
        const simple: Record<string, string> = {
          n: '\n',
          t: '\t',
          r: '\r',
          '\\': '\\',
          "'": "'",
          '"': '"',
          '\n': '',
          '0': '\0',
        };
        value += simple[n] ?? `\\${n}`;
      }
      j += 2;
      continue;
    }
    value += c;
    j++;
  }
  return null;
}

/** Python tokens, enough for literal expressions (comments and line joins handled). */
function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let depth = 0;
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '#') {
      while (i < text.length && text[i] !== '\n') i++;
      continue;
    }
    if (c === '\\' && text[i + 1] === '\n') {
      i += 2;
      continue;
    }
    if (c === '\n') {
      if (depth === 0) tokens.push({ t: 'nl', at: i });
      i++;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r' || c === '\f') {
      i++;
      continue;
    }
    const str = STRING_START.test(text.slice(i, i + 5)) ? readString(text, i) : null;
    if (str !== null) {
      // An f-string's value depends on run time: keep it as an unreadable operand.
      tokens.push(str.f ? { t: 'op', v: 'f-string', at: i } : { t: 'str', v: str.value, at: i });
      i = str.end;
      continue;
    }
    const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(i, i + 200));
    if (name !== null) {
      tokens.push({ t: 'name', v: name[0], at: i });
      i += name[0].length;
      continue;
    }
    const num = /^\d[\d_]*(\.\d+)?/.exec(text.slice(i, i + 50));
    if (num !== null) {
      tokens.push({ t: 'num', v: Number(num[0].replace(/_/g, '')), at: i });
      i += num[0].length;
      continue;
    }
    const op = /^(\*\*|==|!=|<=|>=|->|:=|[()[\]{},:=.*+\-/%<>@|&^~;!])/.exec(text.slice(i, i + 2));
    const v = op !== null ? op[0] : c;
    if (v === '(' || v === '[' || v === '{') depth++;
    if ((v === ')' || v === ']' || v === '}') && depth > 0) depth--;
    tokens.push({ t: 'op', v, at: i });
    i += v.length;
  }
  return tokens;
}

class Unreadable extends Error {}

const CALLS = new Set([
  'find_packages',
  'find_namespace_packages',
  'Extension',
  'setuptools.find_packages',
  'setuptools.find_namespace_packages',
  'setuptools.Extension',
  'PEP420PackageFinder.find',
  'dict',
]);

/** A recursive-descent reader of literal expressions over the tokens. */
class Reader {
  pos = 0;

  constructor(
    private readonly tokens: Token[],
    private readonly names: ReadonlyMap<string, PyValue>,
  ) {}

  peek(offset = 0): Token | undefined {
    return this.tokens[this.pos + offset];
  }

  isOp(v: string, offset = 0): boolean {
    const t = this.peek(offset);
    return t?.t === 'op' && t.v === v;
  }

  expectOp(v: string): void {
    if (!this.isOp(v)) throw new Unreadable();
    this.pos++;
  }

  /** A value, followed by nothing else of the expression (`a + b` is unreadable). */
  value(): PyValue {
    const v = this.primary();
    const next = this.peek();
    if (next?.t === 'op' && ![',', ')', ']', '}', ':'].includes(next.v)) throw new Unreadable();
    if (next !== undefined && next.t !== 'op' && next.t !== 'nl') throw new Unreadable();
    return v;
  }

  primary(): PyValue {
    const t = this.peek();
    if (t === undefined) throw new Unreadable();
    if (t.t === 'str') {
      // Adjacent literals concatenate.
      let value = '';
      while (this.peek()?.t === 'str') value += (this.tokens[this.pos++] as { v: string }).v;
      return { kind: 'str', value };
    }
    if (t.t === 'num') {
      this.pos++;
      return { kind: 'num', value: t.v };
    }
    if (t.t === 'op' && t.v === '-' && this.peek(1)?.t === 'num') {
      this.pos += 2;
      return { kind: 'num', value: -(this.tokens[this.pos - 1] as { v: number }).v };
    }
    if (t.t === 'op' && (t.v === '[' || t.v === '(')) return this.sequence(t.v === '[' ? ']' : ')');
    if (t.t === 'op' && t.v === '{') return this.braces();
    if (t.t === 'name') {
      if (t.v === 'True' || t.v === 'False') {
        this.pos++;
        return { kind: 'bool', value: t.v === 'True' };
      }
      if (t.v === 'None') {
        this.pos++;
        return { kind: 'none' };
      }
      let name = t.v;
      this.pos++;
      while (this.isOp('.') && this.peek(1)?.t === 'name') {
        name += `.${(this.peek(1) as { v: string }).v}`;
        this.pos += 2;
      }
      if (this.isOp('(')) {
        if (!CALLS.has(name)) throw new Unreadable();
        return this.call(name.split('.').pop()!);
      }
      const bound = this.names.get(name);
      if (bound === undefined) throw new Unreadable();
      return bound;
    }
    throw new Unreadable();
  }

  sequence(close: string): PyValue {
    this.pos++;
    const items: PyValue[] = [];
    while (!this.isOp(close)) {
      items.push(this.value());
      if (this.isOp(',')) this.pos++;
      else if (!this.isOp(close)) throw new Unreadable();
    }
    this.pos++;
    return { kind: 'list', items };
  }

  braces(): PyValue {
    this.pos++;
    const entries: [PyValue, PyValue][] = [];
    const items: PyValue[] = [];
    while (!this.isOp('}')) {
      const key = this.value();
      if (this.isOp(':')) {
        this.pos++;
        entries.push([key, this.value()]);
      } else items.push(key);
      if (this.isOp(',')) this.pos++;
      else if (!this.isOp('}')) throw new Unreadable();
    }
    this.pos++;
    if (items.length > 0 && entries.length > 0) throw new Unreadable();
    return items.length > 0 ? { kind: 'list', items } : { kind: 'dict', entries };
  }

  call(name: string): PyValue {
    this.expectOp('(');
    const args: PyValue[] = [];
    const kwargs = new Map<string, PyValue>();
    while (!this.isOp(')')) {
      const t = this.peek();
      if (t?.t === 'name' && this.isOp('=', 1)) {
        this.pos += 2;
        kwargs.set(t.v, this.value());
      } else args.push(this.value());
      if (this.isOp(',')) this.pos++;
      else if (!this.isOp(')')) throw new Unreadable();
    }
    this.pos++;
    if (name === 'dict') {
      if (args.length > 0) throw new Unreadable();
      return {
        kind: 'dict',
        entries: [...kwargs].map(([k, v]) => [{ kind: 'str', value: k }, v] as [PyValue, PyValue]),
      };
    }
    return { kind: 'call', name, args, kwargs };
  }

  /** Skip one argument's tokens up to the `,` or `)` that ends it at this nesting level. */
  skipArgument(): void {
    let depth = 0;
    for (;;) {
      const t = this.peek();
      if (t === undefined) return;
      if (t.t === 'op') {
        if (depth === 0 && (t.v === ',' || t.v === ')')) return;
        if (t.v === '(' || t.v === '[' || t.v === '{') depth++;
        if (t.v === ')' || t.v === ']' || t.v === '}') depth--;
      }
      this.pos++;
    }
  }
}

/** Names bound at the top level (column 0) to a readable value: `PACKAGES = ["a", "b"]`. */
function readTopLevelNames(text: string, tokens: Token[]): Map<string, PyValue> {
  const names = new Map<string, PyValue>();
  for (let i = 0; i < tokens.length - 2; i++) {
    const t = tokens[i]!;
    const previous = tokens[i - 1];
    const atLineStart = i === 0 || previous?.t === 'nl';
    if (!atLineStart || t.t !== 'name') continue;
    const column = t.at - (text.lastIndexOf('\n', t.at - 1) + 1);
    const eq = tokens[i + 1]!;
    if (column !== 0 || eq.t !== 'op' || eq.v !== '=') continue;
    const reader = new Reader(tokens, names);
    reader.pos = i + 2;
    try {
      const value = reader.value();
      const end = reader.peek();
      if (end === undefined || end.t === 'nl') names.set(t.v, value);
      else names.delete(t.v);
    } catch {
      names.delete(t.v);
    }
  }
  return names;
}

/**
 * Read the keyword arguments of the `setup(...)` call in a setup.py, statically.
 * @returns undefined when there is no `setup(` call
 * @example readSetupPy('setup(name="six", py_modules=["six"])')?.kwargs.get('py_modules')
 */
export function readSetupPy(text: string): SetupPyCall | undefined {
  const tokens = tokenize(text);
  const names = readTopLevelNames(text, tokens);
  // The last call of `setup(` or `setuptools.setup(` (not a `def setup(`).
  let start = -1;
  for (let i = 0; i < tokens.length - 1; i++) {
    const t = tokens[i]!;
    const next = tokens[i + 1]!;
    const before = tokens[i - 1];
    if (t.t !== 'name' || t.v !== 'setup' || next.t !== 'op' || next.v !== '(') continue;
    if (before?.t === 'name' && (before.v === 'def' || before.v === 'import')) continue;
    start = i + 1;
  }
  if (start === -1) return undefined;
  const reader = new Reader(tokens, names);
  reader.pos = start + 1;
  const kwargs = new Map<string, PyValue>();
  const unreadable: string[] = [];
  while (reader.peek() !== undefined && !reader.isOp(')')) {
    const t = reader.peek()!;
    if (t.t === 'op' && (t.v === '**' || t.v === '*')) {
      unreadable.push(t.v === '**' ? '**' : '*');
      reader.pos++;
      reader.skipArgument();
    } else if (t.t === 'name' && reader.isOp('=', 1)) {
      reader.pos += 2;
      const at = reader.pos;
      try {
        kwargs.set(t.v, reader.value());
      } catch {
        unreadable.push(t.v);
        reader.pos = at;
        reader.skipArgument();
      }
    } else {
      unreadable.push('(a positional argument)');
      reader.skipArgument();
    }
    if (reader.isOp(',')) reader.pos++;
    else if (!reader.isOp(')')) break;
  }
  return { kwargs, unreadable, topLevel: names };
}

/** A string value, or undefined. */
export function pyString(value: PyValue | undefined): string | undefined {
  return value?.kind === 'str' ? value.value : undefined;
}

/** A list (or tuple) of strings, or undefined. */
export function pyStrings(value: PyValue | undefined): string[] | undefined {
  if (value?.kind !== 'list') return undefined;
  const out: string[] = [];
  for (const item of value.items) {
    if (item.kind !== 'str') return undefined;
    out.push(item.value);
  }
  return out;
}

/** A dict of string keys, or undefined. */
export function pyDict(value: PyValue | undefined): Map<string, PyValue> | undefined {
  if (value?.kind !== 'dict') return undefined;
  const out = new Map<string, PyValue>();
  for (const [key, item] of value.entries) {
    if (key.kind !== 'str') return undefined;
    out.set(key.value, item);
  }
  return out;
}
