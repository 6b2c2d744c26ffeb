/**
 * The data model shared by every layer: manifest entries, the rule that decided them, listings of
 * a tree or an archive, and findings. Pure types; nothing here does I/O.
 *
 * MANIFEST-FORMAT.md is the authority for what these represent on disk.
 */

/** The two sections of a manifest (MANIFEST-FORMAT.md §3). */
export type Target = 'sdist' | 'wheel';

/** The kinds of entry line (MANIFEST-FORMAT.md §4). */
export type EntryKind = 'mod' | 'alt' | 'dir' | 'gen';

/**
 * Where a decision came from, so that messages (and `manifest explain`) can point at it.
 *
 * - `ignore-file`: a line of an ignore file; `source` is its project-relative path.
 * - `config`: a `[tool.manifest]` value; `source` is `pyproject.toml`, `key` the key path.
 * - `project`: a `[project]` value (readme, license files); `key` names it.
 * - `default`: a built-in rule (`__pycache__/`, `*.py[cod]`, VCS directories, `PKG-INFO`).
 * - `package-detection`: the wheel package found from `[project].name`.
 * - `backend`: what the build backend itself writes, rewrites or forces in (src/backends/);
 *   `source` is `pyproject.toml`, `key` the backend id's key or the backend's config key,
 *   `pattern` the file or glob, `reason` one line naming what does it.
 */
export interface RuleRef {
  kind: 'ignore-file' | 'config' | 'project' | 'default' | 'package-detection' | 'backend';
  /** The file the rule lives in, project-relative (`src/.gitignore`, `pyproject.toml`). */
  source: string;
  /** 1-based line in `source`, when known. */
  line?: number;
  /** TOML key path, e.g. `tool.manifest.wheel.exclude[2]`. */
  key?: string;
  /** The pattern or value as written. */
  pattern?: string;
  /** For `backend` rules: what does it, e.g. "setuptools writes the egg-info directory". */
  reason?: string;
}

/** A file copied from the tree: `mod: SRC -> DEST`. */
export interface ModEntry {
  kind: 'mod';
  src: string;
  dest: string;
  /** 1-based line in the manifest file, set by the parser. */
  line?: number;
  /** The rule that selected it, set by expansion. */
  rule?: RuleRef;
}

/**
 * A file shipped from the tree whose bytes the build rewrites: `alt: SRC -> DEST`
 * (MANIFEST-FORMAT.md §4.9). Consumers require DEST in an archive but never compare its bytes with
 * SRC: setuptools rewrites a tracked setup.cfg, pdm-backend rewrites pyproject.toml, hatchling
 * rewrites the shebang of a `{data}/scripts` file.
 */
export interface AltEntry {
  kind: 'alt';
  src: string;
  dest: string;
  line?: number;
  /** The rule that selected it, set by expansion. */
  rule?: RuleRef;
  /** The rule that says the build rewrites it (a `rewritten` pattern), set by expansion. */
  rewrite?: RuleRef;
}

/** An entry with a SRC in the tree: `mod:` or `alt:`. */
export type SourcedEntry = ModEntry | AltEntry;

/** A destination directory: `dir: DEST`. */
export interface DirEntry {
  kind: 'dir';
  dest: string;
  line?: number;
}

/** A file (or glob of files) the build produces: `gen: DEST`. */
export interface GenEntry {
  kind: 'gen';
  dest: string;
  line?: number;
  rule?: RuleRef;
}

export type ManifestEntry = ModEntry | AltEntry | DirEntry | GenEntry;

/** A whole manifest: both sections, each in canonical order once formatted. */
export interface Manifest {
  /** Format version (MANIFEST-FORMAT.md §2). */
  version: 1;
  sdist: ManifestEntry[];
  wheel: ManifestEntry[];
}

/** One file found in the source tree by the walker. */
export interface TreeFile {
  /** Project-relative, `/`-separated. */
  path: string;
  /** A symlink is listed as itself, as git lists it. */
  kind: 'file' | 'symlink';
}

/** A path the walker did not list, and why. Ignored directories are recorded once and not entered. */
export interface IgnoredPath {
  path: string;
  dir: boolean;
  rule: RuleRef;
}

/** What the walker saw: the candidate files, sorted in code-point order, and what it left out. */
export interface TreeListing {
  files: TreeFile[];
  ignored: IgnoredPath[];
}

export type Severity = 'error' | 'warning';

/** Codes of findings: expected results of `validate`, never thrown. See src/errors.ts for the table. */
export type FindingCode =
  | 'STALE_ENTRY'
  | 'MISSING_SOURCE'
  | 'UNLISTED_FILE'
  | 'MANIFEST_NOT_CANONICAL'
  | 'MANIFEST_IGNORED'
  | 'DIR_ENTRY_MISSING'
  | 'DIR_ENTRY_EXTRA'
  | 'WHEEL_SOURCE_NOT_IN_SDIST'
  | 'GEN_SHADOWS_MOD'
  | 'ARCHIVE_MISSING_FILE'
  | 'ARCHIVE_EXTRA_FILE'
  | 'ARCHIVE_CONTENT_MISMATCH'
  | 'ARCHIVE_PREDATES_MANIFEST'
  | 'SDIST_ROOT_INVALID'
  | 'SDIST_PKG_INFO_MISSING'
  | 'SDIST_PYPROJECT_MISSING'
  | 'WHEEL_DIST_INFO_INVALID'
  | 'WHEEL_DATA_SCHEME_INVALID'
  | 'RECORD_MISSING'
  | 'RECORD_ROW_INVALID'
  | 'RECORD_ROW_MISSING'
  | 'RECORD_ROW_EXTRA'
  | 'RECORD_DUPLICATE_ROW'
  | 'RECORD_HASH_MISMATCH'
  | 'RECORD_SIZE_MISMATCH'
  | 'RECORD_WEAK_HASH'
  | 'ARCHIVE_UNSAFE_PATH'
  | 'ARCHIVE_UNSAFE_LINK'
  | 'ARCHIVE_NAME_MISMATCH'
  | 'ARCHIVE_KIND_MISMATCH'
  | 'ARCHIVE_DUPLICATE_MEMBER'
  | 'ARCHIVE_CASE_COLLISION'
  | 'ARCHIVE_SIZE_SUSPICIOUS';

/** A finding: plain data, rendered to prose only by the reporter. */
export interface Finding {
  code: FindingCode;
  severity: Severity;
  /** The file the finding is about: the manifest, pyproject.toml, or an archive. */
  file: string;
  /** 1-based line in `file`, when there is one. */
  line?: number;
  /** The manifest section concerned, when there is one. */
  target?: Target;
  /** The manifest or archive path concerned. */
  path: string;
  /** For archive findings: the member name as stored in the archive, shown as `archive:member`. */
  member?: string;
  /** Details for the message, e.g. the entry line text. */
  args: Record<string, string | number>;
}

/**
 * Findings of one cause in one directory, shown as one line (manifest/group.ts): same file, code,
 * section and severity, under the same top-level directory of their paths.
 */
export interface FindingGroup {
  code: FindingCode;
  severity: Severity;
  /** The file the findings are about. */
  file: string;
  target?: Target;
  /** The deepest directory holding every finding's path; '' for the top level. */
  dir: string;
  /** The findings, in the order they were reported. */
  findings: Finding[];
}
