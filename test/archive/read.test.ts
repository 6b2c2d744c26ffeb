/**
 * The readers on real archives: the committed ones built by every backend, and broken copies.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { hashTreeFiles } from '../../src/archive/hash-tree.js';
import { readArchive } from '../../src/archive/open.js';
import { describeError } from '../../src/describe.js';
import { ManifestError } from '../../src/errors.js';
import { comparePaths } from '../../src/manifest/order.js';
import {
  archivePath,
  committedManifest,
  FIXTURES,
  materializePackage,
  PYTHON,
  recordHash,
  tempDir,
} from './archive-helpers.js';

const LONG =
  'src/fixture_hatch/very_long_directory_name_that_keeps_going/and_another_long_directory_name/module_with_a_rather_long_name.py';

function files(listing: Awaited<ReturnType<typeof readArchive>>): string[] {
  return listing.entries
    .filter((e) => e.kind === 'file')
    .map((e) => e.relPath)
    .sort(comparePaths);
}

describe('readArchive on committed archives', () => {
  it.each(FIXTURES)('$backend sdist of $pkg lists every file under its root', async (fixture) => {
    const listing = await readArchive(archivePath(fixture, 'sdist'));
    expect(listing.kind).toBe('sdist');
    expect(listing.root).toBe(fixture.sdist.replace(/\.tar\.gz$/, ''));
    for (const entry of listing.entries) {
      expect(entry.path === listing.root || entry.path.startsWith(`${listing.root}/`)).toBe(true);
      expect(entry.kind === 'file' || entry.kind === 'dir').toBe(true);
    }
    // The committed manifest's mod DESTs are all there (gen files come on top).
    const mods = committedManifest(fixture.pkg).sdist.flatMap((e) =>
      e.kind === 'mod' ? [e.dest] : [],
    );
    expect(files(listing)).toEqual(expect.arrayContaining(mods));
    expect(files(listing)).toContain('PKG-INFO');
  });

  it.each(FIXTURES)('$backend wheel of $pkg lists members and parses RECORD', async (fixture) => {
    const listing = await readArchive(archivePath(fixture, 'wheel'));
    expect(listing.kind).toBe('wheel');
    const distInfo = fixture.wheel.split('-').slice(0, 2).join('-') + '.dist-info';
    expect(listing.recordPath).toBe(`${distInfo}/RECORD`);
    expect(listing.recordProblems).toEqual([]);
    // Every backend lists every file in RECORD, RECORD itself without hash or size.
    expect(listing.record!.map((r) => r.path).sort(comparePaths)).toEqual(files(listing));
    const self = listing.record!.find((r) => r.path === listing.recordPath)!;
    expect(self).toMatchObject({ algorithm: '', digest: '', size: undefined });
    for (const entry of listing.entries.filter((e) => e.kind === 'file')) {
      expect(entry.compressedSize).toBeTypeOf('number');
      const row = listing.record!.find((r) => r.path === entry.relPath)!;
      if (row !== self)
        expect([row.algorithm, row.digest, row.size]).toEqual(['sha256', entry.sha256, entry.size]);
    }
  });

  it('reads a sdist path over 100 bytes, which the tar stores in a PAX header', async () => {
    const fixture = FIXTURES.find((f) => f.backend === 'hatchling')!;
    const file = archivePath(fixture, 'sdist');
    const raw = gunzipSync(readFileSync(file)).toString('latin1');
    const full = `fixture_hatch-1.0/${LONG}`;
    expect(full.length).toBeGreaterThan(100);
    expect(raw).toContain(` path=${full}\n`); // a PAX record: the name does not fit the ustar header
    const listing = await readArchive(file);
    const entry = listing.entries.find((e) => e.relPath === LONG);
    expect(entry).toMatchObject({ path: full, kind: 'file', size: 12 });
  });

  it('reads a non-ASCII member name from both the sdist and the wheel', async () => {
    const fixture = FIXTURES.find((f) => f.backend === 'flit_core')!;
    const name = 'fixture_flit/data/caf\u00e9-menu.txt';
    for (const kind of ['sdist', 'wheel'] as const) {
      const listing = await readArchive(archivePath(fixture, kind));
      expect(listing.entries.map((e) => e.relPath)).toContain(name);
    }
  });

  it.each(FIXTURES)(
    '$backend: member sha256 equals the tree file sha256 ($pkg)',
    async (fixture) => {
      const root = materializePackage(fixture.pkg);
      const mods = committedManifest(fixture.pkg).sdist.flatMap((e) =>
        e.kind === 'mod' ? [e.src] : [],
      );
      const tree = await hashTreeFiles(root, mods);
      expect([...tree.keys()].sort(comparePaths)).toEqual([...mods].sort(comparePaths));
      const listing = await readArchive(archivePath(fixture, 'sdist'));
      for (const src of mods) {
        const independent = createHash('sha256')
          .update(readFileSync(join(root, src)))
          .digest('base64url');
        expect(tree.get(src)).toBe(independent);
        expect(listing.entries.find((e) => e.relPath === src)?.sha256, src).toBe(independent);
      }
    },
  );

  it('hashTreeFiles leaves out files that do not exist', async () => {
    const root = materializePackage('flit-demo');
    const hashes = await hashTreeFiles(root, ['README.md', 'missing.txt']);
    expect([...hashes.keys()]).toEqual(['README.md']);
    expect(hashes.get('README.md')).toBe(await recordHash(readFileSync(join(root, 'README.md'))));
  });

  it('hashTreeFiles hashes files of every size as hashlib does: empty, one read, exactly one read, more (#11)', async () => {
    const root = tempDir();
    const sizes = [0, 100, 4096, 256 * 1024 - 1, 256 * 1024, 256 * 1024 + 1, 1024 * 1024 + 7];
    for (const size of sizes) {
      const bytes = Buffer.alloc(size);
      for (let i = 0; i < size; i++) bytes[i] = (i * 31 + size) & 0xff;
      writeFileSync(join(root, `f${size}`), bytes);
    }
    const printed = execFileSync(
      PYTHON,
      [
        '-c',
        'import base64, hashlib, sys\nfor p in sys.argv[1:]: print(base64.urlsafe_b64encode(hashlib.sha256(open(p, "rb").read()).digest()).rstrip(b"=").decode())',
        ...sizes.map((size) => join(root, `f${size}`)),
      ],
      { encoding: 'utf8' },
    );
    const hashes = await hashTreeFiles(
      root,
      sizes.map((size) => `f${size}`),
    );
    expect(sizes.map((size) => hashes.get(`f${size}`))).toEqual(printed.trim().split('\n'));
  });

  it('recognises the kind from the bytes, not the extension', async () => {
    const dir = tempDir();
    const wheel = join(dir, 'renamed.tar.gz');
    const sdist = join(dir, 'renamed.whl');
    copyFileSync(archivePath(FIXTURES[0]!, 'wheel'), wheel);
    copyFileSync(archivePath(FIXTURES[0]!, 'sdist'), sdist);
    expect((await readArchive(wheel)).kind).toBe('wheel');
    expect((await readArchive(sdist)).kind).toBe('sdist');
  });

  it('reads members of every size class (read whole, read whole up to 4 MiB, streamed) to the bytes Python writes (#11)', async () => {
    // Python's zipfile writes the wheel: incompressible members of 100 KiB, 1 MiB (over 256 KiB
    // compressed) and 5 MiB, each hashed by hashlib, with a RECORD listing them.
    const dir = tempDir();
    const file = join(dir, 'sizes-1.0-py3-none-any.whl');
    const script = `import base64, hashlib, random, sys, zipfile
rng = random.Random(11)
members = {f"sizes/m{n}.bin": rng.randbytes(n) for n in (100 * 1024, 1024 * 1024, 5 * 1024 * 1024)}
members["sizes-1.0.dist-info/WHEEL"] = b"Wheel-Version: 1.0\\n"
rows = []
with zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_DEFLATED) as z:
    for name, data in members.items():
        z.writestr(name, data)
        digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
        rows.append(f"{name},sha256={digest},{len(data)}")
        print(name, digest, z.getinfo(name).compress_size)
    z.writestr("sizes-1.0.dist-info/RECORD", "\\n".join(rows + ["sizes-1.0.dist-info/RECORD,,"]) + "\\n")
`;
    const printed = execFileSync(PYTHON, ['-c', script, file], { encoding: 'utf8' });
    const expected = printed
      .trim()
      .split('\n')
      .map((line) => line.split(' '));
    // The three size classes are there: up to 256 KiB compressed, up to 4 MiB, and above.
    expect(expected.slice(0, 3).map(([, , compressed]) => Number(compressed) > 256 * 1024)).toEqual(
      [false, true, true],
    );
    expect(Number(expected[2]![2])).toBeGreaterThan(4 * 1024 * 1024);
    const listing = await readArchive(file);
    expect(listing.recordProblems).toEqual([]);
    for (const [name, digest] of expected)
      expect(listing.entries.find((e) => e.path === name)?.sha256).toBe(digest);

    // A flipped byte inside the 1 MiB member: read whole, the CRC-32 check still catches it.
    const bytes = Buffer.from(readFileSync(file));
    const at =
      bytes.indexOf(Buffer.from('sizes/m1048576.bin')) + 'sizes/m1048576.bin'.length + 500_000;
    bytes[at] = bytes[at]! ^ 0xff;
    const flipped = join(dir, 'flipped-1.0-py3-none-any.whl');
    writeFileSync(flipped, bytes);
    await expect(readArchive(flipped)).rejects.toMatchObject({ code: 'ARCHIVE_UNREADABLE' });
  });

  it('does not read members over maxMemberSize', async () => {
    for (const kind of ['sdist', 'wheel'] as const) {
      const listing = await readArchive(archivePath(FIXTURES[0]!, kind), { maxMemberSize: 50 });
      const big = listing.entries.filter((e) => e.kind === 'file' && e.size > 50);
      expect(big.length).toBeGreaterThan(0);
      for (const e of big) expect(e).toMatchObject({ oversized: true, sha256: '' });
      for (const e of listing.entries.filter((x) => x.kind === 'file' && x.size <= 50))
        expect(e.sha256).not.toBe('');
    }
  });
});

describe('readArchive on broken input', () => {
  it('stops an sdist that expands past maxTotalSize (a gzip bomb)', async () => {
    const file = archivePath(FIXTURES[0]!, 'sdist');
    const error = await readArchive(file, { maxTotalSize: 2048 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ManifestError);
    expect(error).toMatchObject({ code: 'ARCHIVE_UNREADABLE', file });
    expect((error as Error).message).toContain('expands to more than 2048 bytes');
  });

  type Make = (dir: string) => string;
  const cut =
    (kind: 'sdist' | 'wheel', keep: (size: number) => number, name: string): Make =>
    (dir) => {
      const bytes = readFileSync(archivePath(FIXTURES[0]!, kind));
      const file = join(dir, name);
      writeFileSync(file, bytes.subarray(0, keep(bytes.length)));
      return file;
    };
  const flip =
    (kind: 'sdist' | 'wheel', at: (size: number) => number, name: string): Make =>
    (dir) => {
      const bytes = Buffer.from(readFileSync(archivePath(FIXTURES[0]!, kind)));
      for (let i = at(bytes.length); i < at(bytes.length) + 16; i++) bytes[i] = bytes[i]! ^ 0xff;
      const file = join(dir, name);
      writeFileSync(file, bytes);
      return file;
    };
  const write =
    (name: string, data: string | Buffer): Make =>
    (dir) => {
      const file = join(dir, name);
      writeFileSync(file, data);
      return file;
    };
  const cases: [string, string, Make][] = [
    [
      'truncated sdist',
      'ARCHIVE_UNREADABLE',
      cut('sdist', (n) => Math.floor(n / 2), 'half-1.0.tar.gz'),
    ],
    [
      'sdist without its gzip trailer',
      'ARCHIVE_UNREADABLE',
      cut('sdist', (n) => n - 4, 'trailer-1.0.tar.gz'),
    ],
    [
      'corrupt sdist',
      'ARCHIVE_UNREADABLE',
      flip('sdist', (n) => Math.floor(n / 2), 'flipped-1.0.tar.gz'),
    ],
    [
      'truncated wheel',
      'ARCHIVE_UNREADABLE',
      cut('wheel', (n) => Math.floor(n / 2), 'half-1.0-py3-none-any.whl'),
    ],
    [
      'corrupt wheel data',
      'ARCHIVE_UNREADABLE',
      flip('wheel', () => 60, 'flipped-1.0-py3-none-any.whl'),
    ],
    [
      'gzip that is not a tar',
      'ARCHIVE_UNREADABLE',
      write('notar-1.0.tar.gz', gzipSync('hello '.repeat(200))),
    ],
    [
      'text file named .whl',
      'ARCHIVE_UNSUPPORTED',
      write('text-1.0-py3-none-any.whl', 'not a zip\n'),
    ],
    [
      'bzip2 sdist',
      'ARCHIVE_UNSUPPORTED',
      write('old-1.0.tar.bz2', Buffer.from('425a683931415926', 'hex')),
    ],
    ['empty file', 'ARCHIVE_UNSUPPORTED', write('empty-1.0.tar.gz', '')],
    ['missing file', 'ARCHIVE_UNREADABLE', (dir) => join(dir, 'missing-1.0.tar.gz')],
    [
      'a directory',
      'ARCHIVE_UNREADABLE',
      (dir) => (mkdirSync(join(dir, 'd.whl')), join(dir, 'd.whl')),
    ],
  ];
  it.each(cases)('%s → %s, one line naming the file', async (_name, code, make) => {
    const file = make(tempDir());
    const error = await readArchive(file).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ManifestError);
    const e = error as ManifestError;
    expect(e.code).toBe(code);
    expect(e.file).toBe(file);
    const line = describeError(e);
    expect(line.startsWith(`${file}: error[${code}]`)).toBe(true);
    expect(line).not.toContain('\n');
    expect(line).not.toMatch(/\bat .*\.(js|ts):\d+/);
  });
});
