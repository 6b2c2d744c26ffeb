/**
 * Helpers for the archive tests: the committed fixture table, fixture trees materialized in temp
 * dirs (with `gitignore` renamed back, as scripts/build-archive-fixtures.sh does), the expected
 * manifests, and real archive writers for tampered copies — tar-stream + zlib for sdists,
 * /usr/bin/python3's zipfile for wheels. No mocks: every archive here is a real file.
 */
import { execFileSync } from 'node:child_process';
import {
  copyFileSync,
  cpSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  existsSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { extract, pack, type Header } from 'tar-stream';
import { onTestFinished } from 'vitest';
import { parseManifest } from '../../src/manifest/parse.js';
import type { Manifest } from '../../src/manifest/types.js';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const packagesDir = join(repoRoot, 'fixtures/packages');
export const archivesDir = join(repoRoot, 'fixtures/archives');
export const PYTHON = '/usr/bin/python3';

/** One fixture package and the archives its backend built. */
export interface Fixture {
  pkg: string;
  backend: string;
  sdist: string;
  wheel: string;
}

export const FIXTURES: readonly Fixture[] = [
  {
    pkg: 'hatch-demo',
    backend: 'hatchling',
    sdist: 'fixture_hatch-1.0.tar.gz',
    wheel: 'fixture_hatch-1.0-py3-none-any.whl',
  },
  {
    pkg: 'setuptools-manifest-in',
    backend: 'setuptools',
    sdist: 'fixture-st-manifest-1.0.tar.gz',
    wheel: 'fixture_st_manifest-1.0-py3-none-any.whl',
  },
  {
    pkg: 'setuptools-plain',
    backend: 'setuptools',
    sdist: 'fixture-st-plain-1.0.tar.gz',
    wheel: 'fixture_st_plain-1.0-py3-none-any.whl',
  },
  {
    pkg: 'flit-demo',
    backend: 'flit_core',
    sdist: 'fixture-flit-1.0.tar.gz',
    wheel: 'fixture_flit-1.0-py3-none-any.whl',
  },
  {
    pkg: 'poetry-demo',
    backend: 'poetry-core',
    sdist: 'fixture_poetry-1.0.tar.gz',
    wheel: 'fixture_poetry-1.0-py3-none-any.whl',
  },
];

export function archivePath(fixture: Fixture, kind: 'sdist' | 'wheel', dir = archivesDir): string {
  return join(dir, fixture.backend, fixture[kind]);
}

/** A temp dir removed after the current test. */
export function tempDir(prefix = 'pm-archive-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/**
 * The fixture's source tree as the build script sees it: a temp copy with `gitignore` renamed
 * to `.gitignore`, holding the committed pyproject-manifest.txt. Only such a copy is a real project of
 * this tool: in fixtures/packages/ the `gitignore` file is an ordinary file.
 */
export function materializePackage(pkg: string): string {
  const root = join(tempDir('pm-pkg-'), pkg);
  cpSync(join(packagesDir, pkg), root, { recursive: true });
  if (existsSync(join(root, 'gitignore')))
    renameSync(join(root, 'gitignore'), join(root, '.gitignore'));
  return root;
}

/** The fixture's committed pyproject-manifest.txt (made by the build script's generate step), parsed. */
export function committedManifest(pkg: string): Manifest {
  const file = join(packagesDir, pkg, 'pyproject-manifest.txt');
  return parseManifest(readFileSync(file, 'utf8'), file);
}

/** A member of an archive, as the writers take it. */
export interface Member {
  name: string;
  type?: 'file' | 'directory' | 'symlink' | 'link';
  data?: Buffer;
  linkname?: string;
  mode?: number;
}

/** All members of a .tar.gz, in order, with their bytes (test-sized archives only). */
export async function readTarMembers(file: string): Promise<Member[]> {
  const { gunzipSync } = await import('node:zlib');
  const tar = extract();
  const members: Member[] = [];
  const done = (async () => {
    for await (const entry of tar) {
      const chunks: Buffer[] = [];
      for await (const chunk of entry) chunks.push(chunk as Buffer);
      const h = entry.header;
      members.push({
        name: h.name,
        type: h.type as Member['type'],
        data: Buffer.concat(chunks),
        ...(h.linkname ? { linkname: h.linkname } : {}),
        mode: h.mode,
      });
    }
  })();
  tar.end(gunzipSync(readFileSync(file)));
  await done;
  return members;
}

/** Write a real .tar.gz with tar-stream (PAX headers for long names) and zlib. */
export async function writeTarGz(file: string, members: readonly Member[]): Promise<void> {
  const p = pack();
  const chunks: Buffer[] = [];
  const collected = (async () => {
    for await (const chunk of p) chunks.push(chunk as Buffer);
  })();
  for (const m of members) {
    const header: Partial<Header> & { name: string } = {
      name: m.name,
      type: m.type ?? 'file',
      mode: m.mode ?? (m.type === 'directory' ? 0o755 : 0o644),
      mtime: new Date(1_700_000_000_000),
    };
    if (m.linkname !== undefined) header.linkname = m.linkname;
    await new Promise<void>((done, fail) => {
      const body = header.type === 'file' ? (m.data ?? Buffer.alloc(0)) : undefined;
      const cb = (err?: Error | null): void => (err ? fail(err) : done());
      if (body !== undefined) p.entry(header, body, cb);
      else p.entry(header, cb);
    });
  }
  p.finalize();
  await collected;
  writeFileSync(file, gzipSync(Buffer.concat(chunks)));
}

const ZIP_SCRIPT = `
import base64, json, sys, zipfile, warnings
warnings.simplefilter("ignore")
op = sys.argv[1]
if op == "read":
    out = []
    with zipfile.ZipFile(sys.argv[2]) as z:
        for i in z.infolist():
            out.append({"name": i.filename, "data": base64.b64encode(z.read(i)).decode(), "attr": i.external_attr >> 16})
    json.dump(out, sys.stdout)
else:
    members = json.load(sys.stdin)
    with zipfile.ZipFile(sys.argv[2], "w", zipfile.ZIP_DEFLATED) as z:
        for m in members:
            info = zipfile.ZipInfo(m["name"], date_time=(2023, 11, 14, 22, 13, 20))
            info.external_attr = (m.get("attr") or 0o100644) << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, base64.b64decode(m["data"]))
`;

/** All members of a zip, read with Python's zipfile. */
export function readZipMembers(file: string): Member[] {
  const out = execFileSync(PYTHON, ['-c', ZIP_SCRIPT, 'read', file], { encoding: 'utf8' });
  return (JSON.parse(out) as { name: string; data: string; attr: number }[]).map((m) => ({
    name: m.name,
    data: Buffer.from(m.data, 'base64'),
    mode: m.attr,
    type:
      (m.attr & 0o170000) === 0o120000 ? 'symlink' : m.name.endsWith('/') ? 'directory' : 'file',
  }));
}

/** Write a real zip with Python's zipfile (it accepts duplicate and `../` names, as we need). */
export function writeZip(file: string, members: readonly Member[]): void {
  const input = JSON.stringify(
    members.map((m) => ({
      name: m.name,
      data: (m.type === 'symlink'
        ? Buffer.from(m.linkname ?? '')
        : (m.data ?? Buffer.alloc(0))
      ).toString('base64'),
      attr: m.type === 'symlink' ? 0o120777 : (m.mode ?? 0o100644),
    })),
  );
  execFileSync(PYTHON, ['-c', ZIP_SCRIPT, 'write', file], { input });
}

/** RECORD's urlsafe-base64 unpadded sha256, computed independently of src/. */
export async function recordHash(data: Buffer): Promise<string> {
  const { createHash } = await import('node:crypto');
  return createHash('sha256')
    .update(data)
    .digest('base64')
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}

/**
 * A fixture project as a user has it after a build: the tree (materializePackage) in
 * `<tmp>/<pkg>/` and copies of the committed archives in `<tmp>/dist/`, a sibling, so the tree
 * validation does not see them. Run the CLI with `cwd: root` and pass `../dist/<name>`.
 */
export function projectWithArchives(fixture: Fixture): { root: string; dist: string } {
  const root = materializePackage(fixture.pkg);
  const dist = join(dirname(root), 'dist');
  mkdirSync(dist);
  for (const kind of ['sdist', 'wheel'] as const)
    copyFileSync(archivePath(fixture, kind), join(dist, fixture[kind]));
  return { root, dist };
}

/** The member name of a wheel's `{name}-{version}.dist-info/RECORD`. */
export function recordMember(members: readonly Member[]): string {
  const found = members.find((m) => /^[^/]+\.dist-info\/RECORD$/.test(m.name));
  if (found === undefined) throw new Error('no .dist-info/RECORD among the members');
  return found.name;
}

/** RECORD rewritten for `members` the way a backend writes it, so a tampering shows only its own finding. */
export async function rewriteRecord(members: readonly Member[]): Promise<Member[]> {
  const record = recordMember(members);
  const rows: string[] = [];
  for (const m of members) {
    if (m.type === 'directory' || m.name === record) continue;
    const data = m.data ?? Buffer.from(m.linkname ?? '');
    rows.push(`${m.name},sha256=${await recordHash(data)},${data.length}`);
  }
  rows.push(`${record},,`);
  return members.map((m) =>
    m.name === record ? { ...m, data: Buffer.from(`${rows.join('\n')}\n`) } : m,
  );
}

/** Edit RECORD as a list of lines (its final newline kept), e.g. to add, drop or repeat rows. */
export function editRecordLines(
  members: readonly Member[],
  edit: (lines: string[]) => string[],
): Member[] {
  const record = recordMember(members);
  return members.map((m) => {
    if (m.name !== record) return m;
    const lines = m.data!.toString('utf8').trimEnd().split('\n');
    return { ...m, data: Buffer.from(`${edit(lines).join('\n')}\n`) };
  });
}

/** Edit RECORD's row for `path` (`undefined` drops it), leaving every other row as the backend wrote it. */
export function editRecordRow(
  members: readonly Member[],
  path: string,
  edit: (row: string) => string | undefined,
): Member[] {
  const record = recordMember(members);
  return members.map((m) => {
    if (m.name !== record) return m;
    const rows = m.data!.toString('utf8').split(/\r?\n/);
    const index = rows.findIndex((row) => row.startsWith(`${path},`));
    if (index < 0) throw new Error(`RECORD has no row for ${path}`);
    const edited = edit(rows[index]!);
    if (edited === undefined) rows.splice(index, 1);
    else rows[index] = edited;
    return { ...m, data: Buffer.from(rows.join('\n')) };
  });
}
