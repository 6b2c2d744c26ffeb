/**
 * The one listing shape that both archive readers produce and the pure checker consumes (as
 * publint's vfs feeds its core): member names, kinds, declared sizes and digests computed while
 * streaming. Pure types; the readers (sdist.ts, wheel.ts) fill them, check.ts reads them.
 */

/** One parsed row of a wheel's `.dist-info/RECORD` (see record.ts). */
export interface RecordRow {
  /** The path as written in RECORD. */
  path: string;
  /** The hash algorithm (`sha256`, `sha512`, …), '' when the hash field is empty. */
  algorithm: string;
  /** The urlsafe-base64 digest as written (unpadded), '' when the hash field is empty. */
  digest: string;
  /** The size as written, undefined when the field is empty. */
  size: number | undefined;
  /** The raw size field, kept when it is not a plain decimal number. */
  rawSize: string;
  /** 1-based line of the row in RECORD. */
  line: number;
}

/** A RECORD row that could not be parsed, and why. */
export interface RecordProblem {
  /** 1-based line in RECORD. */
  line: number;
  reason: string;
  /** The row as read. */
  text: string;
}

/** One archive member. */
export interface ArchiveEntry {
  /** Member name exactly as stored (sdists keep their `{name}-{version}/` root here). */
  path: string;
  /**
   * The name relative to the distribution: the sdist root stripped (`''` for the root directory
   * itself), the trailing `/` of directories dropped. Members outside the sdist root keep their
   * whole (normalized) name. For wheels, `path` without a trailing `/`.
   */
  relPath: string;
  kind: 'file' | 'dir' | 'symlink' | 'hardlink' | 'other';
  /** Declared (uncompressed) size. */
  size: number;
  /** Zip only: the compressed size, for the zip-bomb check. */
  compressedSize?: number;
  /** Unix permission bits, when the archive records them. */
  mode?: number;
  /**
   * Zip only: the name in the member's local header, when it differs from the central
   * directory's (`path`), which is what is listed.
   */
  localName?: string;
  /**
   * Zip only: the name an Info-ZIP Unicode Path extra field (0x7075) gives, when it differs from
   * the raw name (`path`, which Python's zipfile lists and pip extracts).
   */
  unicodeName?: string;
  /** Symlink or hardlink target, as stored. */
  linkTarget?: string;
  /**
   * urlsafe-base64 unpadded sha256 of the bytes, computed while streaming. Files, and zip
   * symlinks (whose bytes are the target, which RECORD hashes); '' for other kinds and for members
   * that were not hashed (see `oversized`).
   */
  sha256: string;
  /** Wheels only: digests in the other algorithms RECORD uses for this member (`sha384`, `sha512`). */
  digests?: Record<string, string>;
  /** The declared size was over `maxMemberSize`, so the bytes were not read or hashed. */
  oversized?: boolean;
}

/** What a reader saw in one archive. */
export interface ArchiveListing {
  /** The archive file as the caller named it. */
  file: string;
  kind: 'sdist' | 'wheel';
  /** Size of the archive file in bytes. */
  archiveSize: number;
  /** Members in archive order. */
  entries: ArchiveEntry[];
  /** sdist only: the top-level directory name (the first member's first segment). */
  root?: string;
  /**
   * sdist only: the text of its `pyproject.toml` (the first one under the root), when it is at
   * most 1 MiB: enough to tell an sdist built before `[tool.manifest]` from a stale one.
   */
  pyprojectText?: string;
  /**
   * The kind the file name promises (`.whl`: wheel, `.tar.gz`: sdist), when the name promises one;
   * `kind` is what the bytes are. The checker reports a disagreement.
   */
  nameKind?: 'sdist' | 'wheel';
  /** wheel only: the rows of `*.dist-info/RECORD`, when there is exactly one such file. */
  record?: RecordRow[];
  /** wheel only: RECORD rows that could not be parsed. */
  recordProblems?: RecordProblem[];
  /** wheel only: the member path of the RECORD that `record` was read from. */
  recordPath?: string;
  /**
   * The members' bytes were not read (`ReadArchiveOptions.namesOnly`): no digests, so nothing is
   * known about contents beyond the archive's index (names, kinds, declared sizes).
   */
  namesOnly?: boolean;
}

/** Options for the readers. */
export interface ReadArchiveOptions {
  /**
   * Members whose declared size is larger are listed but neither read nor hashed (and the checker
   * reports them as ARCHIVE_SIZE_SUSPICIOUS).
   * @default 268435456 (256 MiB)
   */
  maxMemberSize?: number;
  /**
   * An sdist whose tar stream expands to more than this many bytes is rejected as unreadable
   * (a gzip bomb must not make validation run forever).
   * @default 4294967296 (4 GiB)
   */
  maxTotalSize?: number;
  /**
   * Read the archive's index only: a wheel's central directory, its RECORD and symlink targets,
   * without reading (or inflating, or hashing) any other member. An sdist has no index: its whole
   * gzip stream is still read for the tar headers, but no member is hashed.
   * @default false
   */
  namesOnly?: boolean;
}

export const DEFAULT_MAX_MEMBER_SIZE = 256 * 1024 * 1024;
export const DEFAULT_MAX_TOTAL_SIZE = 4 * 1024 * 1024 * 1024;
