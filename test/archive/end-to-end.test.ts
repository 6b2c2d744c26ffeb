/**
 * `manifest validate <sdist> <wheel>` end to end, per backend: each fixture package (a temp copy
 * with `gitignore` renamed, holding its committed pyproject-manifest.txt) against the archives its real
 * backend built. Clean archives are quiet with exit 0; each tampering of a copy — written with real
 * tar and zip writers — exits 1 with its own code; a tree edited after the build is caught by the
 * byte comparison and not by `--names-only`; unreadable input exits 2 with one line naming the file.
 * Runs the CLI in-process (`runCli`) with `--json` to assert codes; test/cli/archives.test.ts pins
 * the prose.
 */
import { spawnSync } from 'node:child_process';
import { appendFileSync, copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Manifest } from '../../src/manifest/types.js';
import { runCli } from '../cli/harness.js';
import {
  archivePath,
  committedManifest,
  editRecordRow,
  FIXTURES,
  projectWithArchives,
  PYTHON,
  readTarMembers,
  readZipMembers,
  recordHash,
  repoRoot,
  rewriteRecord,
  writeTarGz,
  writeZip,
  type Fixture,
  type Member,
} from './archive-helpers.js';

interface JsonFinding {
  code: string;
  severity: string;
  file: string;
  path: string;
}
interface ValidateJson {
  exitCode: number;
  archives: { file: string; kind: string; members: number; findings: JsonFinding[] }[];
  findings: JsonFinding[];
}

async function validateJson(root: string, args: readonly string[]) {
  const r = await runCli(['validate', '--json', ...args], { cwd: root });
  expect(r.stderr).toBe('');
  return { code: r.code, json: JSON.parse(r.stdout) as ValidateJson };
}

/** The tree file of the first `mod:` wheel entry outside `{data}`: a package source file. */
function packageSource(manifest: Manifest): { src: string; dest: string } {
  const entry = manifest.wheel.find((e) => e.kind === 'mod' && !e.dest.startsWith('{data}'));
  if (entry?.kind !== 'mod') throw new Error('the fixture wheel has no package file');
  return { src: entry.src, dest: entry.dest };
}

/** What a tampering works on: one archive's members and the member of a listed package file. */
interface Subject {
  members: Member[];
  /** The stored name of a `mod:` member (sdist: under the root). */
  member: string;
  /** '' for a wheel; `{name}-{version}/` for an sdist. */
  prefix: string;
}

type Kind = 'sdist' | 'wheel';
type Tamper = [name: string, kinds: Kind[], code: string, apply: (s: Subject) => Member[]];

const replaceData = (s: Subject, data: Buffer): Member[] =>
  s.members.map((m) => (m.name === s.member ? { ...m, data } : m));

/**
 * The tamperings, one code each. Wheel tamperings that change members rewrite RECORD as
 * a backend would (see `finish`), so the finding is the tampering's own and not a RECORD one.
 */
const TAMPERS: Tamper[] = [
  [
    'a file removed',
    ['sdist', 'wheel'],
    'ARCHIVE_MISSING_FILE',
    (s) => s.members.filter((m) => m.name !== s.member),
  ],
  [
    'a file added',
    ['sdist', 'wheel'],
    'ARCHIVE_EXTRA_FILE',
    (s) => [...s.members, { name: `${s.prefix}unlisted.txt`, data: Buffer.from('extra\n') }],
  ],
  [
    'bytes changed',
    ['sdist', 'wheel'],
    'ARCHIVE_CONTENT_MISMATCH',
    (s) => replaceData(s, Buffer.from('# edited after the build\n')),
  ],
  [
    'a RECORD hash wrong',
    ['wheel'],
    'RECORD_HASH_MISMATCH',
    (s) =>
      editRecordRow(s.members, s.member, (row) =>
        // A well-formed sha256 digest of other bytes.
        row.replace(/sha256=[^,]*/, 'sha256=47DEQpj8HBSa-_TImW-5JCeuQeRkm5NMpJWZG3hSuFU'),
      ),
  ],
  [
    'a RECORD size wrong',
    ['wheel'],
    'RECORD_SIZE_MISMATCH',
    (s) =>
      editRecordRow(s.members, s.member, (row) => row.replace(/,(\d+)$/, (_, n) => `,${+n + 1}`)),
  ],
  [
    'a RECORD row missing',
    ['wheel'],
    'RECORD_ROW_MISSING',
    (s) => editRecordRow(s.members, s.member, () => undefined),
  ],
  [
    'a member with ../',
    ['sdist', 'wheel'],
    'ARCHIVE_UNSAFE_PATH',
    (s) => [...s.members, { name: `${s.prefix}../evil.py`, data: Buffer.from('x = 1\n') }],
  ],
  [
    'a duplicate member',
    ['sdist', 'wheel'],
    'ARCHIVE_DUPLICATE_MEMBER',
    (s) => [...s.members, s.members.find((m) => m.name === s.member)!],
  ],
];

/** Tamperings that add or change members get a consistent RECORD; the RECORD ones keep theirs. */
const KEEPS_RECORD = new Set([
  'RECORD_HASH_MISMATCH',
  'RECORD_SIZE_MISMATCH',
  'RECORD_ROW_MISSING',
]);

describe.each(FIXTURES)('$backend: $pkg', (fixture: Fixture) => {
  const manifest = committedManifest(fixture.pkg);
  const source = packageSource(manifest);
  const members: Partial<Record<Kind, Member[]>> = {};
  beforeAll(async () => {
    members.sdist = await readTarMembers(archivePath(fixture, 'sdist'));
    members.wheel = readZipMembers(archivePath(fixture, 'wheel'));
  });
  const args = [`../dist/${fixture.sdist}`, `../dist/${fixture.wheel}`];

  it('validate <sdist> <wheel> exits 0 and prints nothing', async () => {
    const { root } = projectWithArchives(fixture);
    expect(await runCli(['validate', ...args], { cwd: root })).toEqual({
      code: 0,
      stdout: '',
      stderr: '',
    });
  });

  const cases = TAMPERS.flatMap(([name, kinds, code, apply]) =>
    kinds.map((kind) => ({ name, kind, code, apply })),
  );
  it.each(cases)('$kind: $name → exit 1, $code', async ({ kind, code, apply }) => {
    const { root, dist } = projectWithArchives(fixture);
    const all = members[kind]!;
    const prefix = kind === 'sdist' ? `${all[0]!.name.split('/')[0]}/` : '';
    const member = kind === 'sdist' ? `${prefix}${source.src}` : source.dest;
    expect(all.some((m) => m.name === member)).toBe(true);
    let tampered = apply({ members: all, member, prefix });
    const file = join(dist, fixture[kind]);
    if (kind === 'sdist') await writeTarGz(file, tampered);
    else {
      if (!KEEPS_RECORD.has(code) && code !== 'ARCHIVE_DUPLICATE_MEMBER')
        tampered = await rewriteRecord(tampered);
      writeZip(file, tampered);
    }
    const { code: exit, json } = await validateJson(root, args);
    expect(exit).toBe(1);
    const byFile = json.archives.map((a) => [a.kind, [...new Set(a.findings.map((f) => f.code))]]);
    expect(byFile).toEqual([
      ['sdist', kind === 'sdist' ? [code] : []],
      ['wheel', kind === 'wheel' ? [code] : []],
    ]);
  });

  it('a tree edited after the build: ARCHIVE_CONTENT_MISMATCH in both; --names-only is clean', async () => {
    const { root } = projectWithArchives(fixture);
    appendFileSync(join(root, source.src), '# edited after the build\n');
    const { code, json } = await validateJson(root, args);
    expect(code).toBe(1);
    expect(json.findings.map((f) => [f.code, f.path])).toEqual([
      ['ARCHIVE_CONTENT_MISMATCH', source.src],
      ['ARCHIVE_CONTENT_MISMATCH', source.dest],
    ]);
    expect(await runCli(['validate', '--names-only', ...args], { cwd: root })).toEqual({
      code: 0,
      stdout: '',
      stderr: '',
    });
  });

  it('--names-only reads no member bytes: no hash, no inflate, every check by name kept', async () => {
    const { root, dist } = projectWithArchives(fixture);
    const file = join(dist, fixture.wheel);
    const wheelArgs = [`../dist/${fixture.wheel}`];
    const codes = async (extra: string[]): Promise<[number, string[]]> => {
      const { code, json } = await validateJson(root, [...extra, ...wheelArgs]);
      return [code, json.findings.map((f) => f.code)];
    };
    // RECORD: one hash wrong (needs the bytes), one size wrong and one row gone (need none).
    let tampered = editRecordRow(members.wheel!, source.dest, (row) =>
      row.replace(/sha256=[^,]*/, 'sha256=47DEQpj8HBSa-_TImW-5JCeuQeRkm5NMpJWZG3hSuFU'),
    );
    const others = tampered.filter(
      (m) => m.type === 'file' && m.name !== source.dest && !m.name.includes('.dist-info/'),
    );
    if (others.length >= 2) {
      tampered = editRecordRow(tampered, others[0]!.name, (row) =>
        row.replace(/,(\d+)$/, (_, n) => `,${+n + 1}`),
      );
      tampered = editRecordRow(tampered, others[1]!.name, () => undefined);
    }
    writeZip(file, tampered);
    const byName = others.length >= 2 ? ['RECORD_SIZE_MISMATCH', 'RECORD_ROW_MISSING'] : [];
    const [fullCode, full] = await codes([]);
    expect(fullCode).toBe(1);
    expect([...full].sort()).toEqual([...byName, 'RECORD_HASH_MISMATCH'].sort());
    expect(await codes(['--names-only'])).toEqual([byName.length > 0 ? 1 : 0, byName]);
    // Corrupt the deflated bytes of the package file: reading them fails, naming the wheel (exit
    // 2); --names-only never inflates them.
    const bytes = readFileSync(file);
    const offset = Number(
      spawnSync(
        PYTHON,
        [
          '-c',
          'import sys,zipfile,struct\n' +
            'i=zipfile.ZipFile(sys.argv[1]).getinfo(sys.argv[2])\n' +
            'f=open(sys.argv[1],"rb");f.seek(i.header_offset);h=f.read(30)\n' +
            'n,e=struct.unpack("<HH",h[26:30]);print(i.header_offset+30+n+e+i.compress_size//2)',
          file,
          source.dest,
        ],
        { encoding: 'utf8' },
      ).stdout,
    );
    bytes[offset] = bytes[offset]! ^ 0xff;
    writeFileSync(file, bytes);
    const broken = await runCli(['validate', ...wheelArgs], { cwd: root });
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(/ARCHIVE_UNREADABLE/);
    expect(await codes(['--names-only'])).toEqual([byName.length > 0 ? 1 : 0, byName]);
  });

  it('the kind comes from the bytes, and a name that lies is a finding (#12): the wheel named .tar.gz and the sdist named .whl', async () => {
    const { root, dist } = projectWithArchives(fixture);
    copyFileSync(join(dist, fixture.wheel), join(dist, 'wheel.tar.gz'));
    copyFileSync(join(dist, fixture.sdist), join(dist, 'sdist.whl'));
    const { code, json } = await validateJson(root, ['../dist/wheel.tar.gz', '../dist/sdist.whl']);
    expect(code).toBe(1);
    expect(json.archives.map((a) => [a.file, a.kind, a.findings.map((f) => f.code)])).toEqual([
      ['../dist/wheel.tar.gz', 'wheel', ['ARCHIVE_KIND_MISMATCH']],
      ['../dist/sdist.whl', 'sdist', ['ARCHIVE_KIND_MISMATCH']],
    ]);
  });
});

describe('unreadable input exits 2 with one line naming the file', () => {
  const fixture = FIXTURES[0]!;
  const prepare: [name: string, file: string, make: (dist: string) => void, code: string][] = [
    [
      'a truncated sdist',
      fixture.sdist,
      (d) => truncate(join(d, fixture.sdist)),
      'ARCHIVE_UNREADABLE',
    ],
    [
      'a truncated wheel',
      fixture.wheel,
      (d) => truncate(join(d, fixture.wheel)),
      'ARCHIVE_UNREADABLE',
    ],
    [
      'a text file named .whl',
      'notes.whl',
      (d) => writeFileSync(join(d, 'notes.whl'), 'not a zip\n'),
      'ARCHIVE_UNSUPPORTED',
    ],
    [
      'an empty file named .tar.gz',
      'empty.tar.gz',
      (d) => writeFileSync(join(d, 'empty.tar.gz'), ''),
      'ARCHIVE_UNSUPPORTED',
    ],
    ['a missing file', 'gone-1.0.tar.gz', () => undefined, 'ARCHIVE_UNREADABLE'],
  ];

  function truncate(file: string): void {
    const bytes = readFileSync(file);
    writeFileSync(file, bytes.subarray(0, Math.floor(bytes.length / 2)));
  }

  it.each(prepare)('%s', async (_name, name, make, code) => {
    const { root, dist } = projectWithArchives(fixture);
    make(dist);
    const r = await runCli(['validate', `../dist/${name}`], { cwd: root });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      new RegExp(`^\\.\\./dist/${name.replace(/\./g, '\\.')}: error\\[${code}\\] `),
    );
  });

  it('the built bin prints no stack trace for a truncated archive', () => {
    const bin = join(repoRoot, 'dist/cli/main.js');
    if (!existsSync(bin)) spawnSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: repoRoot });
    const { root, dist } = projectWithArchives(fixture);
    truncate(join(dist, fixture.wheel));
    const r = spawnSync(process.execPath, [bin, 'validate', `../dist/${fixture.wheel}`], {
      cwd: root,
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '' },
    });
    expect(r.status).toBe(2);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain(fixture.wheel);
    expect(r.stderr).not.toMatch(/\bat .*\.js:\d+/);
  });
});

it('recordHash is RECORD encoding (sanity for the tamper table): sha256 of no bytes', async () => {
  expect(await recordHash(Buffer.alloc(0))).toBe('47DEQpj8HBSa-_TImW-5JCeuQeRkm5NMpJWZG3hSuFU');
});
