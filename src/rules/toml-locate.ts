/**
 * Positions of keys in TOML text, for error messages only.
 *
 * Owns: a small, forgiving scanner that maps key paths (`['tool', 'manifest', 'wheel', 'include', 2]`)
 * to the 1-based line and column where they are written. smol-toml returns values without
 * positions, so config.ts parses with smol-toml and asks this module where to point.
 * Must not: throw, or decide validity. It understands what real pyproject files use (table and
 * array-of-tables headers, dotted and quoted keys, `#` comments, every string form, multi-line
 * arrays and inline tables) and, on anything it does not understand, keeps what it has found so
 * far: a missing position only makes a message less precise.
 * Pure: no I/O.
 */

import { ManifestError } from '../errors.js';

/** One step of a key path: a key, or an array index. */
export type KeySegment = string | number;

/** A 1-based position in the TOML text. */
export interface KeyPosition {
  line: number;
  column: number;
}

/** Thrown inside the scanner to stop at text it does not understand; never escapes this module. */
class StopScan extends Error {}

const BARE_KEY = /[A-Za-z0-9_-]/;

/**
 * Render a key path the way messages show it (publint's `formatMessagePath` style): bare keys
 * joined with `.`, other keys quoted, indices in brackets.
 * @example formatKeyPath(['tool', 'manifest', 'wheel', 'include', 2]) → 'tool.manifest.wheel.include[2]'
 * @example formatKeyPath(['tool', 'manifest', 'wheel', 'map', 'a/b.sh']) → 'tool.manifest.wheel.map."a/b.sh"'
 */
export function formatKeyPath(path: readonly KeySegment[]): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else {
      const key = /^[A-Za-z0-9_-]+$/.test(segment) ? segment : JSON.stringify(segment);
      out += out === '' ? key : `.${key}`;
    }
  }
  return out;
}

/**
 * Positions by key path, as a trie: recording a key walks only its own segments, so a header of
 * 30,000 dotted segments, or 30,000 keys under it, costs time and memory linear in the text (a map
 * keyed by the rendered path cost the square: 77 s and 1.9 GB for a 60 KB file, issue #12).
 */
interface KeyNode {
  position?: KeyPosition;
  /** Array-of-tables only: how many elements the headers so far have opened. */
  arrayCount?: number;
  children?: Map<KeySegment, KeyNode>;
}

function childOf(node: KeyNode, segment: KeySegment): KeyNode {
  node.children ??= new Map();
  let child = node.children.get(segment);
  if (child === undefined) {
    child = {};
    node.children.set(segment, child);
  }
  return child;
}

/** Scan `text` once and record where every key path (and array element) first appears. */
function scanKeys(text: string): KeyNode {
  const top: KeyNode = {};
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) lineStarts.push(i + 1);
  const positionAt = (offset: number): KeyPosition => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((lineStarts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    // Columns count UTF-16 code units from 1; good enough for pointing at a key.
    return { line: lo + 1, column: offset - (lineStarts[lo] ?? 0) + 1 };
  };
  const record = (node: KeyNode, offset: number): void => {
    node.position ??= positionAt(offset);
  };
  /** The node of `segments` below `from`, recording each node on the way. */
  const recordPath = (from: KeyNode, segments: readonly KeySegment[], offset: number): KeyNode => {
    let node = from;
    for (const segment of segments) {
      node = childOf(node, segment);
      record(node, offset);
    }
    return node;
  };

  let p = 0;
  const n = text.length;
  const peek = (ahead = 0): string => text[p + ahead] ?? '';

  const skipSpaces = (): void => {
    while (p < n && (text[p] === ' ' || text[p] === '\t')) p++;
  };
  const skipComment = (): void => {
    if (text[p] === '#') while (p < n && text[p] !== '\n') p++;
  };
  /** Spaces, newlines and comments: the filler allowed inside arrays. */
  const skipFiller = (): void => {
    for (;;) {
      skipSpaces();
      if (text[p] === '#') skipComment();
      else if (text[p] === '\n' || text[p] === '\r') p++;
      else return;
    }
  };

  /** A "basic" string at `p` (the opening quote): skipped, and decoded when `decode`. */
  const readBasicString = (decode: boolean): string => {
    const start = ++p;
    let escaped = false;
    // Scanned by index and sliced once: appending a character at a time built a rope of one node
    // per character (1.8 GB for a 50 MB value, issue #12).
    while (p < n) {
      const c = text.charCodeAt(p);
      if (c === 0x22 /* " */) break;
      if (c === 0x0a) throw new StopScan();
      if (c === 0x5c /* \ */) {
        escaped = true;
        p += 2;
      } else p++;
    }
    if (p >= n) throw new StopScan();
    const raw = decode ? text.slice(start, p) : '';
    p++;
    if (!decode || !escaped) return raw;
    try {
      return JSON.parse(`"${raw}"`) as string;
    } catch {
      // TOML escapes JSON lacks (\e, \xHH, \UXXXXXXXX): keep the raw text.
      return raw;
    }
  };
  const readLiteralString = (): string => {
    const start = ++p;
    while (p < n && text[p] !== "'") {
      if (text[p] === '\n') throw new StopScan();
      p++;
    }
    if (p >= n) throw new StopScan();
    return text.slice(start, p++);
  };
  const skipMultilineString = (quote: string): void => {
    const fence = quote.repeat(3);
    p += 3;
    for (;;) {
      if (p >= n) throw new StopScan();
      if (quote === '"' && text[p] === '\\') {
        p += 2;
        continue;
      }
      if (text.startsWith(fence, p)) {
        p += 3;
        // Up to two more quotes may close the string (`""""` ends with a quote in the value).
        while (text[p] === quote) p++;
        return;
      }
      p++;
    }
  };
  const skipValueString = (): void => {
    const quote = text[p] ?? '';
    if (text.startsWith(quote.repeat(3), p)) skipMultilineString(quote);
    else if (quote === '"') readBasicString(false);
    else readLiteralString();
  };

  /** A dotted key: bare, "basic" or 'literal' segments separated by `.`. */
  const readKey = (): string[] => {
    const segments: string[] = [];
    for (;;) {
      skipSpaces();
      const c = peek();
      if (c === '"') segments.push(readBasicString(true));
      else if (c === "'") segments.push(readLiteralString());
      else if (BARE_KEY.test(c)) {
        const start = p;
        while (p < n && BARE_KEY.test(text[p] ?? '')) p++;
        segments.push(text.slice(start, p));
      } else throw new StopScan();
      skipSpaces();
      if (peek() !== '.') return segments;
      p++;
    }
  };

  /**
   * The value of `node`'s key. Nested arrays and inline tables recurse, but only as deep as the
   * TOML parser, which runs first, allows (smol-toml stops at 1,000 levels).
   */
  const readValue = (node: KeyNode): void => {
    const c = peek();
    if (c === '"' || c === "'") {
      skipValueString();
      return;
    }
    if (c === '[') {
      p++;
      for (let index = 0; ; index++) {
        skipFiller();
        if (peek() === ']') {
          p++;
          return;
        }
        const element = childOf(node, index);
        record(element, p);
        readValue(element);
        skipFiller();
        if (peek() === ',') p++;
        else if (peek() === ']') {
          p++;
          return;
        } else throw new StopScan();
      }
    }
    if (c === '{') {
      p++;
      for (;;) {
        skipFiller();
        if (peek() === '}') {
          p++;
          return;
        }
        const start = p;
        const key = recordPath(node, readKey(), start);
        if (peek() !== '=') throw new StopScan();
        p++;
        skipSpaces();
        readValue(key);
        skipFiller();
        if (peek() === ',') p++;
        else if (peek() === '}') {
          p++;
          return;
        } else throw new StopScan();
      }
    }
    // A number, boolean or date: up to the next delimiter.
    const start = p;
    while (p < n && !',]}\n\r#'.includes(text[p] ?? '')) p++;
    if (p === start) throw new StopScan();
  };

  /**
   * A header's node, with the current element taken after each array-of-tables prefix, recording
   * each node on the way.
   */
  const resolveHeader = (segments: readonly string[], offset: number): KeyNode => {
    let node = top;
    for (const segment of segments) {
      node = childOf(node, segment);
      record(node, offset);
      if (node.arrayCount !== undefined) {
        node = childOf(node, node.arrayCount - 1);
        record(node, offset);
      }
    }
    return node;
  };

  let table = top;
  try {
    while (p < n) {
      skipFiller();
      if (p >= n) break;
      const start = p;
      if (peek() === '[') {
        const isArray = peek(1) === '[';
        p += isArray ? 2 : 1;
        const segments = readKey();
        if (isArray) {
          const parent = resolveHeader(segments.slice(0, -1), start);
          const own = childOf(parent, segments[segments.length - 1] ?? '');
          record(own, start);
          own.arrayCount = (own.arrayCount ?? 0) + 1;
          table = childOf(own, own.arrayCount - 1);
          record(table, start);
        } else {
          table = resolveHeader(segments, start);
        }
        if (!text.startsWith(isArray ? ']]' : ']', p)) throw new StopScan();
        p += isArray ? 2 : 1;
      } else {
        const key = recordPath(table, readKey(), start);
        if (peek() !== '=') throw new StopScan();
        p++;
        skipSpaces();
        readValue(key);
      }
      skipSpaces();
      skipComment();
    }
  } catch (error) {
    if (!(error instanceof StopScan)) throw error;
  }
  return top;
}

/**
 * A locator for one TOML text: scans it once, then answers each key path.
 * Never throws; returns undefined for a path it did not find.
 * @example createKeyLocator(text)(['tool', 'manifest', 'exclude', 0]) → { line: 12, column: 5 }
 */
export function createKeyLocator(
  text: string,
): (path: readonly KeySegment[]) => KeyPosition | undefined {
  let top: KeyNode;
  try {
    top = scanKeys(text);
  } catch {
    // Only a bug in the scanner lands here; a position is never worth failing for.
    top = {};
  }
  return (path) => {
    let node: KeyNode | undefined = top;
    for (const segment of path) {
      node = node.children?.get(segment);
      if (node === undefined) return undefined;
    }
    return node.position;
  };
}

/**
 * Where `keyPath` is written in `text`: the line and column of the key, of the table header that
 * introduces it, or of the array element for an index.
 * @returns undefined when the scanner cannot find it (never throws)
 * @example locateKey('[tool.manifest]\nexclude = ["/docs"]\n', ['tool', 'manifest', 'exclude']) → { line: 2, column: 1 }
 */
export function locateKey(text: string, keyPath: readonly KeySegment[]): KeyPosition | undefined {
  return createKeyLocator(text)(keyPath);
}

/**
 * The segments of a key path rendered by `formatKeyPath` (the inverse of it).
 * @example parseKeyPath('tool.manifest.wheel.map."a/b.sh"') → ['tool', 'manifest', 'wheel', 'map', 'a/b.sh']
 */
export function parseKeyPath(rendered: string): KeySegment[] {
  const out: KeySegment[] = [];
  const pattern = /"((?:[^"\\]|\\.)*)"|\[(\d+)\]|([A-Za-z0-9_-]+)/g;
  for (const match of rendered.matchAll(pattern)) {
    if (match[1] !== undefined) out.push(JSON.parse(`"${match[1]}"`) as string);
    else if (match[2] !== undefined) out.push(Number(match[2]));
    else if (match[3] !== undefined) out.push(match[3]);
  }
  return out;
}

/**
 * Errors that name a pyproject.toml key but no line (expansion finds them after parsing) get the
 * key's line and column; others are returned as they are.
 */
export function locateErrors(errors: readonly ManifestError[], text: string): ManifestError[] {
  let locate: ReturnType<typeof createKeyLocator> | undefined;
  return errors.map((error) => {
    if (error.line !== undefined || error.keyPath === undefined) return error;
    locate ??= createKeyLocator(text);
    const position = locate(parseKeyPath(error.keyPath));
    if (position === undefined) return error;
    return new ManifestError(error.code, error.message, {
      ...(error.file !== undefined ? { file: error.file } : {}),
      line: position.line,
      column: position.column,
      keyPath: error.keyPath,
      ...(error.received !== undefined ? { received: error.received } : {}),
      ...(error.hint !== undefined ? { hint: error.hint } : {}),
      ...(error.detail !== undefined ? { detail: error.detail } : {}),
    });
  });
}
