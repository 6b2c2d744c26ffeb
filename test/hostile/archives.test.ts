/**
 * Issue #12, "Archive safety (reported, never waved through)": link chains that escape only when
 * followed, zip names that differ between the central directory and the local header or hide
 * behind a Unicode Path extra field, file names that lie about the kind, an sdist packed as .zip,
 * RECORD hashing itself, and a deflate bomb. Real archives (tar-stream, Python's zipfile, and a
 * small zip writer for what zipfile refuses to write), with Python's tarfile and zipfile as the
 * oracle of what an extractor does.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createDeflateRaw, crc32 } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { ManifestError, validateArchives } from '../../src/index.js';
import {
  archivePath,
  FIXTURES,
  projectWithArchives,
  PYTHON,
  readTarMembers,
  readZipMembers,
  recordMember,
  rewriteRecord,
  writeTarGz,
  type Member,
} from '../archive/archive-helpers.js';
import { runCli } from '../cli/harness.js';
import { unicodePathExtra, writeZipBytes, type ZipMember } from './zip-bytes.js';

const hatch = FIXTURES.find((f) => f.backend === 'hatchling')!;
const ROOT = 'fixture_hatch-1.0';

async function findingsOf(
  root: string,
  file: string,
  namesOnly = false,
): Promise<[string, string][]> {
  const { archives } = await validateArchives({ root, archives: [file], namesOnly });
  return archives[0]!.findings.map((f) => [f.code, f.member ?? f.path]);
}

/**
 * Which members lead outside when extracted in order, with every symlink created as `tar x` does
 * (creating a link writes nothing outside; a member written through one would, and is not
 * written): the rule of Python's tarfile `data` filter (3.12; this Python is older), with the OS's
 * own realpath as the judge of where a path leads once the links made so far are followed.
 */
function leavingOnDisk(file: string, dest: string): string[] {
  const out = execFileSync(
    PYTHON,
    [
      '-c',
      `import os, sys, tarfile
dest = os.path.realpath(sys.argv[2])
os.makedirs(dest, exist_ok=True)
def inside(path):
    return os.path.commonpath([dest, os.path.realpath(path)]) == dest
refused = []
with tarfile.open(sys.argv[1]) as tar:
    for m in tar.getmembers():
        target = os.path.join(dest, m.name)
        ok = inside(os.path.dirname(target))
        if ok and m.issym():
            ok = inside(os.path.join(os.path.dirname(target), m.linkname))
        if ok and m.islnk():
            ok = inside(os.path.join(dest, m.linkname))
        if not ok:
            refused.append(m.name)
        if not inside(os.path.dirname(target)):
            continue
        if m.isdir():
            os.makedirs(target, exist_ok=True)
        elif m.issym():
            os.makedirs(os.path.dirname(target), exist_ok=True)
            os.symlink(m.linkname, target)
        elif m.isfile():
            os.makedirs(os.path.dirname(target), exist_ok=True)
            with open(target, "wb") as f:
                f.write(tar.extractfile(m).read())
print("\\n".join(refused))`,
      file,
      dest,
    ],
    { encoding: 'utf8' },
  );
  return out.split('\n').filter((l) => l !== '');
}

const link = (name: string, linkname: string): Member => ({ name, type: 'symlink', linkname });
const text = (name: string, data: string): Member => ({ name, data: Buffer.from(data) });

describe('issue #12: symlink chains are resolved as an extractor follows them', () => {
  it('a link that escapes only through an earlier link, and a file written through one', async () => {
    const { root, dist } = projectWithArchives(hatch);
    const members = await readTarMembers(archivePath(hatch, 'sdist'));
    const file = join(dist, 'chain.tar.gz');
    await writeTarGz(file, [
      ...members,
      link(`${ROOT}/a/b/lnk`, '../../..'),
      link(`${ROOT}/a/b/out`, 'lnk/../secret.txt'),
      link(`${ROOT}/a/b/up`, 'lnk/..'),
      text(`${ROOT}/a/b/up/evil.py`, 'x'),
      link(`${ROOT}/a/b/ok`, `lnk/${ROOT}/README.md`),
      link(`${ROOT}/l1`, 'l2'),
      link(`${ROOT}/l2`, 'l1'),
    ]);
    const unsafe = (await findingsOf(root, file)).filter(([code]) =>
      code.startsWith('ARCHIVE_UNSAFE'),
    );
    expect(unsafe).toEqual([
      ['ARCHIVE_UNSAFE_LINK', `${ROOT}/a/b/out`],
      ['ARCHIVE_UNSAFE_LINK', `${ROOT}/a/b/up`],
      ['ARCHIVE_UNSAFE_PATH', `${ROOT}/a/b/up/evil.py`],
    ]);
    // What leads outside on disk, the links made as they come: the same members.
    expect(leavingOnDisk(file, join(dist, 'extract'))).toEqual(unsafe.map(([, m]) => m));
  });

  it('a tar hard link whose target goes through a symlink that leaves', async () => {
    const { root, dist } = projectWithArchives(hatch);
    const members = await readTarMembers(archivePath(hatch, 'sdist'));
    const file = join(dist, 'hard.tar.gz');
    await writeTarGz(file, [
      ...members,
      link(`${ROOT}/top`, '../..'),
      { name: `${ROOT}/hard`, type: 'link', linkname: `${ROOT}/top/etc/passwd` },
    ]);
    const unsafe = (await findingsOf(root, file)).filter(
      ([code]) => code === 'ARCHIVE_UNSAFE_LINK',
    );
    expect(unsafe).toEqual([
      ['ARCHIVE_UNSAFE_LINK', `${ROOT}/top`],
      ['ARCHIVE_UNSAFE_LINK', `${ROOT}/hard`],
    ]);
  });
});

describe('issue #12: zip member names', () => {
  let base: ZipMember[];
  beforeAll(() => {
    base = readZipMembers(archivePath(hatch, 'wheel')).map((m) => ({
      name: m.name,
      data: m.data!,
      ...(m.mode ? { mode: m.mode } : {}),
    }));
  });

  /** The wheel with `extra` members, RECORD rewritten for them, as bytes in `dist/<name>`. */
  async function wheelWith(dist: string, name: string, extra: ZipMember[]): Promise<string> {
    const all: Member[] = [...base, ...extra].map((m) => ({ name: m.name, data: m.data! }));
    const record = recordMember(all);
    const rewritten = await rewriteRecord(all);
    const data = new Map(rewritten.map((m) => [m.name, m.data!]));
    const file = join(dist, name);
    writeFileSync(
      file,
      writeZipBytes(
        [...base, ...extra].map((m) => (m.name === record ? { ...m, data: data.get(record)! } : m)),
      ),
    );
    return file;
  }

  function pythonNames(file: string): string {
    return execFileSync(
      PYTHON,
      [
        '-c',
        `import sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
print("\\n".join(i.filename for i in z.infolist()))
for i in z.infolist():
    try:
        z.read(i)
    except zipfile.BadZipFile as e:
        print("refused:", e)`,
        file,
      ],
      { encoding: 'utf8' },
    );
  }

  it('a local header naming another file than the central directory (either one unsafe)', async () => {
    const { root, dist } = projectWithArchives(hatch);
    const file = await wheelWith(dist, 'fixture_hatch-1.0-py3-none-any.whl', [
      { name: 'fixture_hatch/aaaaa.py', localName: '../../evil.py', data: Buffer.from('x') },
      { name: '../../evil2.py', localName: 'fixture_hatch/bbbbbb.py', data: Buffer.from('y') },
    ]);
    expect(pythonNames(file)).toMatch(/refused: File name in directory/);
    const findings = await findingsOf(root, file);
    expect(findings).toContainEqual(['ARCHIVE_NAME_MISMATCH', 'fixture_hatch/aaaaa.py']);
    expect(findings).toContainEqual(['ARCHIVE_UNSAFE_PATH', '../../evil.py']);
    expect(findings).toContainEqual(['ARCHIVE_NAME_MISMATCH', '../../evil2.py']);
    expect(findings).toContainEqual(['ARCHIVE_UNSAFE_PATH', '../../evil2.py']);
  });

  it('--names-only reads each local header for its name alone, and reports the same names (#11)', async () => {
    const { root, dist } = projectWithArchives(hatch);
    // Longer than the central name by more than the reader reads ahead: read a second time.
    const long = `fixture_hatch/${'deep/'.repeat(300)}x.py`;
    const file = await wheelWith(dist, 'fixture_hatch-1.0-py3-none-any.whl', [
      { name: 'fixture_hatch/aaaaa.py', localName: '../../evil.py', data: Buffer.from('x') },
      { name: 'fixture_hatch/ccccc.py', localName: long, data: Buffer.from('z') },
      { name: 'fixture_hatch/same.py', data: Buffer.from('s') },
    ]);
    const byName = ([code]: [string, string]) =>
      code === 'ARCHIVE_NAME_MISMATCH' || code === 'ARCHIVE_UNSAFE_PATH';
    const names = (await findingsOf(root, file, true)).filter(byName);
    expect(names).toEqual(
      expect.arrayContaining([
        ['ARCHIVE_NAME_MISMATCH', 'fixture_hatch/aaaaa.py'],
        ['ARCHIVE_UNSAFE_PATH', '../../evil.py'],
        ['ARCHIVE_NAME_MISMATCH', 'fixture_hatch/ccccc.py'],
      ]),
    );
    expect(names).not.toContainEqual(['ARCHIVE_NAME_MISMATCH', 'fixture_hatch/same.py']);
    // The full check reads the same headers with the members' bytes.
    expect((await findingsOf(root, file)).filter(byName)).toEqual(names);
  });

  it('a Unicode Path extra field showing a safe name over a raw ../../evil.py', async () => {
    const { root, dist } = projectWithArchives(hatch);
    const file = await wheelWith(dist, 'fixture_hatch-1.0-py3-none-any.whl', [
      {
        name: '../../evil.py',
        data: Buffer.from('x'),
        extra: unicodePathExtra('../../evil.py', 'fixture_hatch/ok.py'),
      },
    ]);
    // Python's zipfile (what pip uses) lists the raw name.
    expect(pythonNames(file).split('\n')).toContain('../../evil.py');
    const findings = await findingsOf(root, file);
    expect(findings).toContainEqual(['ARCHIVE_UNSAFE_PATH', '../../evil.py']);
    expect(findings).toContainEqual(['ARCHIVE_NAME_MISMATCH', '../../evil.py']);
  });
});

describe('issue #12: file names that lie about the kind', () => {
  it('a .whl holding a tar.gz and a .tar.gz holding a zip are read by their bytes, and reported', async () => {
    const { root, dist } = projectWithArchives(hatch);
    copyFileSync(archivePath(hatch, 'sdist'), join(dist, 'fixture_hatch-1.0-py3-none-any.whl'));
    copyFileSync(archivePath(hatch, 'wheel'), join(dist, 'fixture_hatch-1.0.tar.gz'));
    const asWheel = await validateArchives({
      root,
      archives: [join(dist, 'fixture_hatch-1.0-py3-none-any.whl')],
    });
    expect(asWheel.archives[0]!.kind).toBe('sdist');
    expect(asWheel.archives[0]!.findings.map((f) => f.code)).toEqual(['ARCHIVE_KIND_MISMATCH']);
    const asSdist = await validateArchives({
      root,
      archives: [join(dist, 'fixture_hatch-1.0.tar.gz')],
    });
    expect(asSdist.archives[0]!.kind).toBe('wheel');
    expect(asSdist.archives[0]!.findings.map((f) => f.code)).toEqual(['ARCHIVE_KIND_MISMATCH']);
  });

  it('an sdist packed as .zip is ARCHIVE_UNSUPPORTED', async () => {
    const { root, dist } = projectWithArchives(hatch);
    const members = await readTarMembers(archivePath(hatch, 'sdist'));
    const file = join(dist, 'fixture_hatch-1.0.zip');
    writeFileSync(
      file,
      writeZipBytes(
        members.filter((m) => m.type === 'file').map((m) => ({ name: m.name, data: m.data! })),
      ),
    );
    const error = await validateArchives({ root, archives: [file] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ManifestError);
    expect((error as ManifestError).code).toBe('ARCHIVE_UNSUPPORTED');
    // docs/codes.md: a usage error, exit 2, in one line (it was exit 1).
    const r = await runCli(['validate', file], { cwd: root });
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/fixture_hatch-1\.0\.zip: error\[ARCHIVE_UNSUPPORTED\] /);
  });
});

describe('issue #12: RECORD and sizes', () => {
  it('RECORD listing itself with a hash and a size is a finding', async () => {
    const { root, dist } = projectWithArchives(hatch);
    const members = readZipMembers(archivePath(hatch, 'wheel'));
    const record = recordMember(members);
    const edited = members.map((m) =>
      m.name === record
        ? {
            ...m,
            data: Buffer.from(
              m.data!.toString('utf8').replace(`${record},,`, `${record},sha256=AAAA,123`),
            ),
          }
        : m,
    );
    const file = join(dist, hatch.wheel);
    writeFileSync(file, writeZipBytes(edited.map((m) => ({ name: m.name, data: m.data! }))));
    expect(await findingsOf(root, file)).toEqual([['RECORD_ROW_INVALID', record]]);
  });

  it('a deflate bomb (8 members of 100 MB of zeros in ~1 MB) is reported without inflating it', async () => {
    const { root, dist } = projectWithArchives(hatch);
    // One deflate stream of 100 MB of zeros, made once and stored 8 times.
    const size = 100 * 1024 * 1024;
    const chunks: Buffer[] = [];
    const deflate = createDeflateRaw({ level: 9 });
    deflate.on('data', (c: Buffer) => chunks.push(c));
    const zero = Buffer.alloc(1024 * 1024);
    let crc = 0;
    for (let i = 0; i < 100; i++) {
      deflate.write(zero);
      crc = crc32(zero, crc);
    }
    await new Promise((done) => deflate.end(done));
    const bytes = Buffer.concat(chunks);
    const base = readZipMembers(archivePath(hatch, 'wheel')).map((m) => ({
      name: m.name,
      data: m.data!,
    }));
    const bombs = Array.from({ length: 8 }, (_, i) => ({
      name: `fixture_hatch/zeros${i}.bin`,
      deflated: { bytes, crc: crc >>> 0, size },
    }));
    const file = join(dist, hatch.wheel);
    writeFileSync(file, writeZipBytes([...base, ...bombs]));
    const findings = await findingsOf(root, file);
    expect(findings.filter(([code]) => code === 'ARCHIVE_SIZE_SUSPICIOUS')).toEqual(
      bombs.map((b) => ['ARCHIVE_SIZE_SUSPICIOUS', b.name]),
    );
  });
});
