/**
 * CLI transcripts of `manifest explain` and `manifest init` (one file per invocation under
 * test/cli/transcripts/), pinning their prose, JSON shape and exit codes.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyExample, repoRoot, runCli, transcript, useHatchling } from './harness.js';

const version = (
  JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string }
).version;

async function pin(name: string, argv: string[], root: string, cwd = root) {
  const result = await runCli(argv, { cwd });
  await expect(transcript(argv, result, root, version)).toMatchFileSnapshot(
    `transcripts/${name}.txt`,
  );
  return result;
}

describe('manifest explain', () => {
  it('explains shipped, excluded, ignored, generated, mapped and future paths', async () => {
    const root = copyExample('src-layout');
    const r = await pin(
      'explain',
      [
        'explain',
        'src/acme_widgets/core.py',
        'src/acme_widgets/NOTES.md',
        'docs/index.md',
        'dist/acme_widgets-1.4.0.tar.gz',
        'src/acme_widgets/_version.py',
        'scripts/acme-report',
        'src/acme_widgets/__pycache__/core.cpython-312.pyc',
        'src/',
      ],
      root,
    );
    expect(r.code).toBe(0);
  });

  it('names the negation that re-included a file, as git check-ignore -v does', async () => {
    const root = copyExample('src-layout');
    writeFileSync(join(root, 'src/acme_widgets/.gitignore'), '!keep.log\n');
    writeFileSync(join(root, 'src/acme_widgets/keep.log'), 'kept\n');
    const r = await pin(
      'explain-negation',
      ['explain', 'src/acme_widgets/keep.log', 'src/acme_widgets/debug.log'],
      root,
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('re-included by src/acme_widgets/.gitignore:1: !keep.log');
  });

  it('takes paths relative to the working directory', async () => {
    const root = copyExample('src-layout');
    const r = await pin(
      'explain-subdir',
      ['explain', 'core.py'],
      root,
      join(root, 'src/acme_widgets'),
    );
    expect(r.stdout).toMatch(/^src\/acme_widgets\/core\.py$/m);
  });

  it('--json gives the decision as data', async () => {
    const root = copyExample('single-module');
    const r = await pin('explain-json', ['explain', '--json', '.github/workflows/ci.yml'], root);
    const data = JSON.parse(r.stdout) as {
      paths: { sdist: { step: string; rule: { key: string } } }[];
    };
    expect(data.paths[0]!.sdist.step).toBe('exclude');
    expect(data.paths[0]!.sdist.rule.key).toBe('tool.manifest.exclude[0]');
  });

  it('a path outside the project is a usage error', async () => {
    const root = copyExample('single-module');
    expect((await pin('explain-outside', ['explain', '../elsewhere.py'], root)).code).toBe(2);
  });
});

describe('manifest init', () => {
  it('adds the table to a setuptools project and writes the manifest', async () => {
    const root = copyExample('flat-layout');
    const r = await pin('init-flat', ['init'], root);
    expect(r.code).toBe(0);
    expect(readFileSync(join(root, 'pyproject.toml'), 'utf8')).toMatch(/\n\n\[tool\.manifest\]\n/);
    expect((await runCli(['validate'], { cwd: root })).code).toBe(0);
  });

  it('translates hatch settings and reports what it cannot', async () => {
    const root = copyExample('flat-layout');
    writeFileSync(
      join(root, 'pyproject.toml'),
      [
        '[build-system]',
        'requires = ["hatchling"]',
        'build-backend = "hatchling.build"',
        '',
        '[project]',
        'name = "tinycalc"',
        'version = "0.3.1"',
        'readme = "README.rst"',
        '',
        '[tool.hatch.build.targets.sdist]',
        'exclude = ["/tests"]',
        '',
        '[tool.hatch.build.targets.wheel]',
        'sources = ["."]',
        '',
      ].join('\n'),
    );
    expect((await pin('init-hatch', ['init'], root)).code).toBe(0);
  });

  it('--dry-run --json writes nothing', async () => {
    const root = copyExample('flat-layout');
    const before = readFileSync(join(root, 'pyproject.toml'), 'utf8');
    expect((await pin('init-dry-run-json', ['init', '--dry-run', '--json'], root)).code).toBe(0);
    expect(readFileSync(join(root, 'pyproject.toml'), 'utf8')).toBe(before);
  });

  it('--hatch-hook writes the vendored hook, its table and a manifest that lists it', async () => {
    const root = copyExample('flat-layout');
    useHatchling(root);
    expect((await pin('init-hatch-hook', ['init', '--hatch-hook'], root)).code).toBe(0);
    expect(readFileSync(join(root, 'hatch_build.py'), 'utf8')).toBe(
      readFileSync(join(repoRoot, 'python/vendor/hatch_build.py'), 'utf8'),
    );
    // Again, where the table exists: only the hook is looked at, and it is up to date.
    expect((await pin('init-hatch-hook-again', ['init', '--hatch-hook'], root)).code).toBe(0);
  });

  it('--hatch-hook refuses a project that hatchling does not build', async () => {
    const root = copyExample('flat-layout');
    expect((await pin('init-hatch-hook-not-hatchling', ['init', '--hatch-hook'], root)).code).toBe(
      2,
    );
  });

  it('refuses politely when the table exists', async () => {
    const root = copyExample('src-layout');
    expect((await pin('init-exists', ['init'], root)).code).toBe(2);
  });
});
