/**
 * The archive check in both languages on the same real archives: every committed fixture sdist and
 * wheel against its own manifest and against another project's, and copies of the hatchling ones
 * tampered with real tar and zip writers (missing, extra and changed files, unsafe names and links,
 * duplicates, case collisions, a second root, a broken RECORD, `.data` schemes, directory members,
 * names that differ from the archive's; issue #12's link chains, zip names that differ between the
 * central directory and the local header or a Unicode Path extra field, file names that lie about
 * the kind, an sdist packed as .zip, RECORD hashing itself, a deflate bomb's ratio). `checkArchive`
 * (TypeScript) and
 * `pyproject_manifest.archive.check_archive` (Python, one process for the batch) must return the
 * same findings: code, severity, path, member, args, order.
 */
import { spawnSync } from 'node:child_process';
import {
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkArchive } from '../../src/archive/check.js';
import { ManifestError } from '../../src/errors.js';
import { hashTreeFiles } from '../../src/archive/hash-tree.js';
import { readArchive } from '../../src/archive/open.js';
import { parseManifest } from '../../src/manifest/parse.js';
import { typescriptReadsAlt } from '../helpers/manifest-outcome.js';
import {
  archivePath,
  committedManifest,
  FIXTURES,
  packagesDir,
  PYTHON,
  readTarMembers,
  readZipMembers,
  editRecordLines,
  rewriteRecord,
  writeTarGz,
  writeZip,
  type Member,
} from '../archive/archive-helpers.js';
import { unicodePathExtra, writeZipBytes, type ZipMember } from '../hostile/zip-bytes.js';

const pythonDir = join(import.meta.dirname, '../../python');

interface ArchiveCase {
  name: string;
  archive: string;
  pkg: string;
  /** The manifest to check against: the package's committed one unless given. */
  manifestFile?: string;
}

const work = mkdtempSync(join(tmpdir(), 'pm-pyarchive-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Each fixture package as a project: `gitignore` renamed back, as the build script does. */
function projectRoot(pkg: string): string {
  const root = join(work, 'projects', pkg);
  if (!existsSync(root)) {
    cpSync(join(packagesDir, pkg), root, { recursive: true });
    if (existsSync(join(root, 'gitignore')))
      renameSync(join(root, 'gitignore'), join(root, '.gitignore'));
  }
  return root;
}

const ROOT = 'fixture_hatch-1.0';
const DIST_INFO = 'fixture_hatch-1.0.dist-info';
const INIT = 'fixture_hatch/__init__.py';
const file = (name: string, text: string): Member => ({ name, data: Buffer.from(text) });
const without = (name: string) => (ms: Member[]) => ms.filter((m) => m.name !== name);

type Tamper = (members: Member[]) => Member[] | Promise<Member[]>;

const SDIST_TAMPERINGS: [string, Tamper][] = [
  ['a file removed', without(`${ROOT}/README.md`)],
  ['a file added', (ms) => [...ms, file(`${ROOT}/secrets.env`, 'TOKEN=1\n')]],
  [
    'a file changed',
    (ms) =>
      ms.map((m) => (m.name === `${ROOT}/src/${INIT}` ? { ...m, data: Buffer.from('x\n') } : m)),
  ],
  ['a member with ../', (ms) => [...ms, file(`${ROOT}/../evil.py`, 'x')]],
  ['an absolute member', (ms) => [...ms, file('/etc/evil.py', 'x')]],
  ['a backslash', (ms) => [...ms, file(`${ROOT}/src\\evil.py`, 'x')]],
  ['a duplicate member', (ms) => [...ms, ms.find((m) => m.name === `${ROOT}/README.md`)!]],
  [
    'names differing by case',
    (ms) => [
      ...ms,
      { ...ms.find((m) => m.name === `${ROOT}/README.md`)!, name: `${ROOT}/readme.md` },
    ],
  ],
  [
    'a symlink out of the root',
    (ms) => [...ms, { name: `${ROOT}/src/link`, type: 'symlink', linkname: '../../../etc/passwd' }],
  ],
  [
    'a symlink inside',
    (ms) => [...ms, { name: `${ROOT}/src/ok`, type: 'symlink', linkname: '../README.md' }],
  ],
  [
    'a hardlink out',
    (ms) => [...ms, { name: `${ROOT}/hard`, type: 'link', linkname: '../outside' }],
  ],
  ['a second top-level directory', (ms) => [...ms, file('other-1.0/x.py', 'x')]],
  [
    'directory members',
    (ms) => [
      { name: `${ROOT}/`, type: 'directory' },
      { name: `${ROOT}/src/`, type: 'directory' },
      ...ms,
    ],
  ],
  ['PKG-INFO removed', without(`${ROOT}/PKG-INFO`)],
  ['pyproject.toml removed', without(`${ROOT}/pyproject.toml`)],
  [
    'root renamed',
    (ms) => ms.map((m) => ({ ...m, name: m.name.replace(ROOT, 'fixture_hatch-2.0') })),
  ],
  [
    'root without a version',
    (ms) => ms.map((m) => ({ ...m, name: m.name.replace(ROOT, 'fixture_hatch') })),
  ],
  [
    'a long name (PAX)',
    (ms) => [...ms, file(`${ROOT}/${'d'.repeat(60)}/${'f'.repeat(80)}.txt`, 'x')],
  ],
  ['no members', () => []],
  // Issue #12: links resolved through earlier links, as an extractor follows them.
  [
    'a symlink chain that escapes only when followed',
    (ms) => [
      ...ms,
      { name: `${ROOT}/a/b/lnk`, type: 'symlink', linkname: '../../..' },
      { name: `${ROOT}/a/b/out`, type: 'symlink', linkname: 'lnk/../secret.txt' },
      { name: `${ROOT}/a/b/up`, type: 'symlink', linkname: 'lnk/..' },
      file(`${ROOT}/a/b/up/evil.py`, 'x'),
      { name: `${ROOT}/a/b/ok`, type: 'symlink', linkname: `lnk/${ROOT}/README.md` },
      { name: `${ROOT}/l1`, type: 'symlink', linkname: 'l2' },
      { name: `${ROOT}/l2`, type: 'symlink', linkname: 'l1' },
    ],
  ],
  [
    'a hard link through a symlink that leaves',
    (ms) => [
      ...ms,
      { name: `${ROOT}/top`, type: 'symlink', linkname: '../..' },
      { name: `${ROOT}/hard`, type: 'link', linkname: `${ROOT}/top/etc/passwd` },
    ],
  ],
];

const WHEEL_TAMPERINGS: [string, Tamper][] = [
  ['a file removed', async (ms) => rewriteRecord(without(INIT)(ms))],
  ['a file added', async (ms) => rewriteRecord([...ms, file('fixture_hatch/extra.py', 'x = 1\n')])],
  [
    'a file changed',
    async (ms) =>
      rewriteRecord(ms.map((m) => (m.name === INIT ? { ...m, data: Buffer.from('y\n') } : m))),
  ],
  [
    'a RECORD hash and a size wrong',
    (ms) =>
      editRecordLines(ms, (ls) =>
        ls.map((l) =>
          l.startsWith(`${INIT},`)
            ? l.replace(/sha256=[^,]+/, 'sha256=AAAA')
            : l.startsWith('fixture_hatch/')
              ? l.replace(/,\d+$/, ',999')
              : l,
        ),
      ),
  ],
  [
    'a RECORD row missing',
    (ms) => editRecordLines(ms, (ls) => ls.filter((l) => !l.startsWith(`${INIT},`))),
  ],
  [
    'a RECORD row extra and twice',
    (ms) => editRecordLines(ms, (ls) => ['gone.py,sha256=AAAA,1', ...ls, ls[0]!]),
  ],
  [
    'weak, empty and sha512 hashes',
    (ms) =>
      editRecordLines(ms, (ls) =>
        ls.map((l, i) =>
          i === 0
            ? l.replace(/sha256=[^,]+/, 'md5=AAAA')
            : i === 1
              ? l.replace(/sha256=[^,]+/, '')
              : i === 2
                ? l.replace(/sha256=[^,]+/, 'sha512=AAAA')
                : l,
        ),
      ),
  ],
  [
    'RECORD rows that are not CSV of 3',
    (ms) =>
      editRecordLines(ms, (ls) => [
        ...ls,
        'just-a-path',
        '"a,b",sha256=x',
        'p,nohash,1',
        'p,sha256=x,1.5',
      ]),
  ],
  ['RECORD removed', without(`${DIST_INFO}/RECORD`)],
  ['METADATA removed', async (ms) => rewriteRecord(without(`${DIST_INFO}/METADATA`)(ms))],
  [
    'a second .dist-info',
    async (ms) => rewriteRecord([...ms, file('other-1.0.dist-info/METADATA', 'x')]),
  ],
  [
    'an unknown .data scheme',
    async (ms) => rewriteRecord([...ms, file('fixture_hatch-1.0.data/config/x.conf', 'x')]),
  ],
  [
    'a file directly in .data/',
    async (ms) => rewriteRecord([...ms, file('fixture_hatch-1.0.data/x', 'x')]),
  ],
  ['a foreign .data', async (ms) => rewriteRecord([...ms, file('other-1.0.data/data/x', 'x')])],
  ['a member with ../', async (ms) => rewriteRecord([...ms, file('../evil.py', 'x')])],
  ['a backslash', async (ms) => rewriteRecord([...ms, file('fixture_hatch\\evil.py', 'x')])],
  ['a duplicate member', (ms) => [...ms, ms.find((m) => m.name === INIT)!]],
  [
    'a symlink out of the wheel',
    async (ms) =>
      rewriteRecord([...ms, { name: 'fixture_hatch/link', type: 'symlink', linkname: '../../x' }]),
  ],
  [
    'directory members',
    async (ms) => rewriteRecord([{ name: 'fixture_hatch/', type: 'directory' }, ...ms]),
  ],
];

/**
 * Wheels that Python's zipfile will not write (zip-bytes.ts): the hatchling wheel's members plus
 * what each case adds, RECORD rewritten for them unless the case edits it.
 */
const ZIP_TAMPERINGS: [string, (ms: ZipMember[]) => ZipMember[]][] = [
  [
    'local header names differ from the central directory',
    (ms) => [
      ...ms,
      { name: 'fixture_hatch/aaaaa.py', localName: '../../evil.py', data: Buffer.from('x') },
      { name: '../../evil2.py', localName: 'fixture_hatch/bbbbbb.py', data: Buffer.from('y') },
    ],
  ],
  [
    'a Unicode Path extra field over a raw ../../evil.py',
    (ms) => [
      ...ms,
      {
        name: '../../evil.py',
        data: Buffer.from('x'),
        extra: unicodePathExtra('../../evil.py', 'fixture_hatch/ok.py'),
      },
      {
        name: 'fixture_hatch/raw.py',
        data: Buffer.from('z'),
        extra: unicodePathExtra('fixture_hatch/raw.py', 'fixture_hatch/shown.py'),
      },
    ],
  ],
  [
    'a symlink chain in a wheel',
    (ms) => [
      ...ms,
      { name: 'fixture_hatch/lnk', data: Buffer.from('..'), mode: 0o120777 },
      { name: 'fixture_hatch/out', data: Buffer.from('lnk/../x'), mode: 0o120777 },
      { name: 'fixture_hatch/lnk/y.py', data: Buffer.from('y') },
    ],
  ],
  [
    'a member of 20 MiB of zeros (a deflate bomb shape)',
    (ms) => [...ms, { name: 'fixture_hatch/zeros.bin', data: Buffer.alloc(20 * 1024 * 1024) }],
  ],
];

const cases: ArchiveCase[] = [];

beforeAll(async () => {
  for (const fixture of FIXTURES) {
    for (const kind of ['sdist', 'wheel'] as const) {
      cases.push({
        name: `${fixture.pkg} ${kind}`,
        archive: archivePath(fixture, kind),
        pkg: fixture.pkg,
      });
      const other = FIXTURES[(FIXTURES.indexOf(fixture) + 1) % FIXTURES.length]!;
      cases.push({
        name: `${fixture.pkg} ${kind} against ${other.pkg}`,
        archive: archivePath(fixture, kind),
        pkg: other.pkg,
      });
    }
  }
  const hatch = FIXTURES.find((f) => f.backend === 'hatchling')!;
  const sdistMembers = await readTarMembers(archivePath(hatch, 'sdist'));
  for (const [i, [name, tamper]] of SDIST_TAMPERINGS.entries()) {
    const dir = join(work, `sdist-${i}`);
    mkdirSync(dir, { recursive: true });
    const archive = join(dir, hatch.sdist);
    await writeTarGz(archive, await tamper(sdistMembers.map((m) => ({ ...m }))));
    cases.push({ name: `sdist: ${name}`, archive, pkg: hatch.pkg });
  }
  const wheelMembers = readZipMembers(archivePath(hatch, 'wheel'));
  for (const [i, [name, tamper]] of WHEEL_TAMPERINGS.entries()) {
    const dir = join(work, `wheel-${i}`);
    mkdirSync(dir, { recursive: true });
    const archive = join(dir, hatch.wheel);
    writeZip(archive, await tamper(wheelMembers.map((m) => ({ ...m }))));
    cases.push({ name: `wheel: ${name}`, archive, pkg: hatch.pkg });
  }
  // `alt:` DESTs must be present and their bytes are not compared, once TypeScript reads them.
  if (typescriptReadsAlt()) {
    const committed = readFileSync(join(packagesDir, hatch.pkg, 'pyproject-manifest.txt'), 'utf8');
    const manifestFile = join(work, 'alt-manifest.txt');
    writeFileSync(
      manifestFile,
      committed.replace('mod: README.md -> README.md', 'alt: README.md -> README.md'),
    );
    const variants: [string, Tamper][] = [
      ['unchanged', (ms) => ms],
      [
        'rewritten',
        (ms) =>
          ms.map((m) =>
            m.name === `${ROOT}/README.md` ? { ...m, data: Buffer.from('rewritten\n') } : m,
          ),
      ],
      ['missing', without(`${ROOT}/README.md`)],
    ];
    for (const [i, [name, tamper]] of variants.entries()) {
      const dir = join(work, `alt-${i}`);
      mkdirSync(dir, { recursive: true });
      const archive = join(dir, hatch.sdist);
      await writeTarGz(archive, await tamper(sdistMembers.map((m) => ({ ...m }))));
      cases.push({ name: `sdist, alt README.md: ${name}`, archive, pkg: hatch.pkg, manifestFile });
    }
  }
  const zipBase: ZipMember[] = wheelMembers.map((m) => ({ name: m.name, data: m.data! }));
  for (const [i, [name, tamper]] of ZIP_TAMPERINGS.entries()) {
    const dir = join(work, `zip-${i}`);
    mkdirSync(dir, { recursive: true });
    const members = tamper(zipBase.map((m) => ({ ...m })));
    const rewritten = new Map(
      (await rewriteRecord(members.map((m) => ({ name: m.name, data: m.data! })))).map((m) => [
        m.name,
        m.data!,
      ]),
    );
    const archive = join(dir, hatch.wheel);
    writeFileSync(
      archive,
      writeZipBytes(members.map((m) => ({ ...m, data: rewritten.get(m.name) ?? m.data! }))),
    );
    cases.push({ name: `wheel: ${name}`, archive, pkg: hatch.pkg });
  }
  // RECORD listing itself with a hash and a size.
  {
    const dir = join(work, 'record-self');
    mkdirSync(dir, { recursive: true });
    const archive = join(dir, hatch.wheel);
    const record = `${DIST_INFO}/RECORD`;
    writeZip(
      archive,
      editRecordLines(
        wheelMembers.map((m) => ({ ...m })),
        (ls) => ls.map((l) => (l === `${record},,` ? `${record},sha256=AAAA,123` : l)),
      ),
    );
    cases.push({ name: 'wheel: RECORD lists itself with a hash', archive, pkg: hatch.pkg });
  }
  // File names that lie about the kind, and an sdist packed as .zip (ARCHIVE_UNSUPPORTED).
  const lying = join(work, 'lying');
  mkdirSync(lying, { recursive: true });
  for (const [from, to] of [
    ['sdist', hatch.wheel],
    ['wheel', hatch.sdist],
    ['wheel', 'fixture_hatch-1.0.zip'],
    ['sdist', 'fixture_hatch-1.0.tar.bz2'],
  ] as const) {
    copyFileSync(archivePath(hatch, from), join(lying, to));
    cases.push({ name: `${to} holding the ${from}`, archive: join(lying, to), pkg: hatch.pkg });
  }
  // A copy whose file name disagrees with the root inside.
  const renamed = join(work, 'fixture_hatch-1.1.tar.gz');
  copyFileSync(archivePath(hatch, 'sdist'), renamed);
  cases.push({
    name: 'sdist: file name disagrees with the root',
    archive: renamed,
    pkg: hatch.pkg,
  });
});

function manifestFileOf(c: ArchiveCase): string {
  return c.manifestFile ?? join(packagesDir, c.pkg, 'pyproject-manifest.txt');
}

async function typescriptFindings(c: ArchiveCase): Promise<unknown> {
  const manifest =
    c.manifestFile === undefined
      ? committedManifest(c.pkg)
      : parseManifest(readFileSync(c.manifestFile, 'utf8'), c.manifestFile);
  let listing;
  try {
    listing = await readArchive(c.archive);
  } catch (error) {
    if (error instanceof ManifestError) return { errors: [error.code] };
    throw error;
  }
  const section = listing.kind === 'sdist' ? manifest.sdist : manifest.wheel;
  const treeHashes = await hashTreeFiles(
    projectRoot(c.pkg),
    section.flatMap((e) => (e.kind === 'mod' ? [e.src] : [])),
  );
  return JSON.parse(JSON.stringify(checkArchive(listing, section, { treeHashes }))) as unknown;
}

describe('the Python archive check agrees with checkArchive', () => {
  it('on committed and tampered sdists and wheels', async () => {
    const input = cases.map((c) =>
      JSON.stringify({
        archive: c.archive,
        manifestFile: manifestFileOf(c),
        root: projectRoot(c.pkg),
      }),
    );
    const run = spawnSync(PYTHON, ['-m', 'tests.oracle'], {
      cwd: pythonDir,
      input: `${input.join('\n')}\n`,
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
    });
    expect(run.stderr).toBe('');
    const python = run.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as unknown);
    expect(python).toHaveLength(cases.length);
    const disagreements: unknown[] = [];
    for (const [i, c] of cases.entries()) {
      const ts = await typescriptFindings(c);
      try {
        expect(python[i]).toEqual(ts);
      } catch {
        disagreements.push({ case: c.name, typescript: ts, python: python[i] });
      }
    }
    expect(disagreements).toEqual([]);
    // The cases are not all clean: the comparison covers most finding codes.
    const codes = new Set(
      (python.flat() as { code?: string }[]).flatMap((f) => (f.code ? [f.code] : [])),
    );
    expect(codes.size).toBeGreaterThanOrEqual(20);
    // Issue #12's findings among them, and the refusal of an sdist packed as .zip.
    for (const code of [
      'ARCHIVE_NAME_MISMATCH',
      'ARCHIVE_KIND_MISMATCH',
      'ARCHIVE_SIZE_SUSPICIOUS',
      'ARCHIVE_UNSAFE_LINK',
      'ARCHIVE_UNSAFE_PATH',
      'RECORD_ROW_INVALID',
    ])
      expect(codes).toContain(code);
    expect(python).toContainEqual({ errors: ['ARCHIVE_UNSUPPORTED'] });
  });
});
