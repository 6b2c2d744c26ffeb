/**
 * The archive checker: one archive listing against its section of the manifest → Finding[].
 *
 * Owns: what a built sdist or wheel may and must hold — the manifest's `mod:`, `alt:` and `gen:` lines,
 * the files the packaging specs require or define, the RECORD rules (record.ts), the bytes of
 * `mod:` members against the tree, and archive safety (reported, never acted on: nothing here
 * extracts).
 * Must not: read anything or import node:* — the readers hash members while streaming and the api
 * layer hashes the tree (hash-tree.ts), so this stays a pure function of its inputs.
 *
 * Specs cited below:
 * - [sdist] https://packaging.python.org/en/latest/specifications/source-distribution-format/
 *   "A .tar.gz source distribution (sdist) contains a single top-level directory called
 *   {name}-{version} (e.g. foo-1.0), containing the source files of the package. [...] This
 *   directory must also contain a pyproject.toml [...] and a PKG-INFO file".
 * - [wheel] https://packaging.python.org/en/latest/specifications/binary-distribution-format/
 *   file name `{distribution}-{version}(-{build tag})?-{python tag}-{abi tag}-{platform tag}.whl`;
 *   "Wheel .dist-info directories include at a minimum METADATA, WHEEL, and RECORD"; subdirectories
 *   of `{distribution}-{version}.data/` are keys of the install scheme: purelib, platlib, headers,
 *   scripts, data.
 * - [format] MANIFEST-FORMAT.md §9: after stripping the sdist root, every file MUST be a `mod` or
 *   `alt` DEST or matched by a `gen` DEST, and every `mod` and `alt` DEST MUST be there; directory
 *   members MAY be present; the wheel's `.dist-info/` "is not listed, and consumers MUST NOT report
 *   it"; a `gen` DEST allows a file but does not require one; the content of an `alt` DEST and of
 *   a `gen` match is never compared with the tree (RECORD still checks it against the wheel).
 */
import { escapeDistName, sameVersion, splitNameVersion } from '../manifest/dist-name.js';
import { formatEntry } from '../manifest/format.js';
import { manifestTableKey } from '../rules/manifest-table.js';
import { compileGenGlob } from '../manifest/glob.js';
import type {
  Finding,
  FindingCode,
  ManifestEntry,
  Severity,
  SourcedEntry,
  Target,
} from '../manifest/types.js';
import { LinkResolver } from './links.js';
import { verifyRecord } from './record.js';
import { DEFAULT_MAX_MEMBER_SIZE, type ArchiveEntry, type ArchiveListing } from './types.js';

/** Options for `checkArchive`. */
export interface CheckArchiveOptions {
  /**
   * SRC → urlsafe-base64 sha256 of the tree file now (see `hashTreeFiles`). A `mod:` member whose
   * SRC is absent from the map is not compared.
   * @default undefined (no byte comparison)
   */
  treeHashes?: ReadonlyMap<string, string>;
  /**
   * `mod:`/`alt:` SRCs that are symlinks to directories in the tree (MANIFEST-FORMAT.md §15.3),
   * each with the paths below it, through the link, that are files (of those the archive names).
   * The archive may hold the link itself at DEST (a backend that keeps symlinks) or the linked
   * directory's files below DEST/ (one that follows it); each such member must be one of these
   * files, and its bytes are compared with `treeHashes` under `SRC/path`.
   * @default undefined (no SRC is a directory link)
   * @example new Map([['pkg/assets', new Set(['a.txt', 'sub/b.txt'])]])
   */
  linkedDirs?: ReadonlyMap<string, ReadonlySet<string>>;
  /**
   * Compare names only: skip ARCHIVE_CONTENT_MISMATCH (RECORD hashes are still verified, as they
   * concern the wheel alone).
   * @default false
   */
  namesOnly?: boolean;
  /**
   * `[project].name` and `version`, when known: the sdist root and the wheel's `.dist-info` must
   * agree with them (after name normalization).
   * @default undefined (checked against the archive file name only)
   * @example { name: 'acme-widgets', version: '1.4.0' }
   */
  project?: { name: string; version: string };
  /**
   * Above this declared size a member is suspicious whatever its compression.
   * @default 268435456 (256 MiB)
   */
  maxMemberSize?: number;
  /**
   * The project as it is now, to tell an sdist built before its manifest (ARCHIVE_PREDATES_MANIFEST):
   * the manifest file (project-relative) and `manifestTableKey` of the tree's pyproject.toml.
   * @default undefined (such an sdist shows its pyproject.toml and manifest differences as they are)
   * @example { manifestFile: 'pyproject-manifest.txt', manifestTable: manifestTableKey(pyprojectText) }
   */
  current?: { manifestFile: string; manifestTable: string };
}

/** Wheel `.data/` subdirectories: the install-scheme keys of the wheel spec. */
export const DATA_SCHEMES: readonly string[] = ['purelib', 'platlib', 'headers', 'scripts', 'data'];

/**
 * Ratio of declared to compressed size above which a declared size cannot be true: deflate's best
 * case is about 1032:1 (measured: 4–20 MiB of zeros at level 9 give 1026–1028), so a higher ratio
 * is a lie — a zip bomb's, or a corrupt header's. A file of zeros stays below it.
 */
const BOMB_RATIO = 1100;
/** Below this declared size, no ratio is worth a finding. */
const BOMB_FLOOR = 1024 * 1024;
/**
 * A member over BOMB_SIZE that compresses better than BOMB_SUSPECT_RATIO:1 is a zip bomb's shape
 * (deflate's ~1030:1 on zeros, repeated): it is reported and not inflated, so that eight 250 MB
 * members of zeros in a 2 MB wheel are judged from the central directory, not after 2 GB of
 * inflating (issue #12). Source, data and binaries in real wheels stay far below it (text
 * compresses ~3–10:1).
 */
const BOMB_SUSPECT_RATIO = 200;
const BOMB_SIZE = 16 * 1024 * 1024;

/**
 * Why a member's declared size is absurd, or undefined. Shared with the wheel reader, which does
 * not read such members (yauzl would fail on the lie, and we want a finding, not an error).
 */
export function sizeVerdict(
  size: number,
  compressedSize: number | undefined,
  maxMemberSize: number = DEFAULT_MAX_MEMBER_SIZE,
): string | undefined {
  if (size > maxMemberSize)
    return `declares ${size} bytes, over the ${maxMemberSize}-byte limit (not read)`;
  if (
    compressedSize !== undefined &&
    size > BOMB_FLOOR &&
    size > Math.max(compressedSize, 1) * BOMB_RATIO
  ) {
    return `declares ${size} bytes from ${compressedSize} compressed, more than deflate can produce (not read)`;
  }
  if (
    compressedSize !== undefined &&
    size > BOMB_SIZE &&
    size > Math.max(compressedSize, 1) * BOMB_SUSPECT_RATIO
  ) {
    const ratio = Math.round(size / Math.max(compressedSize, 1));
    return `declares ${size} bytes from ${compressedSize} compressed (${ratio}:1), the shape of a zip bomb (not read)`;
  }
  return undefined;
}

function baseName(file: string): string {
  return file.split(/[\\/]/).pop() ?? file;
}

/** Why a member name is unsafe to extract, or undefined. */
export function unsafeReason(name: string): string | undefined {
  if (name.includes('\0')) return 'it contains a NUL byte';
  if (name.includes('\\')) return 'it contains a backslash';
  if (name.startsWith('/') || /^[A-Za-z]:/.test(name)) return 'it is absolute';
  if (name.split('/').includes('..')) return 'it has a .. segment';
  return undefined;
}

interface Context {
  listing: ArchiveListing;
  target: Target;
  findings: Finding[];
}

function report(
  ctx: Context,
  code: FindingCode,
  path: string,
  args: Finding['args'] = {},
  severity: Severity = 'error',
): void {
  const file = ctx.listing.file;
  const target = ctx.target;
  // Every key in one literal (a fixed shape; a million of these for a manifest of missing files,
  // issue #12). A finding about the whole archive ('') is located at the file alone.
  ctx.findings.push(
    path === ''
      ? { code, severity, file, target, path, args }
      : { code, severity, file, target, path, member: memberName(ctx, path), args },
  );
}

/** The stored member name for a path (sdist paths gain their root directory back). */
function memberName(ctx: Context, path: string): string {
  const root = ctx.listing.root;
  if (
    ctx.listing.kind !== 'sdist' ||
    root === undefined ||
    path.startsWith(`${root}/`) ||
    path === root
  )
    return path;
  return `${root}/${path}`;
}

/** Archive safety and plausibility; returns the names found unsafe (not judged again below). */
function checkSafety(ctx: Context, maxMemberSize: number): Set<string> {
  const unsafe = new Set<string>();
  const counts = new Map<string, number>();
  const byFold = new Map<string, string>();
  const links = new LinkResolver();
  for (const entry of ctx.listing.entries) {
    const key = entry.path.replace(/\/+$/, '');
    counts.set(key, (counts.get(key) ?? 0) + 1);
    const reason = unsafeReason(entry.path);
    const through = reason === undefined ? links.writtenThrough(key) : undefined;
    if (reason !== undefined || through !== undefined) {
      unsafe.add(entry.path);
      report(ctx, 'ARCHIVE_UNSAFE_PATH', entry.path, {
        reason: reason ?? `it is written through the symlink ${through}, which leads outside`,
      });
    }
    checkNames(ctx, entry);
    if ((entry.kind === 'symlink' || entry.kind === 'hardlink') && entry.linkTarget !== undefined) {
      // Followed as an extractor follows it: through the symlinks of earlier members (links.ts).
      const resolution = links.resolveLink(key, entry.linkTarget, entry.kind);
      if (resolution.kind === 'outside') {
        report(ctx, 'ARCHIVE_UNSAFE_LINK', entry.path, {
          target: entry.linkTarget,
          linkKind: entry.kind,
          ...(resolution.via !== undefined ? { via: resolution.via } : {}),
        });
      }
      if (entry.kind === 'symlink') links.addSymlink(key, entry.linkTarget);
    }
    if (counts.get(key) === 1) {
      const fold = key.toLowerCase();
      const first = byFold.get(fold);
      if (first === undefined) byFold.set(fold, key);
      else report(ctx, 'ARCHIVE_CASE_COLLISION', key, { other: first }, 'warning');
    }
    checkSize(ctx, entry, maxMemberSize);
  }
  for (const [key, count] of counts)
    if (count > 1) report(ctx, 'ARCHIVE_DUPLICATE_MEMBER', key, { count });
  if (ctx.listing.kind === 'sdist') {
    // tar.gz has one compressed stream: judge the whole against the file size.
    const total = ctx.listing.entries.reduce((sum, e) => sum + e.size, 0);
    if (total > BOMB_FLOOR && total > ctx.listing.archiveSize * BOMB_RATIO) {
      report(ctx, 'ARCHIVE_SIZE_SUSPICIOUS', '', {
        reason: `members declare ${total} bytes in total, over ${BOMB_RATIO}× the ${ctx.listing.archiveSize}-byte archive`,
        size: total,
      });
    }
  }
  return unsafe;
}

/**
 * A zip member whose local header, or Info-ZIP Unicode Path extra field, names another file than
 * the central directory's raw name: readers disagree on what it is called (Python's zipfile refuses
 * the first and lists the raw name of the second; others show the Unicode name), so a name that
 * looks safe in one can be `../../evil.py` in another. Reported, and each other name judged too.
 */
function checkNames(ctx: Context, entry: ArchiveEntry): void {
  for (const [other, where] of [
    [entry.localName, 'local header'],
    [entry.unicodeName, 'Unicode Path extra field'],
  ] as const) {
    if (other === undefined) continue;
    report(ctx, 'ARCHIVE_NAME_MISMATCH', entry.path, { other, where });
    const reason = unsafeReason(other);
    if (reason !== undefined) report(ctx, 'ARCHIVE_UNSAFE_PATH', other, { reason });
  }
}

function checkSize(ctx: Context, entry: ArchiveEntry, maxMemberSize: number): void {
  const reason =
    sizeVerdict(entry.size, entry.compressedSize, maxMemberSize) ??
    (entry.oversized
      ? `declares ${entry.size} bytes, over the reader's limit (not read)`
      : undefined);
  if (reason !== undefined)
    report(ctx, 'ARCHIVE_SIZE_SUSPICIOUS', entry.path, { reason, size: entry.size });
}

/** `{name}-{version}` of the distribution agrees with the file name and the project, or why not. */
function nameProblem(
  found: { name: string; version: string },
  fromFile: { name: string; version: string } | undefined,
  project: CheckArchiveOptions['project'],
): string | undefined {
  for (const [what, other] of [
    ['the archive file name', fromFile],
    ['the project', project],
  ] as const) {
    if (other === undefined) continue;
    // Names compare escaped as in file names (runs of `-`, `_`, `.` → `_`, lower case: legacy
    // `foo-bar-1.0.tar.gz` and `My.Pkg_Name-1.0-….whl` agree with `foo_bar`, `my_pkg_name`);
    // versions by their PEP 440 normal form (`1.0.0-RC1` is `1.0.0rc1`).
    if (escapeDistName(found.name) !== escapeDistName(other.name)) {
      return `name ${found.name} does not match ${what} (${other.name})`;
    }
    if (!sameVersion(found.version, other.version)) {
      return `version ${found.version} does not match ${what} (${other.version})`;
    }
  }
  return undefined;
}

/** The manifest side: which DESTs must be there, and which members it allows. */
interface Expectation {
  /** `mod:` and `alt:` lines by DEST: each must be present. */
  mods: Map<string, SourcedEntry>;
  /** `gen:` DESTs, literal or glob (a literal matches only itself). */
  gens: ((path: string) => boolean)[];
}

function buildExpectation(
  section: readonly ManifestEntry[],
  mapDest: (dest: string) => string,
): Expectation {
  const expectation: Expectation = { mods: new Map(), gens: [] };
  for (const entry of section) {
    if (entry.kind === 'mod' || entry.kind === 'alt')
      expectation.mods.set(mapDest(entry.dest), entry);
    else if (entry.kind === 'gen') expectation.gens.push(compileGenGlob(mapDest(entry.dest)));
  }
  return expectation;
}

/** Compare members with the expectation: missing, extra, changed bytes. */
function compareMembers(
  ctx: Context,
  members: readonly ArchiveEntry[],
  expectation: Expectation,
  allowed: (relPath: string) => boolean,
  displayPath: (entry: ArchiveEntry) => string,
  options: CheckArchiveOptions,
): void {
  const present = new Map<string, ArchiveEntry>();
  for (const member of members) if (member.kind !== 'dir') present.set(member.relPath, member);
  const followed = followedLinks(ctx, members, expectation, options);
  for (const [dest, entry] of expectation.mods) {
    const member = present.get(dest);
    if (member === undefined && followed.dests.has(dest)) continue;
    if (member === undefined) {
      const line = formatEntry(entry);
      report(
        ctx,
        'ARCHIVE_MISSING_FILE',
        dest,
        entry.line ? { entry: line, entryLine: entry.line } : { entry: line },
      );
      continue;
    }
    // §9.5: an `alt` member's bytes are the build's rewrite of SRC, never compared with it.
    if (entry.kind === 'alt') continue;
    const treeHash = options.treeHashes?.get(entry.src);
    if (options.namesOnly || treeHash === undefined || member.kind !== 'file' || member.oversized)
      continue;
    if (member.sha256 !== treeHash) {
      report(ctx, 'ARCHIVE_CONTENT_MISMATCH', displayPath(member), {
        src: entry.src,
        entry: formatEntry(entry),
      });
    }
  }
  for (const member of members) {
    if (member.kind === 'dir' || followed.members.has(member)) continue;
    const path = member.relPath;
    if (expectation.mods.has(path) || allowed(path)) continue;
    if (expectation.gens.some((match) => match(path))) continue;
    report(ctx, 'ARCHIVE_EXTRA_FILE', displayPath(member), { member: member.path });
  }
}

/**
 * Members that are a linked directory's files (§15.3: a backend that follows a symlink to a
 * directory ships its files below DEST/): each is one of the files below SRC through the link, and
 * its bytes are compared with that file's. Returns those members, and the DESTs they stand for.
 */
function followedLinks(
  ctx: Context,
  members: readonly ArchiveEntry[],
  expectation: Expectation,
  options: CheckArchiveOptions,
): { members: Set<ArchiveEntry>; dests: Set<string> } {
  const followed = { members: new Set<ArchiveEntry>(), dests: new Set<string>() };
  const linkedDirs = options.linkedDirs;
  if (linkedDirs === undefined || linkedDirs.size === 0) return followed;
  for (const member of members) {
    if (member.kind === 'dir') continue;
    const path = member.relPath;
    for (let slash = path.indexOf('/'); slash > 0; slash = path.indexOf('/', slash + 1)) {
      const dest = path.slice(0, slash);
      const entry = expectation.mods.get(dest);
      const files = entry !== undefined ? linkedDirs.get(entry.src) : undefined;
      if (entry === undefined || files === undefined) continue;
      const rest = path.slice(slash + 1);
      if (!files.has(rest)) break;
      followed.members.add(member);
      followed.dests.add(dest);
      const treeHash = options.treeHashes?.get(`${entry.src}/${rest}`);
      if (
        entry.kind === 'mod' &&
        !options.namesOnly &&
        treeHash !== undefined &&
        member.kind === 'file' &&
        !member.oversized &&
        member.sha256 !== treeHash
      ) {
        report(ctx, 'ARCHIVE_CONTENT_MISMATCH', path, {
          src: `${entry.src}/${rest}`,
          entry: formatEntry(entry),
        });
      }
      break;
    }
  }
  return followed;
}

function checkSdist(
  ctx: Context,
  section: readonly ManifestEntry[],
  unsafe: Set<string>,
  options: CheckArchiveOptions,
): void {
  const { listing } = ctx;
  const root = listing.root;
  if (root === undefined) {
    report(ctx, 'SDIST_ROOT_INVALID', '', { reason: 'the archive is empty' });
    return;
  }
  const outside = listing.entries.filter((e) => {
    const trimmed = e.path.replace(/\/+$/, '');
    return trimmed !== root && !trimmed.startsWith(`${root}/`);
  });
  if (outside.length > 0) {
    report(ctx, 'SDIST_ROOT_INVALID', outside[0]!.path, {
      reason: `${outside.length} member(s) outside ${root}/, the first is ${outside[0]!.path}`,
    });
  }
  const found = splitNameVersion(root);
  if (found === undefined) {
    report(ctx, 'SDIST_ROOT_INVALID', root, { reason: `${root}/ is not {name}-{version}/` });
  } else {
    const file = baseName(listing.file);
    const fromFile = /\.tar\.gz$/i.test(file)
      ? splitNameVersion(file.replace(/\.tar\.gz$/i, ''))
      : undefined;
    const problem = nameProblem(found, fromFile, options.project);
    if (problem !== undefined) report(ctx, 'SDIST_ROOT_INVALID', root, { reason: problem });
  }
  const inside = listing.entries.filter((e) => !outside.includes(e) && !unsafe.has(e.path));
  const has = (rel: string): boolean => inside.some((e) => e.relPath === rel && e.kind !== 'dir');
  const first = ctx.findings.length;
  if (!has('PKG-INFO')) report(ctx, 'SDIST_PKG_INFO_MISSING', `${root}/PKG-INFO`);
  if (!has('pyproject.toml')) report(ctx, 'SDIST_PYPROJECT_MISSING', `${root}/pyproject.toml`);
  compareMembers(
    ctx,
    inside,
    buildExpectation(section, (dest) => dest),
    (rel) => rel === 'PKG-INFO',
    (entry) => entry.relPath,
    options,
  );
  if (options.current !== undefined) foldPredates(ctx, first, options.current);
}

/**
 * An sdist built before the project's manifest, or before its last change, differs from the tree
 * in exactly the files that change brought: pyproject.toml and the manifest file. Say that once
 * (ARCHIVE_PREDATES_MANIFEST, "rebuild it") instead of as content mismatches. It is so when:
 * - the sdist has no pyproject.toml at all (a project that had only setup.py or setup.cfg, whose
 *   pyproject.toml init created), while the tree's has the table (`reason: 'pyproject-added'`);
 * - the sdist's pyproject.toml has no `[tool.manifest]` table, while the tree's has one
 *   (`reason: 'table-added'`);
 * - both have the table, with other values (`'table-changed'`);
 * - the sdist holds the manifest file with other bytes than the tree's (`'manifest-changed'`).
 * The pyproject.toml finding (a mismatch, or its absence) and the manifest file's (missing or
 * other bytes) then go;
 * every other finding stays: those files differ for another reason. A manifest file missing from
 * an sdist whose table is the tree's is not folded: the build does not ship it, and a rebuild would
 * not change that.
 */
function foldPredates(
  ctx: Context,
  first: number,
  current: NonNullable<CheckArchiveOptions['current']>,
): void {
  const own = ctx.findings.slice(first);
  const pyproject = own.find(
    (f) =>
      (f.code === 'ARCHIVE_CONTENT_MISMATCH' || f.code === 'ARCHIVE_MISSING_FILE') &&
      f.path === 'pyproject.toml',
  );
  const noPyproject = own.find((f) => f.code === 'SDIST_PYPROJECT_MISSING');
  const manifest = own.find(
    (f) =>
      (f.code === 'ARCHIVE_CONTENT_MISMATCH' || f.code === 'ARCHIVE_MISSING_FILE') &&
      f.path === current.manifestFile,
  );
  const archived =
    noPyproject !== undefined
      ? 'missing'
      : ctx.listing.pyprojectText !== undefined
        ? manifestTableKey(ctx.listing.pyprojectText)
        : 'unreadable';
  // The table decides, whether or not the file's bytes were compared (a backend that rewrites
  // pyproject.toml, an alt: line, keeps its tables).
  let reason: string | undefined;
  if (archived === 'missing' && isTableKey(current.manifestTable)) reason = 'pyproject-added';
  else if (archived === 'absent' && isTableKey(current.manifestTable)) reason = 'table-added';
  else if (
    isTableKey(archived) &&
    isTableKey(current.manifestTable) &&
    archived !== current.manifestTable
  )
    reason = 'table-changed';
  else if (manifest?.code === 'ARCHIVE_CONTENT_MISMATCH') reason = 'manifest-changed';
  if (reason === undefined) return;
  // The pyproject.toml difference is the table's only when the table is what changed.
  const folded = new Set([
    reason === 'manifest-changed' ? undefined : pyproject,
    reason === 'pyproject-added' ? noPyproject : undefined,
    manifest,
  ]);
  const kept = own.filter((f) => !folded.has(f));
  ctx.findings.length = first;
  report(ctx, 'ARCHIVE_PREDATES_MANIFEST', 'pyproject.toml', {
    reason,
    manifestFile: current.manifestFile,
    // What the sdist has of the manifest: missing, an older copy, or nothing to say.
    manifest:
      manifest === undefined ? '' : manifest.code === 'ARCHIVE_MISSING_FILE' ? 'missing' : 'older',
  });
  ctx.findings.push(...kept);
}

/** A `manifestTableKey` that is a table (not `absent` or `unreadable`). */
function isTableKey(key: string): boolean {
  return key.startsWith('{');
}

function checkWheel(
  ctx: Context,
  section: readonly ManifestEntry[],
  unsafe: Set<string>,
  options: CheckArchiveOptions,
): void {
  const { listing } = ctx;
  const members = listing.entries.filter((e) => !unsafe.has(e.path));
  const topDirs = new Set<string>();
  for (const e of members) {
    const slash = e.relPath.indexOf('/');
    if (slash > 0) topDirs.add(e.relPath.slice(0, slash));
    else if (e.kind === 'dir') topDirs.add(e.relPath);
  }
  const distInfos = [...topDirs].filter((d) => d.endsWith('.dist-info'));
  const file = baseName(listing.file);
  const fileParts = /\.whl$/i.test(file) ? file.replace(/\.whl$/i, '').split('-') : [];
  const fromFile =
    fileParts.length === 5 || fileParts.length === 6
      ? { name: fileParts[0]!, version: fileParts[1]! }
      : undefined;
  let stem: string | undefined;
  if (distInfos.length !== 1) {
    report(ctx, 'WHEEL_DIST_INFO_INVALID', distInfos[1] ?? '', {
      reason:
        distInfos.length === 0
          ? 'there is none'
          : `there are ${distInfos.length}: ${distInfos.join(', ')}`,
    });
  } else {
    const dir = distInfos[0]!;
    stem = dir.slice(0, -'.dist-info'.length);
    const found = splitNameVersion(stem);
    const problem =
      found === undefined || found.name.includes('-')
        ? `${dir} is not {name}-{version}.dist-info`
        : nameProblem(found, fromFile, options.project);
    if (problem !== undefined) report(ctx, 'WHEEL_DIST_INFO_INVALID', dir, { reason: problem });
    for (const required of ['METADATA', 'WHEEL']) {
      if (!members.some((e) => e.relPath === `${dir}/${required}` && e.kind !== 'dir')) {
        report(ctx, 'WHEEL_DIST_INFO_INVALID', `${dir}/${required}`, {
          reason: `${dir}/${required} is missing`,
        });
      }
    }
    if (!members.some((e) => e.relPath === `${dir}/RECORD` && e.kind !== 'dir')) {
      report(ctx, 'RECORD_MISSING', `${dir}/RECORD`);
    }
  }
  stem ??= fromFile ? `${fromFile.name}-${fromFile.version}` : undefined;
  const dataDir = stem !== undefined ? `${stem}.data` : undefined;
  for (const dir of topDirs) {
    if (dir.endsWith('.data') && dir !== dataDir) {
      report(ctx, 'WHEEL_DATA_SCHEME_INVALID', dir, {
        reason: `expected ${dataDir ?? '{name}-{version}.data'}`,
      });
    }
  }
  if (dataDir !== undefined) {
    const reported = new Set<string>();
    for (const e of members) {
      if (!e.relPath.startsWith(`${dataDir}/`)) continue;
      const scheme = e.relPath.slice(dataDir.length + 1).split('/')[0]!;
      const direct = !e.relPath.slice(dataDir.length + 1).includes('/') && e.kind !== 'dir';
      if ((direct || !DATA_SCHEMES.includes(scheme)) && !reported.has(scheme)) {
        reported.add(scheme);
        report(ctx, 'WHEEL_DATA_SCHEME_INVALID', `${dataDir}/${scheme}`, {
          reason: direct ? 'files must be in a scheme directory' : `unknown scheme ${scheme}`,
        });
      }
    }
  }
  // MANIFEST-FORMAT.md §9.3: the .dist-info directory is not listed and never reported.
  const distInfo = distInfos.length === 1 ? `${distInfos[0]}/` : undefined;
  const allowed = (rel: string): boolean => distInfo !== undefined && rel.startsWith(distInfo);
  const mapDest = (dest: string): string =>
    dataDir !== undefined && (dest === '{data}' || dest.startsWith('{data}/'))
      ? dataDir + dest.slice('{data}'.length)
      : dest;
  compareMembers(
    ctx,
    members,
    buildExpectation(section, mapDest),
    allowed,
    (entry) => entry.relPath,
    options,
  );
  ctx.findings.push(...verifyRecord(listing));
}

/**
 * Check one built archive against its manifest section (`manifest.sdist` for an sdist,
 * `manifest.wheel` for a wheel). Pure; findings are returned, never thrown.
 * @example checkArchive(await readArchive(file), manifest.sdist, { treeHashes })
 */
export function checkArchive(
  listing: ArchiveListing,
  section: readonly ManifestEntry[],
  options: CheckArchiveOptions = {},
): Finding[] {
  const ctx: Context = { listing, target: listing.kind, findings: [] };
  // The bytes decide how it is read; a name that says otherwise is a finding (pip goes by the name).
  if (listing.nameKind !== undefined && listing.nameKind !== listing.kind)
    report(ctx, 'ARCHIVE_KIND_MISMATCH', '', { nameKind: listing.nameKind, kind: listing.kind });
  const unsafe = checkSafety(ctx, options.maxMemberSize ?? DEFAULT_MAX_MEMBER_SIZE);
  if (listing.kind === 'sdist') checkSdist(ctx, section, unsafe, options);
  else checkWheel(ctx, section, unsafe, options);
  return ctx.findings;
}
