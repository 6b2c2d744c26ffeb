/**
 * The copy-paste snippets in docs/ci.md, exercised for real. The GitHub Actions steps run here: the
 * `run:` block goes through `bash -e` (as the runner runs it) with GITHUB_ACTIONS=true, and its
 * `npm install --global pyproject-manifest@X.Y` installs a tarball packed from this working tree
 * (the package is not on the registry yet), into a temp prefix. The pre-commit snippet is checked
 * against .pre-commit-hooks.yaml here and run by the real pre-commit in test/hooks/pre-commit.test.ts.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  symlinkSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CODES } from '../../src/errors.js';
import { copyExample, repoRoot } from '../cli/harness.js';
import { makeTree } from '../helpers/tree.js';
import { copyWorkingTree, readSnippet } from '../helpers/working-tree.js';

const version = (
  JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string }
).version;

/** The shell lines of a step's `run: |` block. */
function runLines(step: string): string[] {
  const lines = step.split('\n');
  const start = lines.findIndex((l) => /^\s*run: \|\s*$/.test(l));
  expect(start, 'the step has a `run: |` block').toBeGreaterThanOrEqual(0);
  const indent = /^\s*/.exec(lines[start + 1] ?? '')![0].length;
  const body: string[] = [];
  for (const line of lines.slice(start + 1)) {
    if (line.trim() !== '' && /^\s*/.exec(line)![0].length < indent) break;
    if (line.trim() !== '') body.push(line.slice(indent));
  }
  return body;
}

const INSTALL = /^npm install --global pyproject-manifest@(\S+)$/;

interface Installed {
  dir: string;
  prefix: string;
  env: NodeJS.ProcessEnv;
}
let installed: Installed | undefined;

/** Copy this working tree (tracked and untracked, not ignored), pack it, and install the tarball with the snippet's own command. */
function installFromWorkingTree(installLine: string): Installed {
  const dir = mkdtempSync(join(tmpdir(), 'pm-snippet-'));
  const src = join(dir, 'src');
  copyWorkingTree(src);
  // The build (npm's `prepack`) needs the dev dependencies; reuse ours rather than download them.
  symlinkSync(join(repoRoot, 'node_modules'), join(src, 'node_modules'), 'dir');
  const packed = execFileSync('npm', ['pack', '--silent', '--pack-destination', dir], {
    cwd: src,
    encoding: 'utf8',
  }).trim();
  const tarball = join(dir, packed.split('\n').pop()!);
  const prefix = join(dir, 'prefix');
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    npm_config_prefix: prefix,
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    PATH: `${join(prefix, 'bin')}:${process.env.PATH ?? ''}`,
  };
  execFileSync(
    'bash',
    ['-e', '-c', installLine.replace(INSTALL, `npm install --global ${tarball}`)],
    {
      cwd: dir,
      env,
      stdio: 'pipe',
    },
  );
  return { dir, prefix, env };
}

/** Run `lines` as an Actions `run:` block in `cwd`, as the runner does (`bash -e`, GITHUB_ACTIONS=true). */
function runStep(lines: readonly string[], cwd: string) {
  const result = spawnSync('bash', ['-e', '-c', lines.join('\n')], {
    cwd,
    env: { ...installed!.env, GITHUB_ACTIONS: 'true', GITHUB_WORKSPACE: cwd, NO_COLOR: '1' },
    encoding: 'utf8',
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function annotations(stdout: string): string[] {
  return stdout.split('\n').filter((l) => l.startsWith('::'));
}

const step = runLines(readSnippet('github-actions-step'));
/** The step's lines after the install, which ran once in beforeAll. */
const checks = step.filter((l) => !INSTALL.test(l));

describe('docs/ci.md: GitHub Actions step', () => {
  beforeAll(() => {
    const install = step.find((l) => INSTALL.test(l));
    if (install === undefined) throw new Error('the step does not install pyproject-manifest');
    installed = installFromWorkingTree(install);
  }, 120_000);
  afterAll(() => {
    if (installed) rmSync(installed.dir, { recursive: true, force: true });
  });

  it('installs the current minor release', () => {
    const spec = INSTALL.exec(step.find((l) => INSTALL.test(l))!)![1];
    expect(spec).toBe(version.split('.').slice(0, 2).join('.'));
    expect(readdirSync(join(installed!.prefix, 'bin'))).toContain('manifest');
  });

  it('passes quietly on a project whose manifest is up to date', () => {
    const root = copyExample('single-module');
    expect(runStep(checks, root)).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('fails with an annotation on the manifest line of an entry whose source is gone', () => {
    const root = copyExample('src-layout');
    unlinkSync(join(root, 'src/acme_widgets/core.py'));
    const result = runStep(checks, root);
    expect(result.code).toBe(1);
    const manifestLines = readFileSync(join(root, 'pyproject-manifest.txt'), 'utf8').split('\n');
    const found = annotations(result.stdout).map((a) =>
      /^::error file=([^,]+),line=(\d+),title=([A-Z_]+)%3A/.exec(a),
    );
    expect(found.length).toBe(2);
    for (const match of found) {
      expect(match, 'file, line and title').not.toBeNull();
      const [, file, line, code] = match!;
      expect(file).toBe('pyproject-manifest.txt');
      expect(manifestLines[Number(line) - 1]).toContain('src/acme_widgets/core.py ->');
      expect(Object.keys(CODES)).toContain(code);
    }
  });

  it('fails with an annotation on the pyproject.toml key of a configuration error', () => {
    const root = copyExample('single-module');
    const pyproject = readFileSync(join(root, 'pyproject.toml'), 'utf8');
    writeFileSync(
      join(root, 'pyproject.toml'),
      `${pyproject}\n[tool.manifest.wheel]\nexcludes = []\n`,
    );
    const result = runStep(checks, root);
    expect(result.code).toBe(2);
    const lines = readFileSync(join(root, 'pyproject.toml'), 'utf8').split('\n');
    const [annotation] = annotations(result.stdout);
    const match =
      /^::error file=pyproject\.toml,line=(\d+),col=\d+,title=CONFIG_UNKNOWN_KEY%3A/.exec(
        annotation ?? '',
      );
    expect(match, annotation).not.toBeNull();
    expect(lines[Number(match![1]) - 1]).toBe('excludes = []');
  });

  it('the archives step: findings about a built archive are annotated on the archive', () => {
    const lines = runLines(readSnippet('github-actions-archives'));
    expect(lines[0]).toBe('python -m build');
    const validate = lines.slice(1);
    expect(validate).toEqual(['manifest validate dist/*.tar.gz dist/*.whl']);
    // The fixture's archives were built by hatchling from this tree (scripts/build-archive-fixtures.sh).
    const root = join(makeTree({}), 'hatch-demo');
    cpSync(join(repoRoot, 'fixtures/packages/hatch-demo'), root, { recursive: true });
    renameSync(join(root, 'gitignore'), join(root, '.gitignore'));
    mkdirSync(join(root, 'dist'));
    // As build tools do: the output directory ignores itself, so it is not part of the tree.
    writeFileSync(join(root, 'dist/.gitignore'), '*\n');
    for (const name of ['fixture_hatch-1.0.tar.gz', 'fixture_hatch-1.0-py3-none-any.whl']) {
      cpSync(join(repoRoot, 'fixtures/archives/hatchling', name), join(root, 'dist', name));
    }
    const clean = runStep(validate, root);
    expect(clean, clean.stdout).toMatchObject({ code: 0, stdout: '' });
    writeFileSync(join(root, 'src/fixture_hatch/__init__.py'), '# changed after the build\n');
    const result = runStep(validate, root);
    expect(result.code).toBe(1);
    const found = annotations(result.stdout);
    expect(found.length).toBeGreaterThan(0);
    expect(
      found.every((a) =>
        /^::error file=dist\/fixture_hatch-1\.0[^,]*,title=ARCHIVE_CONTENT_MISMATCH%3A/.test(a),
      ),
    ).toBe(true);
  });
});

describe('docs/ci.md: pre-commit config', () => {
  const config = readSnippet('pre-commit-config');
  const hooksFile = readFileSync(join(repoRoot, '.pre-commit-hooks.yaml'), 'utf8');

  it('names hooks that .pre-commit-hooks.yaml defines, at the current release', () => {
    const ids = [...config.matchAll(/- id: (\S+)/g)].map((m) => m[1]);
    const defined = [...hooksFile.matchAll(/^- id: (\S+)$/gm)].map((m) => m[1]);
    expect(ids).toEqual(['manifest-validate', 'manifest-update']);
    for (const id of ids) expect(defined).toContain(id);
    expect(config).toMatch(new RegExp(`^\\s*rev: v${version.replace(/\./g, '\\.')}$`, 'm'));
  });

  it('the hooks run the commands the docs describe, on every commit, without file names', () => {
    const hooks = hooksFile.split(/^(?=- id: )/m).slice(1);
    const entries = hooks.map((h) => /^\s+entry: (.+)$/m.exec(h)?.[1]);
    expect(entries).toEqual(['manifest validate', 'manifest update --exit-code']);
    for (const hook of hooks) {
      expect(hook).toMatch(/^\s+language: node$/m);
      expect(hook).toMatch(/^\s+pass_filenames: false$/m);
      expect(hook).toMatch(/^\s+always_run: true$/m);
    }
  });
});

describe('README.md', () => {
  it.each(['github-actions-step', 'pre-commit-config'])(
    'repeats the %s snippet of docs/ci.md exactly (so the tests above cover it)',
    (name) => {
      expect(readSnippet(name, 'README.md')).toBe(readSnippet(name));
    },
  );
});
