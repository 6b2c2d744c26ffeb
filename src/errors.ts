/**
 * User errors (bad input: exit 2) and the table of every error and finding code.
 *
 * Owns: the `ManifestError` class, the `ErrorCode` union, and `CODES`, which gives each code its
 * exit code, a one-line summary and its anchor in docs/codes.md. `satisfies` makes the table
 * exhaustive: a new code without an entry fails typecheck. Codes are public: never rename one.
 * Must not: print, exit, or decide prose beyond the summary (messages are built in describe.ts).
 */
import type { FindingCode } from './manifest/types.js';

export type ErrorCode =
  | 'USAGE'
  | 'PROJECT_NOT_FOUND'
  | 'FILE_UNREADABLE'
  | 'CONFIG_TOML_SYNTAX'
  | 'CONFIG_UNKNOWN_KEY'
  | 'CONFIG_INVALID_TYPE'
  | 'CONFIG_INVALID_VALUE'
  | 'CONFIG_INVALID_PATTERN'
  | 'CONFIG_PACKAGE_NOT_FOUND'
  | 'CONFIG_MISSING_FILE'
  | 'CONFIG_TABLE_EXISTS'
  | 'CONFIG_HOOK_EXISTS'
  | 'DEST_CONFLICT'
  | 'TREE_UNREADABLE'
  | 'TREE_INVALID_NAME'
  | 'MANIFEST_NOT_FOUND'
  | 'MANIFEST_SYNTAX'
  | 'MANIFEST_VERSION'
  | 'MANIFEST_INVALID_PATH'
  | 'MANIFEST_DUPLICATE'
  | 'WRITE_FAILED'
  | 'WRITE_REFUSED'
  | 'ARCHIVE_UNREADABLE'
  | 'ARCHIVE_UNSUPPORTED';

export type Code = ErrorCode | FindingCode | 'INTERNAL';

export interface CodeInfo {
  /** Exit code when this code is the worst one reported. */
  exit: 1 | 2 | 3;
  /** One line, present tense, no trailing period. */
  summary: string;
  /** Section anchor in docs/codes.md. */
  anchor: string;
}

export const CODES = {
  USAGE: { exit: 2, summary: 'the command line is not valid', anchor: 'usage' },
  PROJECT_NOT_FOUND: {
    exit: 2,
    summary: 'no pyproject.toml was found',
    anchor: 'project_not_found',
  },
  FILE_UNREADABLE: { exit: 2, summary: 'a file could not be read', anchor: 'file_unreadable' },
  CONFIG_TOML_SYNTAX: {
    exit: 2,
    summary: 'pyproject.toml is not valid TOML',
    anchor: 'config_toml_syntax',
  },
  CONFIG_TABLE_EXISTS: {
    exit: 2,
    summary: '`manifest init` found a [tool.manifest] table already',
    anchor: 'config_table_exists',
  },
  CONFIG_HOOK_EXISTS: {
    exit: 2,
    summary: '`manifest init --hatch-hook` found another hatchling hook',
    anchor: 'config_hook_exists',
  },
  CONFIG_UNKNOWN_KEY: {
    exit: 2,
    summary: '[tool.manifest] has a key this version does not know',
    anchor: 'config_unknown_key',
  },
  CONFIG_INVALID_TYPE: {
    exit: 2,
    summary: 'a [tool.manifest] value has the wrong type',
    anchor: 'config_invalid_type',
  },
  CONFIG_INVALID_VALUE: {
    exit: 2,
    summary: 'a configuration value is not allowed',
    anchor: 'config_invalid_value',
  },
  CONFIG_INVALID_PATTERN: {
    exit: 2,
    summary: 'a pattern in [tool.manifest] is not valid',
    anchor: 'config_invalid_pattern',
  },
  CONFIG_PACKAGE_NOT_FOUND: {
    exit: 2,
    summary: 'the wheel package could not be found',
    anchor: 'config_package_not_found',
  },
  CONFIG_MISSING_FILE: {
    exit: 2,
    summary: 'a file named in pyproject.toml does not exist',
    anchor: 'config_missing_file',
  },
  DEST_CONFLICT: {
    exit: 2,
    summary: 'two sources would be written to the same destination',
    anchor: 'dest_conflict',
  },
  TREE_UNREADABLE: {
    exit: 2,
    summary: 'a directory of the source tree could not be read',
    anchor: 'tree_unreadable',
  },
  TREE_INVALID_NAME: {
    exit: 2,
    summary: 'a file name in the tree is not valid UTF-8',
    anchor: 'tree_invalid_name',
  },
  MANIFEST_NOT_FOUND: {
    exit: 2,
    summary: 'the manifest file does not exist',
    anchor: 'manifest_not_found',
  },
  MANIFEST_SYNTAX: { exit: 2, summary: 'a manifest line is not valid', anchor: 'manifest_syntax' },
  MANIFEST_VERSION: {
    exit: 2,
    summary: 'the manifest format version is missing or not supported',
    anchor: 'manifest_version',
  },
  MANIFEST_INVALID_PATH: {
    exit: 2,
    summary: 'a manifest path is not a normalized relative path',
    anchor: 'manifest_invalid_path',
  },
  MANIFEST_DUPLICATE: {
    exit: 2,
    summary: 'a destination is listed twice in one section',
    anchor: 'manifest_duplicate',
  },
  WRITE_FAILED: { exit: 2, summary: 'the manifest could not be written', anchor: 'write_failed' },
  WRITE_REFUSED: {
    exit: 2,
    summary: 'a writer refused to replace a file that is not a manifest',
    anchor: 'write_refused',
  },
  STALE_ENTRY: {
    exit: 1,
    summary: 'a manifest entry is no longer produced by the rules',
    anchor: 'stale_entry',
  },
  MISSING_SOURCE: {
    exit: 1,
    summary: 'a manifest entry names a source file that does not exist',
    anchor: 'missing_source',
  },
  UNLISTED_FILE: {
    exit: 1,
    summary: 'the rules select a file the manifest does not list',
    anchor: 'unlisted_file',
  },
  MANIFEST_NOT_CANONICAL: {
    exit: 1,
    summary: 'the manifest is not in canonical form',
    anchor: 'manifest_not_canonical',
  },
  MANIFEST_IGNORED: {
    exit: 1,
    summary: 'a .gitignore ignores the manifest itself, so git does not commit it',
    anchor: 'manifest_ignored',
  },
  DIR_ENTRY_MISSING: {
    exit: 1,
    summary: 'a directory holding listed files has no dir: line',
    anchor: 'dir_entry_missing',
  },
  DIR_ENTRY_EXTRA: {
    exit: 1,
    summary: 'a dir: line names a directory that holds no listed file',
    anchor: 'dir_entry_extra',
  },
  WHEEL_SOURCE_NOT_IN_SDIST: {
    exit: 1,
    summary: 'a wheel file comes from a source the sdist does not ship',
    anchor: 'wheel_source_not_in_sdist',
  },
  GEN_SHADOWS_MOD: {
    exit: 1,
    summary: 'a gen: glob matches the DEST of a mod: or alt: entry in the same section',
    anchor: 'gen_shadows_mod',
  },
  ARCHIVE_UNREADABLE: {
    exit: 2,
    summary: 'an archive is truncated, corrupt or cannot be read',
    anchor: 'archive_unreadable',
  },
  ARCHIVE_UNSUPPORTED: {
    exit: 2,
    summary: 'a file is neither a gzip-compressed tar (sdist) nor a zip (wheel)',
    anchor: 'archive_unsupported',
  },
  ARCHIVE_MISSING_FILE: {
    exit: 1,
    summary: 'a listed file is missing from an archive',
    anchor: 'archive_missing_file',
  },
  ARCHIVE_EXTRA_FILE: {
    exit: 1,
    summary: 'an archive holds a file the manifest does not list',
    anchor: 'archive_extra_file',
  },
  ARCHIVE_CONTENT_MISMATCH: {
    exit: 1,
    summary: 'an archive member differs from its source file in the tree',
    anchor: 'archive_content_mismatch',
  },
  ARCHIVE_PREDATES_MANIFEST: {
    exit: 1,
    summary: 'an sdist was built before the manifest, or before its last change',
    anchor: 'archive_predates_manifest',
  },
  SDIST_ROOT_INVALID: {
    exit: 1,
    summary: 'an sdist does not have exactly one {name}-{version}/ top-level directory',
    anchor: 'sdist_root_invalid',
  },
  SDIST_PKG_INFO_MISSING: {
    exit: 1,
    summary: 'an sdist has no PKG-INFO',
    anchor: 'sdist_pkg_info_missing',
  },
  SDIST_PYPROJECT_MISSING: {
    exit: 1,
    summary: 'an sdist has no pyproject.toml',
    anchor: 'sdist_pyproject_missing',
  },
  WHEEL_DIST_INFO_INVALID: {
    exit: 1,
    summary: 'a wheel does not have one valid {name}-{version}.dist-info/ directory',
    anchor: 'wheel_dist_info_invalid',
  },
  WHEEL_DATA_SCHEME_INVALID: {
    exit: 1,
    summary: 'a wheel .data/ directory uses an unknown scheme or the wrong name',
    anchor: 'wheel_data_scheme_invalid',
  },
  RECORD_MISSING: {
    exit: 1,
    summary: 'a wheel has no .dist-info/RECORD',
    anchor: 'record_missing',
  },
  RECORD_ROW_INVALID: {
    exit: 1,
    summary: 'a RECORD row is not path,hash,size',
    anchor: 'record_row_invalid',
  },
  RECORD_ROW_MISSING: {
    exit: 1,
    summary: 'a wheel file is not listed in RECORD',
    anchor: 'record_row_missing',
  },
  RECORD_ROW_EXTRA: {
    exit: 1,
    summary: 'RECORD lists a file the wheel does not hold',
    anchor: 'record_row_extra',
  },
  RECORD_DUPLICATE_ROW: {
    exit: 1,
    summary: 'RECORD lists a file twice',
    anchor: 'record_duplicate_row',
  },
  RECORD_HASH_MISMATCH: {
    exit: 1,
    summary: 'a RECORD hash does not match the file',
    anchor: 'record_hash_mismatch',
  },
  RECORD_SIZE_MISMATCH: {
    exit: 1,
    summary: 'a RECORD size does not match the file',
    anchor: 'record_size_mismatch',
  },
  RECORD_WEAK_HASH: {
    exit: 1,
    summary: 'a RECORD row has no hash, or one weaker than sha256',
    anchor: 'record_weak_hash',
  },
  ARCHIVE_UNSAFE_PATH: {
    exit: 1,
    summary: 'an archive member name is absolute, has .. or a backslash',
    anchor: 'archive_unsafe_path',
  },
  ARCHIVE_UNSAFE_LINK: {
    exit: 1,
    summary: 'an archive link points outside the archive',
    anchor: 'archive_unsafe_link',
  },
  ARCHIVE_NAME_MISMATCH: {
    exit: 1,
    summary: "a zip member's name differs between its headers",
    anchor: 'archive_name_mismatch',
  },
  ARCHIVE_KIND_MISMATCH: {
    exit: 1,
    summary: "an archive's file name says sdist and its bytes wheel, or the reverse",
    anchor: 'archive_kind_mismatch',
  },
  ARCHIVE_DUPLICATE_MEMBER: {
    exit: 1,
    summary: 'an archive holds one name twice',
    anchor: 'archive_duplicate_member',
  },
  ARCHIVE_CASE_COLLISION: {
    exit: 1,
    summary: 'archive member names differ only by case',
    anchor: 'archive_case_collision',
  },
  ARCHIVE_SIZE_SUSPICIOUS: {
    exit: 1,
    summary: 'an archive member declares an absurd size (a zip bomb?)',
    anchor: 'archive_size_suspicious',
  },
  INTERNAL: { exit: 3, summary: 'an internal error (a bug)', anchor: 'internal' },
} as const satisfies Record<Code, CodeInfo>;

export interface ManifestErrorInit {
  /** The file the problem is in (project-relative where possible). */
  file?: string;
  line?: number;
  column?: number;
  /** TOML key path, e.g. `tool.manifest.wheel.include[2]`. */
  keyPath?: string;
  /** The offending value, as received. */
  received?: string;
  /** What to do about it. */
  hint?: string;
  /** Extra detail shown only with --verbose (e.g. a TOML code frame). */
  detail?: string;
}

/**
 * The one error class for bad input. `message` says what is wrong, in one line.
 * @example throw new ManifestError('MANIFEST_SYNTAX', 'unknown entry kind "mv"', { file, line: 4, column: 1, hint: 'use mod:, dir: or gen:' })
 */
export class ManifestError extends Error {
  readonly code: ErrorCode;
  readonly file: string | undefined;
  readonly line: number | undefined;
  readonly column: number | undefined;
  readonly keyPath: string | undefined;
  readonly received: string | undefined;
  readonly hint: string | undefined;
  readonly detail: string | undefined;

  constructor(code: ErrorCode, message: string, init: ManifestErrorInit = {}) {
    super(message);
    this.name = 'ManifestError';
    this.code = code;
    this.file = init.file;
    this.line = init.line;
    this.column = init.column;
    this.keyPath = init.keyPath;
    this.received = init.received;
    this.hint = init.hint;
    this.detail = init.detail;
  }
}

/**
 * Several user errors found in one pass (every config problem, not only the first).
 * The CLI prints one line for each.
 */
export class ManifestErrors extends Error {
  readonly errors: readonly ManifestError[];
  constructor(errors: readonly ManifestError[]) {
    super(errors.map((e) => e.message).join('; '));
    this.name = 'ManifestErrors';
    this.errors = errors;
  }
}

/** The parts of a stat result that say what kind of file it is. */
export interface FileTypeTests {
  isFile(): boolean;
  isDirectory(): boolean;
  isFIFO(): boolean;
  isSocket(): boolean;
  isCharacterDevice(): boolean;
  isBlockDevice(): boolean;
}

/**
 * What a file that is not a regular file is, in words (`a FIFO`, `a device`, …), or undefined for
 * a regular file. Readers open nothing else: a FIFO blocks a read forever, `/dev/zero` never ends.
 * @example describeFileType(statSync('/dev/zero')) // 'a device'
 */
export function describeFileType(st: FileTypeTests): string | undefined {
  if (st.isFile()) return undefined;
  if (st.isDirectory()) return 'a directory';
  if (st.isFIFO()) return 'a FIFO';
  if (st.isSocket()) return 'a socket';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'a device';
  return 'not a regular file';
}

/** Throw the collected errors: one as itself, several as `ManifestErrors`. No-op when empty. */
export function throwCollected(errors: readonly ManifestError[]): void {
  if (errors.length === 1) throw errors[0];
  if (errors.length > 1) throw new ManifestErrors(errors);
}

export function isManifestError(value: unknown): value is ManifestError {
  return value instanceof ManifestError;
}
