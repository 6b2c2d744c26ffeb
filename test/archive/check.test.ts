/**
 * checkArchive on real archives: every backend's committed sdist and wheel are clean against
 * their committed pyproject-manifest.txt and tree, and each tampered copy (written with real tar and zip
 * writers) is caught with its own code.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateManifest } from '../../src/api/generate.js';
import { checkArchive } from '../../src/archive/check.js';
import { hashTreeFiles } from '../../src/archive/hash-tree.js';
import { readArchive } from '../../src/archive/open.js';
import { describeFinding } from '../../src/describe.js';
import { checkManifest } from '../../src/manifest/check.js';
import { formatManifest } from '../../src/manifest/format.js';
import type { Manifest } from '../../src/manifest/types.js';
import { manifestTableKey } from '../../src/rules/manifest-table.js';
import {
  archivePath,
  committedManifest,
  FIXTURES,
  materializePackage,
  packagesDir,
  PYTHON,
  readTarMembers,
  readZipMembers,
  recordHash,
  tempDir,
  writeTarGz,
  writeZip,
  type Fixture,
  type Member,
} from './archive-helpers.js';

async function treeHashesFor(pkg: string, manifest: Manifest): Promise<Map<string, string>> {
  const srcs = [...manifest.sdist, ...manifest.wheel].flatMap((e) =>
    e.kind === 'mod' ? [e.src] : [],
  );
  return hashTreeFiles(materializePackage(pkg), srcs);
}

async function check(
  file: string,
  fixture: Fixture,
  kind: 'sdist' | 'wheel',
  options: { namesOnly?: boolean } = {},
) {
  const manifest = committedManifest(fixture.pkg);
  const listing = await readArchive(file);
  return checkArchive(listing, manifest[kind], {
    ...options,
    treeHashes: await treeHashesFor(fixture.pkg, manifest),
  });
}

describe('committed fixture manifests', () => {
  it.each(FIXTURES)('$pkg/pyproject-manifest.txt is valid and in canonical form', ({ pkg }) => {
    const file = join(packagesDir, pkg, 'pyproject-manifest.txt');
    const text = readFileSync(file, 'utf8');
    expect(formatManifest(committedManifest(pkg))).toBe(text);
    expect(checkManifest(committedManifest(pkg), file)).toEqual([]);
  });

  it.each(FIXTURES)(
    '$pkg/pyproject-manifest.txt is what generate makes of the tree (gitignore renamed)',
    ({ pkg }) => {
      const root = materializePackage(pkg);
      expect(generateManifest({ root }).text).toBe(
        readFileSync(join(packagesDir, pkg, 'pyproject-manifest.txt'), 'utf8'),
      );
    },
  );
});

describe('committed archives are clean', () => {
  it.each(FIXTURES.flatMap((f) => (['sdist', 'wheel'] as const).map((kind) => ({ ...f, kind }))))(
    '$backend $kind of $pkg',
    async (fixture) => {
      const findings = await check(archivePath(fixture, fixture.kind), fixture, fixture.kind);
      expect(findings.map(describeFinding)).toEqual([]);
    },
  );

  it('reports every member once the bytes are not compared (namesOnly) — still clean', async () => {
    const fixture = FIXTURES[0]!;
    expect(
      await check(archivePath(fixture, 'sdist'), fixture, 'sdist', { namesOnly: true }),
    ).toEqual([]);
  });
});

const hatch = FIXTURES.find((f) => f.backend === 'hatchling')!;
const ROOT = 'fixture_hatch-1.0';
const DIST_INFO = 'fixture_hatch-1.0.dist-info';
const INIT = 'fixture_hatch/__init__.py';

/** Rewrite RECORD the way a backend would, so that a tampering shows only its own finding. */
async function rerecord(members: Member[]): Promise<Member[]> {
  const rows: string[] = [];
  for (const m of members) {
    if (m.type === 'directory' || m.name === `${DIST_INFO}/RECORD`) continue;
    const data = m.data ?? Buffer.from(m.linkname ?? '');
    rows.push(`${m.name},sha256=${await recordHash(data)},${data.length}`);
  }
  rows.push(`${DIST_INFO}/RECORD,,`);
  return members.map((m) =>
    m.name === `${DIST_INFO}/RECORD` ? { ...m, data: Buffer.from(`${rows.join('\n')}\n`) } : m,
  );
}

function editRecord(members: Member[], edit: (lines: string[]) => string[]): Member[] {
  return members.map((m) => {
    if (m.name !== `${DIST_INFO}/RECORD`) return m;
    const lines = m.data!.toString('utf8').trimEnd().split('\n');
    return { ...m, data: Buffer.from(`${edit(lines).join('\n')}\n`) };
  });
}

const file = (name: string, text: string): Member => ({ name, data: Buffer.from(text) });
const without = (name: string) => (ms: Member[]) => ms.filter((m) => m.name !== name);
const withBytes = (name: string, text: string) => (ms: Member[]) =>
  ms.map((m) => (m.name === name ? { ...m, data: Buffer.from(text) } : m));

type Tamper = (members: Member[]) => Member[] | Promise<Member[]>;

const sdistCases: [string, Tamper, string[]][] = [
  ['a file removed', without(`${ROOT}/README.md`), ['ARCHIVE_MISSING_FILE']],
  [
    'a file added',
    (ms) => [...ms, file(`${ROOT}/secrets.env`, 'TOKEN=1\n')],
    ['ARCHIVE_EXTRA_FILE'],
  ],
  ['a file changed', withBytes(`${ROOT}/src/${INIT}`, 'changed\n'), ['ARCHIVE_CONTENT_MISMATCH']],
  ['a member with ../', (ms) => [...ms, file(`${ROOT}/../evil.py`, 'x')], ['ARCHIVE_UNSAFE_PATH']],
  [
    'an absolute member',
    (ms) => [...ms, file('/etc/evil.py', 'x')],
    ['ARCHIVE_UNSAFE_PATH', 'SDIST_ROOT_INVALID'],
  ],
  [
    'a duplicate member',
    (ms) => [...ms, ms.find((m) => m.name === `${ROOT}/README.md`)!],
    ['ARCHIVE_DUPLICATE_MEMBER'],
  ],
  [
    'names differing by case',
    (ms) => [
      ...ms,
      { ...ms.find((m) => m.name === `${ROOT}/README.md`)!, name: `${ROOT}/readme.md` },
    ],
    ['ARCHIVE_CASE_COLLISION', 'ARCHIVE_EXTRA_FILE'],
  ],
  [
    'a symlink out of the root',
    (ms) => [...ms, { name: `${ROOT}/src/link`, type: 'symlink', linkname: '../../../etc/passwd' }],
    ['ARCHIVE_UNSAFE_LINK', 'ARCHIVE_EXTRA_FILE'],
  ],
  [
    'a hardlink out of the archive',
    (ms) => [...ms, { name: `${ROOT}/hard`, type: 'link', linkname: '../outside' }],
    ['ARCHIVE_UNSAFE_LINK', 'ARCHIVE_EXTRA_FILE'],
  ],
  [
    'a second top-level directory',
    (ms) => [...ms, file('other-1.0/x.py', 'x')],
    ['SDIST_ROOT_INVALID'],
  ],
  ['PKG-INFO removed', without(`${ROOT}/PKG-INFO`), ['SDIST_PKG_INFO_MISSING']],
  [
    'pyproject.toml removed',
    without(`${ROOT}/pyproject.toml`),
    ['SDIST_PYPROJECT_MISSING', 'ARCHIVE_MISSING_FILE'],
  ],
  [
    'root renamed',
    (ms) => ms.map((m) => ({ ...m, name: m.name.replace(ROOT, 'fixture_hatch-2.0') })),
    ['SDIST_ROOT_INVALID'],
  ],
];

describe('tampered sdists', () => {
  it.each(sdistCases)('%s', async (_name, tamper, codes) => {
    const members = await tamper(await readTarMembers(archivePath(hatch, 'sdist')));
    const copy = join(tempDir(), hatch.sdist);
    await writeTarGz(copy, members);
    const findings = await check(copy, hatch, 'sdist');
    expect([...new Set(findings.map((f) => f.code))].sort()).toEqual([...codes].sort());
  });

  it('names the member in the finding, relative to the root', async () => {
    const copy = join(tempDir(), hatch.sdist);
    await writeTarGz(
      copy,
      without(`${ROOT}/README.md`)(await readTarMembers(archivePath(hatch, 'sdist'))),
    );
    const [finding] = await check(copy, hatch, 'sdist');
    expect(finding).toMatchObject({
      code: 'ARCHIVE_MISSING_FILE',
      path: 'README.md',
      file: copy,
      target: 'sdist',
    });
    expect(finding!.args).toMatchObject({ entry: 'mod: README.md -> README.md' });
  });

  it('a changed file is not reported with namesOnly', async () => {
    const copy = join(tempDir(), hatch.sdist);
    await writeTarGz(
      copy,
      withBytes(`${ROOT}/README.md`, 'x')(await readTarMembers(archivePath(hatch, 'sdist'))),
    );
    expect(await check(copy, hatch, 'sdist', { namesOnly: true })).toEqual([]);
  });

  it('a sdist file name that disagrees with its root', async () => {
    const copy = join(tempDir(), 'fixture_hatch-1.1.tar.gz');
    copyFileSync(archivePath(hatch, 'sdist'), copy);
    const findings = await check(copy, hatch, 'sdist');
    expect(findings.map((f) => [f.code, f.args.reason])).toEqual([
      ['SDIST_ROOT_INVALID', 'version 1.0 does not match the archive file name (1.1)'],
    ]);
  });
});

const wheelCases: [string, Tamper, string[]][] = [
  ['a file removed', async (ms) => rerecord(without(INIT)(ms)), ['ARCHIVE_MISSING_FILE']],
  [
    'a file added',
    async (ms) => rerecord([...ms, file('fixture_hatch/extra.py', 'x = 1\n')]),
    ['ARCHIVE_EXTRA_FILE'],
  ],
  [
    'a file changed',
    async (ms) => rerecord(withBytes(INIT, 'changed\n')(ms)),
    ['ARCHIVE_CONTENT_MISMATCH'],
  ],
  [
    'a RECORD hash wrong',
    (ms) =>
      editRecord(ms, (ls) =>
        ls.map((l) => (l.startsWith(`${INIT},`) ? l.replace(/sha256=[^,]+/, 'sha256=AAAA') : l)),
      ),
    ['RECORD_HASH_MISMATCH'],
  ],
  [
    'a RECORD size wrong',
    (ms) =>
      editRecord(ms, (ls) =>
        ls.map((l) => (l.startsWith(`${INIT},`) ? l.replace(/,\d+$/, ',999') : l)),
      ),
    ['RECORD_SIZE_MISMATCH'],
  ],
  [
    'a RECORD row missing',
    (ms) => editRecord(ms, (ls) => ls.filter((l) => !l.startsWith(`${INIT},`))),
    ['RECORD_ROW_MISSING'],
  ],
  [
    'a RECORD row for a missing file',
    (ms) => editRecord(ms, (ls) => [`fixture_hatch/gone.py,sha256=AAAA,1`, ...ls]),
    ['RECORD_ROW_EXTRA'],
  ],
  [
    'a RECORD row twice',
    (ms) => editRecord(ms, (ls) => [...ls, ls.find((l) => l.startsWith(`${INIT},`))!]),
    ['RECORD_DUPLICATE_ROW'],
  ],
  [
    'a RECORD md5 hash',
    (ms) =>
      editRecord(ms, (ls) =>
        ls.map((l) => (l.startsWith(`${INIT},`) ? l.replace(/sha256=[^,]+/, 'md5=AAAA') : l)),
      ),
    ['RECORD_WEAK_HASH'],
  ],
  [
    'a RECORD row without hash',
    (ms) =>
      editRecord(ms, (ls) =>
        ls.map((l) => (l.startsWith(`${INIT},`) ? l.replace(/sha256=[^,]+/, '') : l)),
      ),
    ['RECORD_WEAK_HASH'],
  ],
  [
    'a RECORD row that is not CSV of 3',
    (ms) => editRecord(ms, (ls) => [...ls, 'just-a-path']),
    ['RECORD_ROW_INVALID'],
  ],
  ['RECORD removed', without(`${DIST_INFO}/RECORD`), ['RECORD_MISSING']],
  [
    'METADATA removed',
    async (ms) => rerecord(without(`${DIST_INFO}/METADATA`)(ms)),
    ['WHEEL_DIST_INFO_INVALID'],
  ],
  [
    'a second .dist-info',
    async (ms) => rerecord([...ms, file('other-1.0.dist-info/METADATA', 'x')]),
    ['WHEEL_DIST_INFO_INVALID', 'ARCHIVE_EXTRA_FILE'],
  ],
  [
    'an unknown .data scheme',
    async (ms) => rerecord([...ms, file('fixture_hatch-1.0.data/config/x.conf', 'x')]),
    ['WHEEL_DATA_SCHEME_INVALID', 'ARCHIVE_EXTRA_FILE'],
  ],
  [
    'a member with ../',
    async (ms) => rerecord([...ms, file('../evil.py', 'x')]),
    ['ARCHIVE_UNSAFE_PATH'],
  ],
  [
    'a member with a backslash',
    async (ms) => rerecord([...ms, file('fixture_hatch\\evil.py', 'x')]),
    ['ARCHIVE_UNSAFE_PATH'],
  ],
  [
    'a duplicate member',
    (ms) => [...ms, ms.find((m) => m.name === INIT)!],
    ['ARCHIVE_DUPLICATE_MEMBER'],
  ],
  [
    'a symlink out of the wheel',
    async (ms) =>
      rerecord([...ms, { name: 'fixture_hatch/link', type: 'symlink', linkname: '../../x' }]),
    ['ARCHIVE_UNSAFE_LINK', 'ARCHIVE_EXTRA_FILE'],
  ],
];

describe('tampered wheels', () => {
  it.each(wheelCases)('%s', async (_name, tamper, codes) => {
    const members = await tamper(readZipMembers(archivePath(hatch, 'wheel')));
    const copy = join(tempDir(), hatch.wheel);
    writeZip(copy, members);
    const findings = await check(copy, hatch, 'wheel');
    expect([...new Set(findings.map((f) => f.code))].sort()).toEqual([...codes].sort());
  });

  it('verifies a sha512 RECORD row against the bytes', async () => {
    const members = readZipMembers(archivePath(hatch, 'wheel'));
    const { createHash } = await import('node:crypto');
    const init = members.find((m) => m.name === INIT)!;
    const good = createHash('sha512').update(init.data!).digest('base64url');
    for (const [digest, codes] of [
      [good, []],
      ['AAAA', ['RECORD_HASH_MISMATCH']],
    ] as const) {
      const copy = join(tempDir(), hatch.wheel);
      writeZip(
        copy,
        editRecord(members, (ls) =>
          ls.map((l) =>
            l.startsWith(`${INIT},`) ? l.replace(/sha256=[^,]+/, `sha512=${digest}`) : l,
          ),
        ),
      );
      expect((await check(copy, hatch, 'wheel')).map((f) => f.code)).toEqual(codes);
    }
  });

  it('maps {data}/ DESTs to the .data directory', async () => {
    const copy = join(tempDir(), hatch.wheel);
    writeZip(
      copy,
      await rerecord(
        without('fixture_hatch-1.0.data/data/share/fixture-hatch.conf')(
          readZipMembers(archivePath(hatch, 'wheel')),
        ),
      ),
    );
    const findings = await check(copy, hatch, 'wheel');
    expect(findings.map((f) => [f.code, f.path])).toEqual([
      ['ARCHIVE_MISSING_FILE', 'fixture_hatch-1.0.data/data/share/fixture-hatch.conf'],
    ]);
  });

  it('a member declaring a size deflate cannot produce is reported, not read', async () => {
    const copy = join(tempDir(), hatch.wheel);
    writeZip(
      copy,
      await rerecord([
        ...readZipMembers(archivePath(hatch, 'wheel')),
        file('fixture_hatch/bomb.bin', 'x'.repeat(20)),
      ]),
    );
    // Patch the declared uncompressed size of bomb.bin (local header and central directory) to 100 MiB.
    execFileSync(PYTHON, [
      '-c',
      `import struct, sys
p = sys.argv[1]; b = bytearray(open(p, 'rb').read()); name = b'fixture_hatch/bomb.bin'
for sig, off in ((b'PK\\x03\\x04', 22), (b'PK\\x01\\x02', 24)):
    i = 0
    while (i := b.find(sig, i)) != -1:
        n = 30 if sig == b'PK\\x03\\x04' else 46
        if b[i + n:i + n + len(name)] == name: struct.pack_into('<I', b, i + off, 100 * 1024 * 1024)
        i += 4
open(p, 'wb').write(b)`,
      copy,
    ]);
    const manifest = committedManifest(hatch.pkg);
    const listing = await readArchive(copy);
    expect(listing.entries.find((e) => e.relPath === 'fixture_hatch/bomb.bin')).toMatchObject({
      oversized: true,
      sha256: '',
    });
    const findings = checkArchive(listing, [
      ...manifest.wheel,
      { kind: 'gen', dest: 'fixture_hatch/bomb.bin' },
    ]);
    expect(findings.map((f) => f.code)).toEqual([
      'ARCHIVE_SIZE_SUSPICIOUS',
      'RECORD_SIZE_MISMATCH',
    ]);
    expect(String(findings[0]!.args.reason)).toMatch(/more than deflate can produce/);
  });

  it('a wheel file name that disagrees with its .dist-info', async () => {
    const copy = join(tempDir(), 'fixture_hatch-1.1-py3-none-any.whl');
    copyFileSync(archivePath(hatch, 'wheel'), copy);
    const findings = await check(copy, hatch, 'wheel');
    expect(findings.map((f) => [f.code, f.args.reason])).toEqual([
      ['WHEEL_DIST_INFO_INVALID', 'version 1.0 does not match the archive file name (1.1)'],
    ]);
  });

  it('checks the project name and version when given', async () => {
    const listing = await readArchive(archivePath(hatch, 'wheel'));
    const manifest = committedManifest(hatch.pkg);
    expect(
      checkArchive(listing, manifest.wheel, { project: { name: 'Fixture.Hatch', version: '1.0' } }),
    ).toEqual([]);
    expect(
      checkArchive(listing, manifest.wheel, { project: { name: 'other', version: '1.0' } }).map(
        (f) => f.code,
      ),
    ).toEqual(['WHEEL_DIST_INFO_INVALID']);
  });

  it('compares versions by their PEP 440 normal form and names escaped', async () => {
    const copy = join(tempDir(), 'Fixture.Hatch-1.0-py3-none-any.whl');
    copyFileSync(archivePath(hatch, 'wheel'), copy);
    const listing = await readArchive(copy);
    const manifest = committedManifest(hatch.pkg);
    const codes = (version: string): string[] =>
      checkArchive(listing, manifest.wheel, { project: { name: 'FIXTURE-hatch', version } }).map(
        (f) => `${f.code} ${f.args.reason}`,
      );
    expect(codes('v01.0')).toEqual([]);
    expect(codes(' 1.0\n')).toEqual([]);
    expect(codes('1.0.post0')).toEqual([
      'WHEEL_DIST_INFO_INVALID version 1.0 does not match the project (1.0.post0)',
    ]);
  });
});

const RECORD = `${DIST_INFO}/RECORD`;

/**
 * Where each RECORD finding points: RECORD itself when a row is at fault, the file when the file
 * disagrees with its row or has none. The tamperings are wheelCases' own, looked up by name.
 */
const recordMembers: [tampering: string, code: string, member: string, path: string][] = [
  ['a RECORD hash wrong', 'RECORD_HASH_MISMATCH', INIT, INIT],
  ['a RECORD size wrong', 'RECORD_SIZE_MISMATCH', INIT, INIT],
  ['a RECORD row missing', 'RECORD_ROW_MISSING', INIT, INIT],
  ['a RECORD row for a missing file', 'RECORD_ROW_EXTRA', RECORD, 'fixture_hatch/gone.py'],
  ['a RECORD row twice', 'RECORD_DUPLICATE_ROW', RECORD, INIT],
  ['a RECORD md5 hash', 'RECORD_WEAK_HASH', RECORD, INIT],
  ['a RECORD row without hash', 'RECORD_WEAK_HASH', RECORD, INIT],
  ['a RECORD row that is not CSV of 3', 'RECORD_ROW_INVALID', RECORD, RECORD],
  ['RECORD removed', 'RECORD_MISSING', RECORD, RECORD],
];

describe('prose', () => {
  it.each(recordMembers)('%s: %s is located at archive:%s', async (name, code, member, path) => {
    const tamper = wheelCases.find(([n]) => n === name)![1];
    const copy = join(tempDir(), hatch.wheel);
    writeZip(copy, await tamper(readZipMembers(archivePath(hatch, 'wheel'))));
    const [finding, ...rest] = await check(copy, hatch, 'wheel');
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ code, member, path, file: copy, target: 'wheel' });
    const line = describeFinding(finding!);
    expect(line.startsWith(`${copy}:${member}: error[${code}] `)).toBe(true);
    expect(line).not.toContain('\n');
    // The location names the member; the message does not name it again.
    expect(line.split(`error[${code}] `)[1]).not.toContain(member);
  });

  it('a finding per file for a RECORD whose sizes are all wrong, each at its own member', async () => {
    const copy = join(tempDir(), hatch.wheel);
    const members = readZipMembers(archivePath(hatch, 'wheel'));
    writeZip(
      copy,
      editRecord(members, (ls) => ls.map((l) => l.replace(/,\d+$/, ',1'))),
    );
    const findings = await check(copy, hatch, 'wheel');
    expect(new Set(findings.map((f) => f.code))).toEqual(new Set(['RECORD_SIZE_MISMATCH']));
    const hashed = members.filter((m) => m.data !== undefined && m.name !== RECORD);
    expect(findings.map((f) => f.member).sort()).toEqual(hashed.map((m) => m.name).sort());
    for (const f of findings) {
      expect(
        describeFinding(f).startsWith(
          `${copy}:${f.member}: error[RECORD_SIZE_MISMATCH] RECORD line `,
        ),
      ).toBe(true);
    }
  });
});

describe('an sdist built before the manifest (ARCHIVE_PREDATES_MANIFEST)', () => {
  const PYPROJECT = `${ROOT}/pyproject.toml`;
  const MANIFEST = `${ROOT}/pyproject-manifest.txt`;
  const committed = readFileSync(join(packagesDir, hatch.pkg, 'pyproject.toml'), 'utf8');
  /** The fixture's pyproject.toml without its [tool.manifest.wheel] table, as before init. */
  const beforeInit = committed.slice(0, committed.indexOf('# hatchling'));

  /** The hatch sdist after `edit`, checked with the tree's pyproject.toml as `treePyproject`. */
  async function predates(edit: Tamper, treePyproject: string) {
    const members = await edit(await readTarMembers(archivePath(hatch, 'sdist')));
    const copy = join(tempDir(), hatch.sdist);
    await writeTarGz(copy, members);
    const manifest = committedManifest(hatch.pkg);
    const treeHashes = await treeHashesFor(hatch.pkg, manifest);
    treeHashes.set('pyproject.toml', await recordHash(Buffer.from(treePyproject)));
    return checkArchive(await readArchive(copy), manifest.sdist, {
      treeHashes,
      current: {
        manifestFile: 'pyproject-manifest.txt',
        manifestTable: manifestTableKey(treePyproject),
      },
    }).map((f) => `${f.code} ${f.path}${f.args.reason ? ` ${f.args.reason}` : ''}`);
  }

  it('no table and no manifest in the sdist: one finding instead of two', async () => {
    const edit: Tamper = async (ms) => withBytes(PYPROJECT, beforeInit)(without(MANIFEST)(ms));
    expect(await predates(edit, committed)).toEqual([
      'ARCHIVE_PREDATES_MANIFEST pyproject.toml table-added',
    ]);
  });

  it('no pyproject.toml at all (init created it for a setup.py project): one finding', async () => {
    const edit: Tamper = async (ms) => without(PYPROJECT)(without(MANIFEST)(ms));
    expect(await predates(edit, committed)).toEqual([
      'ARCHIVE_PREDATES_MANIFEST pyproject.toml pyproject-added',
    ]);
  });

  it('an older table: table-changed; other differences stay', async () => {
    const older = committed.replace('{data}/data/share', '{data}/data/old');
    const edit: Tamper = async (ms) =>
      withBytes(`${ROOT}/README.md`, 'edited\n')(withBytes(PYPROJECT, older)(ms));
    expect(await predates(edit, committed)).toEqual([
      'ARCHIVE_PREDATES_MANIFEST pyproject.toml table-changed',
      'ARCHIVE_CONTENT_MISMATCH README.md',
    ]);
  });

  it('an older manifest: manifest-changed', async () => {
    const edit: Tamper = async (ms) => withBytes(MANIFEST, '# pyproject-manifest v1\n')(ms);
    expect(await predates(edit, committed)).toEqual([
      'ARCHIVE_PREDATES_MANIFEST pyproject.toml manifest-changed',
    ]);
  });

  it('the same table, formatted otherwise: a plain content mismatch, not this', async () => {
    const reformatted = committed.replace('[tool.manifest.wheel]', '[tool.manifest.wheel] # x');
    expect(await predates(async (ms) => ms, reformatted)).toEqual([
      'ARCHIVE_CONTENT_MISMATCH pyproject.toml',
    ]);
  });

  it('the manifest missing with the same table: the build does not ship it (not folded)', async () => {
    expect(await predates(async (ms) => without(MANIFEST)(ms), committed)).toEqual([
      'ARCHIVE_MISSING_FILE pyproject-manifest.txt',
    ]);
  });

  it('without `current`, the differences show as they are', async () => {
    const members = withBytes(
      PYPROJECT,
      beforeInit,
    )(without(MANIFEST)(await readTarMembers(archivePath(hatch, 'sdist'))));
    const copy = join(tempDir(), hatch.sdist);
    await writeTarGz(copy, members);
    expect((await check(copy, hatch, 'sdist')).map((f) => f.code)).toEqual([
      'ARCHIVE_MISSING_FILE',
      'ARCHIVE_CONTENT_MISMATCH',
    ]);
  });
});
