/**
 * Wheel RECORD: parsing the CSV and verifying it against the members the reader hashed.
 *
 * Owns: the RECORD rules of the binary distribution format spec
 * (https://packaging.python.org/en/latest/specifications/binary-distribution-format/, "The
 * .dist-info directory"): "RECORD is a list of (almost) all the files in the wheel and their
 * secure hashes. Unlike PEP 376, every file except RECORD, which cannot contain a hash of itself,
 * must include its hash. The hash algorithm must be sha256 or better; specifically, md5 and sha1
 * are not permitted". The signature files RECORD.jws and RECORD.p7s are added after RECORD is
 * written, so they may be absent from it or listed without a hash.
 * Must not: read files or import node:* — the reader (wheel.ts) computes the digests while
 * streaming and check.ts, which is pure, calls `verifyRecord`.
 */
import type { Finding, FindingCode } from '../manifest/types.js';
import type { ArchiveEntry, ArchiveListing, RecordProblem, RecordRow } from './types.js';

/** Hash algorithms we verify; all are sha256 "or better". */
export const RECORD_ALGORITHMS: readonly string[] = ['sha256', 'sha384', 'sha512'];

/**
 * Split CSV text the way Python's `csv.reader` (excel dialect) reads it: `,` separators, `"`
 * quoting with `""` as an escaped quote, quoted fields may hold separators and newlines, lines end
 * with `\n` or `\r\n`. Blank lines give no record.
 *
 * Fields are taken as slices of `text`, never built a character at a time: appending one char at a
 * time leaves a chain of cons strings per field, which over a 20,000-row RECORD held ~9 MB of heap
 * until the check ran (bench/README.md).
 * @returns each record's fields and the 1-based line it starts on
 */
export function splitCsv(text: string): { fields: string[]; line: number }[] {
  const records: { fields: string[]; line: number }[] = [];
  let fields: string[] = [];
  /** The quoted field so far, up to `start` (only when a `""` or a quote split it). */
  let field = '';
  let start = 0;
  let quoted = false;
  let atFieldStart = true;
  let line = 1;
  let recordLine = 1;
  let any = false;
  const take = (end: number): string => {
    const value = field + text.slice(start, end);
    field = '';
    return value;
  };
  const endRecord = (end: number): void => {
    const last = take(end);
    if (any) records.push({ fields: [...fields, last], line: recordLine });
    fields = [];
    any = false;
    atFieldStart = true;
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (quoted) {
      if (ch === 0x22 /* " */) {
        field += text.slice(start, i);
        if (text.charCodeAt(i + 1) === 0x22) {
          field += '"';
          i++;
        } else quoted = false;
        start = i + 1;
      } else if (ch === 0x0a) line++;
      continue;
    }
    if (ch === 0x22 && atFieldStart) {
      quoted = true;
      any = true;
      atFieldStart = false;
      start = i + 1;
    } else if (ch === 0x2c /* , */) {
      fields.push(take(i));
      start = i + 1;
      any = true;
      atFieldStart = true;
    } else if (ch === 0x0a || ch === 0x0d) {
      endRecord(i);
      if (ch === 0x0d && text.charCodeAt(i + 1) === 0x0a) i++;
      start = i + 1;
      line++;
      recordLine = line;
    } else {
      any = true;
      if (atFieldStart) {
        atFieldStart = false;
        start = i;
      }
    }
  }
  endRecord(text.length);
  return records;
}

/**
 * Parse RECORD text into rows. Rows that are not `path,hash,size` are returned as problems, not
 * thrown: a broken RECORD is a finding about the wheel, not a reason to stop reading it.
 * @example parseRecord('pkg/__init__.py,sha256=47DEQpj8HBSa-_TImW-5JCeuQeRkm5NMpJWZG3hSuFU,0\n')
 */
export function parseRecord(text: string): { rows: RecordRow[]; problems: RecordProblem[] } {
  const rows: RecordRow[] = [];
  const problems: RecordProblem[] = [];
  for (const { fields, line } of splitCsv(text)) {
    // Joined only for a problem: one string per row, kept or not, is 20,000 strings on a big wheel.
    const raw = (): string => fields.join(',');
    if (fields.length !== 3) {
      problems.push({ line, reason: `expected 3 fields, found ${fields.length}`, text: raw() });
      continue;
    }
    const [path, hash, size] = fields as [string, string, string];
    let algorithm = '';
    let digest = '';
    if (hash !== '') {
      const eq = hash.indexOf('=');
      if (eq <= 0) {
        problems.push({ line, reason: 'the hash is not written as algorithm=digest', text: raw() });
        continue;
      }
      algorithm = hash.slice(0, eq);
      digest = hash.slice(eq + 1);
    }
    let parsedSize: number | undefined;
    if (size !== '') {
      if (!/^[0-9]+$/.test(size)) {
        problems.push({ line, reason: 'the size is not a decimal number', text: raw() });
        continue;
      }
      parsedSize = Number(size);
    }
    rows.push({ path, algorithm, digest, size: parsedSize, rawSize: size, line });
  }
  return { rows, problems };
}

/** The RECORD file name and the signature files that RECORD cannot hash. */
function unhashedName(path: string, recordPath: string): boolean {
  return path === recordPath || path === `${recordPath}.jws` || path === `${recordPath}.p7s`;
}

/**
 * Verify a wheel listing's RECORD: every file listed exactly once, nothing listed that is not
 * there, a strong hash and the right size on every row except RECORD's own (and its signatures).
 * Pure: compares the rows with the digests the reader computed. Rows that `parseRecord` could not
 * read (`listing.recordProblems`) are reported as RECORD_ROW_INVALID.
 *
 * Each finding's `member` is the wheel member to look at: RECORD itself when a row is at fault
 * (unreadable, duplicated, naming a file the wheel lacks, a weak or absent hash), the file when
 * the file disagrees with its row or has none (hash, size, row missing). `path` is always the
 * path the row or the file names, and `args.recordLine` the row's line in RECORD.
 *
 * A listing read with `namesOnly` has no digests: everything above is checked but the hashes, which
 * are left unread (sizes are the archive index's declared ones, as always for a wheel).
 */
export function verifyRecord(listing: ArchiveListing): Finding[] {
  const findings: Finding[] = [];
  const recordPath = listing.recordPath;
  const rows = listing.record;
  if (recordPath === undefined || rows === undefined) return findings;
  const add = (code: FindingCode, path: string, member: string, args: Finding['args']): void => {
    findings.push({
      code,
      severity: 'error',
      file: listing.file,
      target: 'wheel',
      path,
      member,
      args,
    });
  };
  for (const problem of listing.recordProblems ?? []) {
    add('RECORD_ROW_INVALID', recordPath, recordPath, {
      reason: problem.reason,
      row: problem.text,
      recordLine: problem.line,
    });
  }
  const files = new Map<string, ArchiveEntry>();
  for (const entry of listing.entries) if (entry.kind !== 'dir') files.set(entry.relPath, entry);
  const seen = new Map<string, RecordRow>();
  for (const row of rows) {
    const first = seen.get(row.path);
    if (first !== undefined) {
      add('RECORD_DUPLICATE_ROW', row.path, recordPath, {
        recordLine: row.line,
        firstLine: first.line,
      });
      continue;
    }
    seen.set(row.path, row);
    const entry = files.get(row.path);
    if (entry === undefined) {
      add('RECORD_ROW_EXTRA', row.path, recordPath, { recordLine: row.line });
      continue;
    }
    if (row.path === recordPath && (row.algorithm !== '' || row.rawSize !== '')) {
      // The spec: "every file except RECORD, which cannot contain a hash of itself, must include
      // its hash"; RECORD's own row leaves both fields empty.
      add('RECORD_ROW_INVALID', recordPath, recordPath, {
        reason: 'RECORD lists itself with a hash or a size; its own row leaves both empty',
        row: `${row.path},${row.algorithm === '' ? '' : `${row.algorithm}=${row.digest}`},${row.rawSize}`,
        recordLine: row.line,
      });
      continue;
    }
    if (unhashedName(row.path, recordPath)) continue;
    if (row.algorithm === '' || !RECORD_ALGORITHMS.includes(row.algorithm)) {
      add('RECORD_WEAK_HASH', row.path, recordPath, {
        algorithm: row.algorithm,
        recordLine: row.line,
      });
    } else if (!entry.oversized && !listing.namesOnly) {
      const actual =
        row.algorithm === 'sha256' ? entry.sha256 : (entry.digests?.[row.algorithm] ?? '');
      if (actual !== row.digest) {
        add('RECORD_HASH_MISMATCH', row.path, entry.path, {
          algorithm: row.algorithm,
          recorded: row.digest,
          actual,
          recordLine: row.line,
        });
      }
    }
    if (row.size === undefined || row.size !== entry.size) {
      add('RECORD_SIZE_MISMATCH', row.path, entry.path, {
        recorded: row.rawSize,
        actual: entry.size,
        recordLine: row.line,
      });
    }
  }
  for (const [path, entry] of files) {
    if (seen.has(path) || entry.kind !== 'file') continue;
    if (path === `${recordPath}.jws` || path === `${recordPath}.p7s`) continue;
    add('RECORD_ROW_MISSING', path, entry.path, {});
  }
  return findings;
}
