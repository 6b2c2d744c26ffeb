/**
 * Issue #12, "Messages and CLI": flags missing their value, a root that is a file, configuration
 * errors found late (generated globs, map DESTs, packages, map sources through symlinks), invalid
 * UTF-8, the dir-line codes, and a reader that goes away (EPIPE).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { groupsJson, JsonList, writeJson } from '../../src/cli/context.js';
import { run } from '../../src/cli/run.js';
import { validateTree, type Finding } from '../../src/index.js';
import { repoRoot, runCli } from '../cli/harness.js';
import { makeTree, type TreeSpec } from '../helpers/tree.js';

const bin = join(repoRoot, 'dist/cli/main.js');
const project = (table = '') => `[project]\nname = "demo"\nversion = "1.0"\n${table}`;

function demo(extra: TreeSpec = {}, table = ''): string {
  return makeTree({ 'pyproject.toml': project(table), 'demo/__init__.py': '', ...extra });
}

/** Exit 2 with exactly these stderr lines (matched by pattern). */
async function expectErrors(argv: string[], root: string, patterns: RegExp[]): Promise<void> {
  const r = await runCli(argv, { cwd: root });
  const lines = r.stderr.trimEnd().split('\n');
  expect(r.code, r.stderr).toBe(2);
  expect(lines).toHaveLength(patterns.length);
  patterns.forEach((p, i) => expect(lines[i]).toMatch(p));
}

describe('issue #12: the command line', () => {
  it.each([
    [['ls', '--root']],
    [['--root', 'ls']],
    [['ls', '--manifest']],
    [['ls', '--manifest', '--color', 'never']],
    [['validate', '--root=']],
  ])('a flag missing its value is a usage error: %j', async (argv) => {
    const root = demo();
    const r = await runCli(argv, { cwd: root });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^error\[USAGE\] /);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('--root naming a file says it is not a directory', async () => {
    const root = demo();
    await expectErrors(['ls', '--root', 'pyproject.toml'], root, [
      /^pyproject\.toml: error\[PROJECT_NOT_FOUND\] is not a directory/,
    ]);
    await expectErrors(['ls', '--root', 'nowhere'], root, [
      /^nowhere: error\[PROJECT_NOT_FOUND\] does not exist/,
    ]);
  });
});

describe('issue #12: configuration errors at their key and line', () => {
  it('invalid generated globs are CONFIG_INVALID_PATTERN in pyproject.toml, each at its line', async () => {
    const root = demo(
      {},
      '[tool.manifest.wheel]\ngenerated = [\n  "demo/[^a].py",\n  "demo/[[:alpha:]].py",\n  "{data}/bin/x",\n]\n',
    );
    await expectErrors(['generate', '--stdout'], root, [
      /^pyproject\.toml:6:\d+: error\[CONFIG_INVALID_PATTERN\] \[tool\.manifest\.wheel\.generated\[0\]\] .*\[\^/,
      /^pyproject\.toml:7:\d+: error\[CONFIG_INVALID_PATTERN\] \[tool\.manifest\.wheel\.generated\[1\]\] .*\[:/,
      /^pyproject\.toml:8:\d+: error\[CONFIG_INVALID_VALUE\] \[tool\.manifest\.wheel\.generated\[2\]\] .*\{data\}/,
    ]);
  });

  it('map to an invalid {data} DEST is CONFIG_INVALID_VALUE at its key', async () => {
    const dests = ['{data}/bin/run', '{data}/run', '{data}', '{data}/scripts'];
    const table = `[tool.manifest.wheel.map]\n${dests.map((d, i) => `"scripts/r${i}" = "${d}"`).join('\n')}\n`;
    const root = demo(
      Object.fromEntries(dests.map((_, i) => [`scripts/r${i}`, '#!/bin/sh\n'])),
      table,
    );
    await expectErrors(
      ['generate', '--stdout'],
      root,
      dests.map(
        (_, i) =>
          new RegExp(
            `^pyproject\\.toml:${5 + i}:\\d+: error\\[CONFIG_INVALID_VALUE\\] \\[tool\\.manifest\\.wheel\\.map\\."scripts/r${i}"\\] the map destination `,
          ),
      ),
    );
    expect(existsSync(join(root, 'pyproject-manifest.txt'))).toBe(false);
  });

  it('a packages entry naming no package in the tree is CONFIG_PACKAGE_NOT_FOUND at its key', async () => {
    const root = demo({}, '[tool.manifest.wheel]\npackages = ["demo", "nopkg"]\n');
    await expectErrors(['generate', '--stdout'], root, [
      /^pyproject\.toml:5:\d+: error\[CONFIG_PACKAGE_NOT_FOUND\] \[tool\.manifest\.wheel\.packages\[1\]\] .*nopkg/,
    ]);
    // A module file and a package below packages-dir are found.
    const ok = makeTree({
      'pyproject.toml': project(
        '[tool.manifest]\npackages-dir = "src"\n[tool.manifest.wheel]\npackages = ["pkg", "mod.py"]\n',
      ),
      'src/pkg/__init__.py': '',
      'src/mod.py': '',
    });
    expect((await runCli(['generate', '--stdout'], { cwd: ok })).code).toBe(0);
  });

  it('a map source reached through a symlink leaving the project is CONFIG_INVALID_VALUE', async () => {
    const outside = makeTree({ 'secret.txt': 'token\n' });
    const root = demo(
      {},
      '[tool.manifest.wheel.map]\n"out/secret.txt" = "demo/secret.txt"\n"link.txt" = "demo/link.txt"\n',
    );
    symlinkSync(outside, join(root, 'out'));
    symlinkSync(join(outside, 'secret.txt'), join(root, 'link.txt'));
    await expectErrors(['generate', '--stdout'], root, [
      /^pyproject\.toml:5:\d+: error\[CONFIG_INVALID_VALUE\] \[tool\.manifest\.wheel\.map\."out\/secret\.txt"\] .*outside the project/,
      /^pyproject\.toml:6:\d+: error\[CONFIG_INVALID_VALUE\] \[tool\.manifest\.wheel\.map\."link\.txt"\] .*outside the project/,
    ]);
  });
});

describe('issue #12: manifest messages', () => {
  it('invalid UTF-8 in the manifest names the line and column of the first bad byte', async () => {
    const root = demo();
    expect((await runCli(['generate'], { cwd: root })).code).toBe(0);
    const bytes = Buffer.concat([
      Buffer.from('# pyproject-manifest v1\n\n[sdist]\ngen: PKG-IN'),
      Buffer.from([0xc3, 0x28]),
      Buffer.from('FO\n\n[wheel]\n'),
    ]);
    writeFileSync(join(root, 'pyproject-manifest.txt'), bytes);
    await expectErrors(['validate'], root, [
      /^pyproject-manifest\.txt:4:12: error\[FILE_UNREADABLE\] is not valid UTF-8/,
    ]);
    writeFileSync(join(root, 'pyproject-manifest.txt'), Buffer.from([0x23, 0x20, 0xe9, 0x0a]));
    await expectErrors(['validate'], root, [
      /^pyproject-manifest\.txt:1:3: error\[FILE_UNREADABLE\] is not valid UTF-8/,
    ]);
  });

  it('a missing or extra dir: line is DIR_ENTRY_MISSING / DIR_ENTRY_EXTRA, and nothing else', async () => {
    const root = demo({ 'docs/a.md': '' });
    expect((await runCli(['generate'], { cwd: root })).code).toBe(0);
    const file = join(root, 'pyproject-manifest.txt');
    const text = readFileSync(file, 'utf8');
    writeFileSync(file, text.replace('dir: docs\n', ''));
    expect(validateTree({ root }).findings.map((f) => [f.code, f.path])).toEqual([
      ['DIR_ENTRY_MISSING', 'docs'],
    ]);
    writeFileSync(
      file,
      text.replace('mod: docs/a.md -> docs/a.md\n', 'mod: docs/a.md -> docs/a.md\ndir: docs/old\n'),
    );
    expect(validateTree({ root }).findings.map((f) => [f.code, f.path])).toEqual([
      ['DIR_ENTRY_EXTRA', 'docs/old'],
    ]);
  });
});

describe('issue #12: a reader that goes away (EPIPE), on a 20,000-file project', () => {
  let root: string;
  beforeAll(() => {
    if (!existsSync(bin))
      spawnSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: repoRoot, stdio: 'ignore' });
    root = makeTree({ 'pyproject.toml': project(), 'demo/__init__.py': '' }, 'pm-epipe-');
    for (let d = 0; d < 100; d++) {
      mkdirSync(join(root, `demo/d${d}`));
      for (let i = 0; i < 200; i++) writeFileSync(join(root, `demo/d${d}/m${i}.py`), '');
    }
    spawnSync(process.execPath, [bin, 'generate'], { cwd: root });
    writeFileSync(join(root, 'demo/d0/new.py'), '');
  }, 120_000);
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  /** Run `manifest ARGS | READER` in bash: the exit status of manifest, then its stderr. */
  function piped(args: string, reader: string, cwd = root) {
    const r = spawnSync(
      'bash',
      ['-c', `node ${JSON.stringify(bin)} ${args} | ${reader}; echo "exit \${PIPESTATUS[0]}" >&2`],
      { cwd, encoding: 'utf8', timeout: 60_000, killSignal: 'SIGKILL' },
    );
    return r.stderr;
  }

  it.each(['ls', 'ls -z', 'ls --json', 'generate --stdout', 'diff --manifest absent.txt'])(
    'manifest %s | head -1 ends quietly, exit 0',
    (args) => {
      expect(piped(args, 'head -c 1 >/dev/null')).toBe('exit 0\n');
    },
  );

  it.each(['explain demo/d1/m1.py demo/d2 demo'])(
    'manifest %s into a pipe already closed ends quietly, exit 0',
    (args) => {
      expect(piped(args, 'true')).toBe('exit 0\n');
    },
  );

  it('init | true ends quietly, exit 0', () => {
    const fresh = makeTree({ 'pyproject.toml': project(), 'demo/__init__.py': '' });
    expect(piped('init', 'true', fresh)).toBe('exit 0\n');
  });
});

describe('issue #12: JSON output of a million findings', () => {
  it('writeJson writes exactly what JSON.stringify writes, in chunks', () => {
    const value = {
      a: [],
      b: {},
      c: [1, 'x', null, undefined, { d: undefined, e: [{ f: true }] }],
      g: 'é\u2028"',
      h: undefined,
      long: Array.from({ length: 5000 }, (_, i) => ({ i, text: 'y'.repeat(40) })),
    };
    const writes: string[] = [];
    writeJson({ io: { stdout: { write: (t: string) => writes.push(t) } } as never }, value);
    expect(writes.join('')).toBe(`${JSON.stringify(value, null, 2)}\n`);
    expect(writes.length).toBeGreaterThan(3);
    expect(Math.max(...writes.map((w) => w.length))).toBeLessThan(70_000);
  });

  it('groupsJson gives each group the indices of its findings, groups interleaved', () => {
    const at = (code: Finding['code'], path: string, line: number): Finding => ({
      code,
      severity: 'error',
      file: 'm',
      line,
      target: 'sdist',
      path,
      args: {},
    });
    const findings = [
      at('MISSING_SOURCE', 'a/1', 1),
      at('STALE_ENTRY', 'a/2', 2),
      at('MISSING_SOURCE', 'a/3', 3),
      at('MISSING_SOURCE', 'b/1', 4),
      at('STALE_ENTRY', 'a/4', 5),
      at('MISSING_SOURCE', 'a/5', 6),
      at('STALE_ENTRY', 'a/6', 7),
    ];
    const ctx = { io: { cwd: '/', env: {} }, root: '/' } as never;
    expect(groupsJson(ctx, findings).map((g) => [g.code, g.findings])).toEqual([
      ['MISSING_SOURCE', [0, 2, 5]],
      ['STALE_ENTRY', [1, 4, 6]],
    ]);
  });

  it('a JsonList makes its elements while they are written, not before', () => {
    const made: number[] = [];
    const writes: string[] = [];
    const items = Array.from({ length: 3000 }, (_, i) => i);
    const list = new JsonList(items, (i) => {
      made.push(writes.length);
      return { i, pad: 'z'.repeat(60) };
    });
    writeJson({ io: { stdout: { write: (t: string) => writes.push(t) } } as never }, { list });
    // Later elements were made after earlier chunks had gone out.
    expect(made[0]).toBe(0);
    expect(made[made.length - 1]).toBeGreaterThan(1);
    expect(writes.join('')).toBe(
      `${JSON.stringify({ list: items.map((i) => ({ i, pad: 'z'.repeat(60) })) }, null, 2)}\n`,
    );
  });
});

/**
 * Into a pipe whose reader is slower (`validate --json | jq`, a CI log), a Node stream queues in
 * memory whatever it is given: `validate --json` of a million findings peaked at 3.7 GB that way.
 * The CLI waits for the stream's 'drain' instead. A real Writable with a slow consumer stands for
 * the pipe; what it holds unwritten must stay near one chunk (64 KiB, or one JSON group: 20,000
 * indices are ~300 KB) while megabytes go through, not grow to the whole output.
 */
describe('issue #12: output into a slow reader waits for it', () => {
  function slowStdout(): { stream: Writable; text: () => string; maxQueued: () => number } {
    const chunks: string[] = [];
    let maxQueued = 0;
    const stream = new Writable({
      highWaterMark: 16_384,
      decodeStrings: false,
      write(chunk: string, _encoding, done) {
        chunks.push(chunk);
        setImmediate(done);
      },
    });
    const write = stream.write.bind(stream);
    stream.write = ((text: string) => {
      const accepted = write(text);
      maxQueued = Math.max(maxQueued, stream.writableLength);
      return accepted;
    }) as typeof stream.write;
    return { stream, text: () => chunks.join(''), maxQueued: () => maxQueued };
  }

  const missing = 20_000;
  let root: string;
  beforeAll(async () => {
    root = makeTree({ 'pyproject.toml': project(), 'demo/__init__.py': '' }, 'pm-slow-');
    expect((await runCli(['generate'], { cwd: root })).code).toBe(0);
    const file = join(root, 'pyproject-manifest.txt');
    const lines = Array.from(
      { length: missing },
      (_, i) => `mod: gone/f${i + 100000} -> gone/f${i + 100000}`,
    );
    writeFileSync(
      file,
      readFileSync(file, 'utf8').replace(
        'dir: demo\n',
        `dir: demo\ndir: gone\n${lines.join('\n')}\n`,
      ),
    );
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it.each([
    ['validate --json', ['validate', '--json'], {}],
    ['validate in GitHub Actions', ['validate'], { GITHUB_ACTIONS: 'true' }],
  ] as const)(
    '%s',
    async (_name, argv, env) => {
      const out = slowStdout();
      const code = await run([...argv], {
        stdout: out.stream,
        stderr: { write: () => true },
        env,
        cwd: root,
        isTTY: false,
      });
      await new Promise((resolve) => out.stream.end(resolve));
      expect(code).toBe(1);
      const text = out.text();
      expect(text.length).toBeGreaterThan(5_000_000);
      // The same bytes as into a reader that keeps up.
      expect(text).toBe((await runCli([...argv], { cwd: root, env: { ...env } })).stdout);
      expect(out.maxQueued()).toBeLessThan(1_000_000);
    },
    60_000,
  );
});
