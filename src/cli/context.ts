/**
 * What every command handler gets: resolved options, output channels, colour, and path display.
 */
import { isAbsolute, relative, resolve, sep } from 'node:path';
import {
  CODES,
  describeError,
  describeFinding,
  describeFindingMessage,
  describeGroup,
  docsAnchor,
  groupFindings,
  isFindingGroup,
  type Finding,
  type ManifestError,
  type ProjectOptions,
} from '../index.js';
import type { CliIo } from './io.js';
import { formatAnnotation, isGithubActions } from './report/github.js';
import type { Style } from './report/style.js';

export interface Context {
  io: CliIo;
  /** Absolute project root. */
  root: string;
  manifestFile: string | undefined;
  json: boolean;
  verbose: boolean;
  style: Style;
  version: string;
}

/** The options every api call takes, from the command line's --root and --manifest. */
export function projectOptions(ctx: Pick<Context, 'root' | 'manifestFile'>): ProjectOptions {
  return ctx.manifestFile !== undefined
    ? { root: ctx.root, manifestFile: ctx.manifestFile }
    : { root: ctx.root };
}

/** A path relative to the project root, shown relative to the working directory. */
export function displayPath(ctx: Pick<Context, 'io' | 'root'>, file: string): string {
  // A million findings name one or two files: the last answer is kept (path.resolve and
  // path.relative per finding were a quarter of `validate --json`'s time on 160,000 of them).
  const last = lastShown;
  if (last !== undefined && last.ctx === ctx && last.file === file) return last.shown;
  const shown = computeDisplayPath(ctx, file);
  lastShown = { ctx, file, shown };
  return shown;
}

let lastShown: { ctx: Pick<Context, 'io' | 'root'>; file: string; shown: string } | undefined;

function computeDisplayPath(ctx: Pick<Context, 'io' | 'root'>, file: string): string {
  const abs = isAbsolute(file) ? file : resolve(ctx.root, file);
  const rel = relative(ctx.io.cwd, abs);
  if (rel === '') return '.';
  return rel.startsWith('..') && rel.split(sep).length > 4 ? abs : rel.split(sep).join('/');
}

function absolute(ctx: Pick<Context, 'root'>, file: string): string {
  return isAbsolute(file) ? file : resolve(ctx.root, file);
}

function colourLevel(ctx: Context, line: string, level: 'error' | 'warning'): string {
  const paint = level === 'error' ? ctx.style.red : ctx.style.yellow;
  return line.replace(new RegExp(`\\b${level}\\[([A-Z_]+)\\]`), (m) => ctx.style.bold(paint(m)));
}

/** The finding as JSON data (the documented shape in schema/output.schema.json). */
export function findingJson(ctx: Context, finding: Finding): Record<string, unknown> {
  const file = displayPath(ctx, finding.file);
  return {
    code: finding.code,
    severity: finding.severity,
    file,
    ...(finding.line !== undefined ? { line: finding.line } : {}),
    ...(finding.target !== undefined ? { target: finding.target } : {}),
    path: finding.path,
    message: describeFinding({ ...finding, file }),
    args: finding.args,
    docs: docsAnchor(finding.code),
  };
}

export function errorJson(
  ctx: Pick<Context, 'io' | 'root'>,
  error: ManifestError,
): Record<string, unknown> {
  const shown = error.file !== undefined ? displayPath(ctx, error.file) : undefined;
  return {
    code: error.code,
    ...(shown !== undefined ? { file: shown } : {}),
    ...(error.line !== undefined ? { line: error.line } : {}),
    ...(error.column !== undefined ? { column: error.column } : {}),
    ...(error.keyPath !== undefined ? { keyPath: error.keyPath } : {}),
    message: error.message,
    ...(error.received !== undefined ? { received: error.received } : {}),
    ...(error.hint !== undefined ? { hint: error.hint } : {}),
    docs: docsAnchor(error.code),
  };
}

/**
 * With --verbose, each finding or error line is followed by where its code is explained. Not by
 * default: a link on every line doubles the output that people and CI logs read most.
 */
function docsLine(ctx: Pick<Context, 'style'>, code: keyof typeof CODES): string {
  return `${ctx.style.dim(`  see ${docsAnchor(code)}`)}\n`;
}

/**
 * Print findings as text lines (stdout), plus Actions annotations (one per finding) when running
 * in GitHub Actions. Findings of one cause in one directory are one line (manifest/group.ts),
 * unless --verbose, which prints each with its docs link.
 * @returns the number of lines printed for the findings
 */
export async function printFindings(ctx: Context, findings: readonly Finding[]): Promise<number> {
  const items = ctx.verbose ? findings : groupFindings(findings);
  const out = createChunkedWriter(ctx.io.stdout);
  for (const item of items) {
    const line = isFindingGroup(item)
      ? describeGroup({ ...item, file: displayPath(ctx, item.file) })
      : describeFinding({ ...item, file: displayPath(ctx, item.file) });
    let full = out.write(`${colourLevel(ctx, line, item.severity)}\n`);
    if (ctx.verbose && !isFindingGroup(item)) full = out.write(docsLine(ctx, item.code)) || full;
    if (full) await out.drained();
  }
  if (out.flush()) await out.drained();
  await annotateFindings(ctx, findings);
  return items.length;
}

/** Where the CLI writes: a Node stream, or what a test gives run(). */
export interface OutputStream {
  write(text: string): unknown;
  /** A Node stream's: 'drain' comes once what a `write` that returned false held has gone out. */
  once?(event: 'drain', listener: () => void): unknown;
}

/** Text for a stream, sent in chunks; see {@link createChunkedWriter}. */
export interface ChunkedWriter {
  /** Add text; true when the stream holds more than it wants: await `drained()` before more. */
  write(text: string): boolean;
  /** Send what is left; true as for `write`. */
  flush(): boolean;
  drained(): Promise<void>;
}

/**
 * Text for `stream`, written in chunks of about 64 KiB: a million findings written line by line
 * were a million write calls (a quarter of `validate`'s time in GitHub Actions; issue #12). The
 * stream's back-pressure is passed on: into a pipe whose reader is slower (`| jq`, a CI log), a
 * Node stream queues whatever it is given in memory, and `validate --json` of a million findings
 * peaked at 3.7 GB; its writer waits for 'drain' instead.
 */
export function createChunkedWriter(stream: OutputStream): ChunkedWriter {
  let buffer = '';
  const send = (): boolean => {
    const accepted = stream.write(buffer);
    buffer = '';
    return accepted === false && stream.once !== undefined;
  };
  return {
    write(text) {
      buffer += text;
      return buffer.length >= 65_536 && send();
    },
    flush() {
      return buffer !== '' && send();
    },
    drained() {
      return new Promise((resolve) => stream.once!('drain', resolve));
    },
  };
}

/**
 * Print a writer's warnings (MANIFEST_IGNORED), one line each on stderr (stdout carries what was
 * written), plus Actions annotations. Nothing when there are none.
 */
export async function printWarnings(ctx: Context, findings: readonly Finding[]): Promise<void> {
  for (const finding of findings) {
    const line = describeFinding({ ...finding, file: displayPath(ctx, finding.file) });
    ctx.io.stderr.write(`${colourLevel(ctx, line, finding.severity)}\n`);
    if (ctx.verbose) ctx.io.stderr.write(docsLine(ctx, finding.code));
  }
  await annotateFindings(ctx, findings);
}

/**
 * The groups of `findings` as JSON: each with the indices of its findings in `findings` (which
 * keeps every finding), and the line the text output prints for it.
 */
export function groupsJson(ctx: Context, findings: readonly Finding[]): Record<string, unknown>[] {
  const groups = groupFindings(findings).filter(isFindingGroup);
  // A group's findings are in the order of `findings`: one pass finds their indices, looking up
  // only the next finding of each group (a map of every finding to its index held a million
  // entries beside the findings; issue #12).
  const indices = groups.map((): number[] => []);
  const next = new Map<Finding, number>();
  groups.forEach((group, g) => next.set(group.findings[0]!, g));
  findings.forEach((finding, i) => {
    const g = next.get(finding);
    if (g === undefined) return;
    next.delete(finding);
    const taken = indices[g]!;
    taken.push(i);
    const following = groups[g]!.findings[taken.length];
    if (following !== undefined) next.set(following, g);
  });
  return groups.map((group, g) => ({
    code: group.code,
    severity: group.severity,
    file: displayPath(ctx, group.file),
    ...(group.target !== undefined ? { target: group.target } : {}),
    dir: group.dir,
    count: group.findings.length,
    message: describeGroup({ ...group, file: displayPath(ctx, group.file) }),
    findings: indices[g],
  }));
}

export async function annotateFindings(ctx: Context, findings: readonly Finding[]): Promise<void> {
  if (!isGithubActions(ctx.io.env)) return;
  const workspace = ctx.io.env.GITHUB_WORKSPACE ?? ctx.io.cwd;
  const out = createChunkedWriter(ctx.io.stdout);
  for (const finding of findings) {
    const message = describeFindingMessage(finding);
    const full = out.write(
      formatAnnotation(
        {
          level: finding.severity,
          file: absolute(ctx, finding.file),
          ...(finding.line !== undefined ? { line: finding.line } : {}),
          title: `${finding.code}: ${CODES[finding.code].summary}`,
          message,
        },
        workspace,
      ),
    );
    if (full) await out.drained();
  }
  if (out.flush()) await out.drained();
}

/** Print user errors, one line each (stderr), plus annotations. */
export function printErrors(
  ctx: Pick<Context, 'io' | 'root' | 'style' | 'verbose'>,
  errors: readonly ManifestError[],
): void {
  for (const error of errors) {
    const line = describeError(
      error,
      error.file !== undefined ? displayPath(ctx, error.file) : undefined,
    );
    ctx.io.stderr.write(
      `${line.replace(/\berror\[[A-Z_]+\]/, (m) => ctx.style.bold(ctx.style.red(m)))}\n`,
    );
    if (ctx.verbose) ctx.io.stderr.write(docsLine(ctx, error.code));
    if (ctx.verbose && error.detail !== undefined) ctx.io.stderr.write(`${error.detail}\n`);
  }
  if (!isGithubActions(ctx.io.env)) return;
  const workspace = ctx.io.env.GITHUB_WORKSPACE ?? ctx.io.cwd;
  for (const error of errors) {
    ctx.io.stdout.write(
      formatAnnotation(
        {
          level: 'error',
          ...(error.file !== undefined ? { file: absolute(ctx, error.file) } : {}),
          ...(error.line !== undefined ? { line: error.line } : {}),
          ...(error.column !== undefined ? { column: error.column } : {}),
          title: `${error.code}: ${CODES[error.code].summary}`,
          message:
            error.hint !== undefined ? `${error.message} (hint: ${error.hint})` : error.message,
        },
        workspace,
      ),
    );
  }
}

/**
 * Print `value` as `JSON.stringify(value, null, 2)` would, followed by a newline, in chunks of about
 * 64 KiB: a million findings make more text than one string may hold (V8's limit is ~512 MiB, and
 * the string alone would double the memory; issue #12). Plain data only (no toJSON, no cycles).
 * Waits while stdout is full (see createChunkedWriter); with a stream that never is, all of it is
 * written before this returns.
 */
export async function writeJson(ctx: Pick<Context, 'io'>, value: unknown): Promise<void> {
  const out = createChunkedWriter(ctx.io.stdout);
  for (const piece of jsonPieces(value, '')) if (out.write(piece)) await out.drained();
  out.write('\n');
  if (out.flush()) await out.drained();
}

/**
 * An array for {@link writeJson} whose elements are made one at a time as they are written, so
 * that a million findings are never all held as JSON objects at once.
 */
export class JsonList<T> {
  constructor(
    readonly items: readonly T[],
    readonly map: (item: T) => unknown,
  ) {}
}

/** One value at `indent`, in JSON.stringify's two-space layout; nesting is our output's, shallow. */
function* jsonPieces(value: unknown, indent: string): Generator<string, void, undefined> {
  if (value instanceof JsonList) {
    const list = value as JsonList<unknown>;
    yield* arrayPieces(list.items.length, (index) => list.map(list.items[index]), indent);
    return;
  }
  if (value === null || typeof value !== 'object') {
    yield JSON.stringify(value) ?? 'null';
    return;
  }
  if (Array.isArray(value)) {
    yield* arrayPieces(value.length, (index) => value[index] as unknown, indent);
    return;
  }
  const inner = `${indent}  `;
  const entries = Object.entries(value).filter(
    ([, v]) => v !== undefined && typeof v !== 'function',
  );
  if (entries.length === 0) {
    yield '{}';
    return;
  }
  yield '{';
  for (const [index, [key, item]] of entries.entries()) {
    yield `${index === 0 ? '' : ','}\n${inner}${JSON.stringify(key)}: `;
    yield* jsonPieces(item, inner);
  }
  yield `\n${indent}}`;
}

function* arrayPieces(
  length: number,
  item: (index: number) => unknown,
  indent: string,
): Generator<string, void, undefined> {
  if (length === 0) {
    yield '[]';
    return;
  }
  const inner = `${indent}  `;
  yield '[';
  for (let index = 0; index < length; index++) {
    const value = item(index);
    // An element without a JsonList inside (a finding) is written by JSON.stringify itself, its
    // lines indented: a string holds no raw newline, so the layout is the same, and a million
    // findings take a fraction of the time of walking each value here.
    if (typeof value === 'object' && value !== null && !holdsJsonList(value))
      yield `${index === 0 ? '' : ','}\n${inner}${JSON.stringify(value, null, 2).replaceAll('\n', `\n${inner}`)}`;
    else {
      yield `${index === 0 ? '' : ','}\n${inner}`;
      // JSON.stringify writes null for an undefined or function element.
      yield* jsonPieces(value === undefined || typeof value === 'function' ? null : value, inner);
    }
  }
  yield `\n${indent}]`;
}

function holdsJsonList(value: object): boolean {
  if (value instanceof JsonList) return true;
  for (const item of Array.isArray(value) ? value : Object.values(value))
    if (typeof item === 'object' && item !== null && holdsJsonList(item as object)) return true;
  return false;
}
