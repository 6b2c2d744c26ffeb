/**
 * `manifest export --backend setuptools`, proven with a real build: a manifest unlike setuptools'
 * defaults (docs and the manifest itself in the sdist, tests left out, a package file left out of
 * the wheel), its exported MANIFEST.in and [tool.setuptools] settings put in place, the project
 * built by Debian's setuptools 66, and `manifest validate dist/*` reports nothing.
 */
import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../cli/harness.js';
import { buildProject, canBuild, materialize } from '../corpus/harness.js';
import { createGitSandbox, type GitSandbox } from '../helpers/git.js';
import { makeTree } from '../helpers/tree.js';

const PROJECT = {
  name: 'setuptools-export',
  backend: 'setuptools',
  modelledOn: 'a src-layout package with docs',
  files: {
    '.gitignore': 'dist/\n*.egg-info/\n',
    LICENSE: 'MIT placeholder.\n',
    'README.md': '# acme\n',
    'MANIFEST.in': '',
    'pyproject.toml': [
      '[build-system]',
      'requires = ["setuptools>=61"]',
      'build-backend = "setuptools.build_meta"',
      '',
      '[project]',
      'name = "acme-export"',
      'version = "1.0"',
      'readme = "README.md"',
      '',
      '[tool.manifest]',
      'exclude = ["/tests"]',
      '',
      '[tool.manifest.wheel]',
      'exclude = ["notes.txt"]',
      '',
    ].join('\n'),
    'docs/index.md': '# docs\n',
    'docs/api/reference.md': '# api\n',
    'src/acme_export/__init__.py': '',
    'src/acme_export/core.py': '',
    'src/acme_export/data/schema.json': '{}\n',
    'src/acme_export/data/notes.txt': 'notes\n',
    'src/acme_export/sub/__init__.py': '',
    'src/acme_export/sub/mod.py': '',
    'tests/test_core.py': '',
  },
};

let parent = '';
let root = '';
let sandbox: GitSandbox;
let exported: { text: string; inexpressible: string[]; file: string };
let findings: unknown[] = [];
let validateCode = -1;

describe.skipIf(!canBuild())('export --backend setuptools against a real build', () => {
  beforeAll(async () => {
    sandbox = createGitSandbox();
    parent = mkdtempSync(join(tmpdir(), 'pm-st-export-'));
    root = materialize(PROJECT, parent);
    expect((await runCli(['update'], { cwd: root })).code).toBe(0);
    const result = await runCli(['export', '--backend', 'setuptools', '--json'], { cwd: root });
    expect(result.code).toBe(0);
    exported = JSON.parse(result.stdout) as typeof exported;
    // The settings the export names in its header, into pyproject.toml; the MANIFEST.in text.
    const settings = exported.text
      .split('\n')
      .filter((l) => l.startsWith('#   ') || l === '#')
      .map((l) => l.slice(4));
    appendFileSync(join(root, 'pyproject.toml'), `\n${settings.join('\n').trim()}\n`);
    writeFileSync(join(root, exported.file), exported.text);
    expect((await runCli(['update'], { cwd: root })).code).toBe(0);
    const archives = await buildProject(root, sandbox, []);
    const validate = await runCli(['validate', '--json', ...archives], { cwd: root });
    validateCode = validate.code;
    findings = (JSON.parse(validate.stdout) as { findings: unknown[] }).findings;
  }, 120_000);

  afterAll(() => {
    sandbox?.dispose();
    if (parent !== '') rmSync(parent, { recursive: true, force: true });
  });

  it('names nothing it cannot express', () => {
    expect(exported.inexpressible).toEqual([]);
  });

  it('writes MANIFEST.in commands and the settings they need', () => {
    const commands = exported.text.split('\n').filter((l) => l !== '' && !l.startsWith('#'));
    expect(commands).toEqual([
      'include .gitignore',
      'graft docs',
      'include pyproject-manifest.txt',
      // The data files: no package-data names them, so MANIFEST.in takes them.
      'graft src',
    ]);
    expect(exported.text).toContain('#   include-package-data = true');
    expect(exported.text).toContain('#   package-dir = { "" = "src" }');
    expect(exported.text).toContain('#   packages = ["acme_export", "acme_export.sub"]');
    expect(exported.text).toContain('#   acme_export = ["data/notes.txt"]');
  });

  it('the sdist and the wheel setuptools builds with them are the manifest', () => {
    expect(findings).toEqual([]);
    expect(validateCode).toBe(0);
  });
});

describe('export --backend setuptools > MANIFEST.in', () => {
  /** The project's manifest written before MANIFEST.in exists; then the export, as the shell runs it. */
  async function exportAfterRedirect(rules: string): Promise<string> {
    const root = makeTree({
      '.gitignore': 'dist/\n',
      'README.md': '# acme\n',
      'pyproject.toml': `[build-system]\nrequires = ["setuptools"]\nbuild-backend = "setuptools.build_meta"\n\n[project]\nname = "acme"\nversion = "1.0"\n${rules}`,
      'acme/__init__.py': '',
    });
    expect((await runCli(['update'], { cwd: root })).code).toBe(0);
    // The shell creates the file, empty, before the command runs.
    writeFileSync(join(root, 'MANIFEST.in'), '');
    const result = await runCli(['export', '--backend', 'setuptools'], { cwd: root });
    expect(result.code).toBe(0);
    return result.stdout
      .split('\n')
      .filter((l) => l !== '' && !l.startsWith('#'))
      .join('\n');
  }

  it('does not exclude the file it is written to when the rules select it', async () => {
    // The next `manifest update` lists MANIFEST.in, and setuptools ships it by itself.
    expect(await exportAfterRedirect('')).toBe(
      'include .gitignore\ngraft acme\ninclude pyproject-manifest.txt',
    );
  });

  it('excludes it when the rules leave it out', async () => {
    expect(await exportAfterRedirect('\n[tool.manifest]\nexclude = ["/MANIFEST.in"]\n')).toBe(
      'include .gitignore\ngraft acme\ninclude pyproject-manifest.txt\nexclude MANIFEST.in',
    );
  });
});
