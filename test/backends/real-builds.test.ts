/**
 * Each profile against real builds by its backend (Debian's flit_core, hatchling, poetry-core,
 * pdm-pep517): projects modelled on real ones (test/backends/cases/) are built untouched
 * (`python3 -m build -n -x`, the wheel from the sdist), and every archive member must be what the
 * profile predicts from the same tree, and nothing predicted may be missing: the expansion of the
 * table `translate` writes, the files `outputs` says the backend forces in or rewrites, and the
 * files it writes itself (`gen:` lines allow a file; they do not require one). No line of config is
 * written by hand. Cases that need a build plugin on PYTHONPATH run in the shared corpus
 * (test/corpus/), which also goes through `manifest init` and `validate dist/*`.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'smol-toml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateManifest } from '../../src/api/generate.js';
import { readArchive } from '../../src/archive/open.js';
import { findBackend } from '../../src/backends/registry.js';
import type { BackendInput } from '../../src/backends/types.js';
import { compileGenGlob } from '../../src/manifest/glob.js';
import type { Target } from '../../src/manifest/types.js';
import { compilePatternList } from '../../src/rules/patterns.js';
import { walkTree } from '../../src/tree/walk.js';
import { createGitSandbox } from '../helpers/git.js';
import { writeTree } from '../helpers/tree.js';
import { FLIT_CASES } from './cases/flit.js';
import { HATCHLING_CASES } from './cases/hatchling.js';
import { PDM_CASES } from './cases/pdm.js';
import { POETRY_CASES } from './cases/poetry.js';

const execFileAsync = promisify(execFile);
const PYTHON = '/usr/bin/python3';
const canBuild = existsSync(PYTHON) && existsSync('/usr/lib/python3/dist-packages/build');

const CASES = [...FLIT_CASES, ...HATCHLING_CASES, ...POETRY_CASES, ...PDM_CASES].filter(
  (c) => (c.plugins ?? []).length === 0,
);

interface Prediction {
  /** Files (DESTs) the archive must hold. */
  files: Set<string>;
  /** gen DESTs and globs: files the archive may hold. */
  allowed: ((dest: string) => boolean)[];
}

/** What the profile predicts each archive holds, from the tree alone. */
function predict(root: string): { sdist: Prediction; wheel: Prediction; untranslated: string[] } {
  const text = readFileSync(join(root, 'pyproject.toml'), 'utf8');
  const files = walkTree(root, { ignoreFiles: ['**/.gitignore'] }).files.map((f) => f.path);
  const input: BackendInput = {
    pyproject: text,
    doc: parse(text) as Record<string, unknown>,
    files,
    extra: new Map(),
  };
  const profile = findBackend(input.doc)!;
  const translation = profile.translate(input);
  // The table in place for the expansion only; the build sees the project untouched.
  writeFileSync(join(root, 'pyproject.toml'), `${text}\n${translation.table}`);
  const { manifest } = generateManifest({ root });
  writeFileSync(join(root, 'pyproject.toml'), text);
  const outputs = profile.outputs(input);
  const predictFor = (target: Target): Prediction => {
    const out: Prediction = { files: new Set(), allowed: [] };
    for (const entry of manifest[target]) {
      if (entry.kind === 'gen') out.allowed.push(compileGenGlob(entry.dest));
      else if (entry.kind !== 'dir') out.files.add(entry.dest);
    }
    for (const gen of outputs.generated[target]) out.allowed.push(compileGenGlob(gen.pattern));
    const always = [...outputs.forced[target], ...outputs.rewritten[target]];
    const list = compilePatternList(always.map((o, i) => ({ pattern: o.pattern, key: String(i) })));
    // The forced and rewritten patterns name tree files; in the sdist their DEST is their path.
    if (target === 'sdist' && always.length > 0)
      for (const file of files) if (list.test(file).matched) out.files.add(file);
    // The manifest file is ours: the backend ships it only where its own config says so.
    out.files.delete('pyproject-manifest.txt');
    return out;
  };
  return {
    sdist: predictFor('sdist'),
    wheel: predictFor('wheel'),
    untranslated: translation.untranslated,
  };
}

/** Archive members as DESTs: the sdist's root stripped; the wheel's .dist-info left out. */
async function members(archive: string, target: Target): Promise<string[]> {
  const listing = await readArchive(archive);
  const names = listing.entries.filter((e) => e.kind !== 'dir').map((e) => e.path);
  if (target === 'sdist')
    return names.map((n) => n.slice(n.indexOf('/') + 1)).filter((n) => n !== '');
  return names.filter((n) => !n.split('/')[0]!.endsWith('.dist-info'));
}

interface Outcome {
  unexpected: string[];
  missing: string[];
  untranslated: string[];
  error?: string;
}

const outcomes = new Map<string, Outcome>();
let parent = '';

describe.skipIf(!canBuild)('each profile predicts what its backend builds', () => {
  beforeAll(async () => {
    parent = mkdtempSync(join(tmpdir(), 'pm-real-builds-'));
    const sandbox = createGitSandbox();
    try {
      await Promise.all(
        CASES.map(async (c) => {
          const root = join(parent, c.name);
          writeTree(root, c.files);
          const git = (args: string[]) =>
            execFileAsync(
              'git',
              ['-c', 'user.name=t', '-c', 'user.email=t@example.invalid', ...args],
              {
                cwd: root,
                env: sandbox.env,
              },
            );
          await git(['-c', 'init.defaultBranch=main', 'init', '-q', '--template=']);
          await git(['add', '-A']);
          await git(['commit', '-qm', 'import']);
          const prediction = predict(root);
          try {
            await execFileAsync(PYTHON, ['-m', 'build', '-n', '-x', '--outdir', 'dist', '.'], {
              cwd: root,
              env: {
                ...sandbox.env,
                SOURCE_DATE_EPOCH: '1700000000',
                PYTHONDONTWRITEBYTECODE: '1',
              },
            });
          } catch (error) {
            const stderr = (error as { stderr?: string }).stderr ?? String(error);
            outcomes.set(c.name, { unexpected: [], missing: [], untranslated: [], error: stderr });
            return;
          }
          const outcome: Outcome = {
            unexpected: [],
            missing: [],
            untranslated: prediction.untranslated,
          };
          for (const file of readdirSync(join(root, 'dist'))) {
            const target: Target = file.endsWith('.whl') ? 'wheel' : 'sdist';
            const p = prediction[target];
            const built = await members(join(root, 'dist', file), target);
            for (const name of built)
              if (!p.files.has(name) && !p.allowed.some((allow) => allow(name)))
                outcome.unexpected.push(`${target}: ${name}`);
            for (const name of p.files)
              if (!built.includes(name)) outcome.missing.push(`${target}: ${name}`);
          }
          outcomes.set(c.name, outcome);
        }),
      );
    } finally {
      sandbox.dispose();
    }
  }, 300_000);
  afterAll(() => {
    if (parent !== '') rmSync(parent, { recursive: true, force: true });
  });

  it.each(CASES.map((c) => [c.name, c.modelledOn]))('%s (%s)', (name) => {
    const outcome = outcomes.get(name)!;
    expect(outcome.error).toBeUndefined();
    expect(outcome.unexpected).toEqual([]);
    expect(outcome.missing).toEqual([]);
    expect(outcome.untranslated).toEqual([]);
  });
});
