/**
 * Every command's real `--json` output — success, findings, and the error form — validated against
 * schema/output.schema.json (JSON Schema 2020-12, checked by ajv in strict mode). Each case runs the
 * CLI in-process on a real temp project; the test also checks that every form of the schema was
 * produced at least once, and that the schema rejects outputs that drift from it.
 */
import { cpSync, readFileSync, renameSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { makeTree } from '../helpers/tree.js';
import { copyExample, repoRoot, runCli } from './harness.js';

const schema = JSON.parse(readFileSync(join(repoRoot, 'schema/output.schema.json'), 'utf8')) as {
  $defs: Record<string, unknown>;
  oneOf: { $ref: string }[];
};
const ajv = new Ajv2020({ strict: true, allowUnionTypes: true, allErrors: true });
const validate = ajv.compile(schema);
/** The top-level forms, by name (`generate`, …, `error`), each compiled on its own. */
const forms = schema.oneOf.map((ref) => {
  const name = ref.$ref.replace('#/$defs/', '');
  return { name, check: ajv.compile({ ...schema, oneOf: undefined, $ref: ref.$ref }) };
});
const seenForms = new Set<string>();

/** Run `argv` with --json, check the output against the schema, return the parsed document. */
async function runJson(argv: string[], cwd: string): Promise<Record<string, unknown>> {
  const result = await runCli([...argv, '--json'], { cwd });
  const doc = JSON.parse(result.stdout) as Record<string, unknown>;
  const valid = validate(doc);
  expect(valid ? [] : validate.errors, `manifest ${argv.join(' ')} --json`).toEqual([]);
  expect(doc.exitCode).toBe(result.code);
  for (const form of forms) if (form.check(doc)) seenForms.add(form.name);
  return doc;
}

type Doc = Record<string, unknown>;

/** The object at `keys` inside a parsed document, for tests that tamper with it. */
function at(doc: Doc, ...keys: (string | number)[]): Doc {
  let cur: unknown = doc;
  for (const key of keys) cur = (cur as Record<string | number, unknown>)[key];
  return cur as Doc;
}

function manifestSyntaxProject(): string {
  return makeTree({
    'pyproject.toml': '[project]\nname = "demo"\nversion = "1.0"\n',
    'demo.py': 'X = 1\n',
    'pyproject-manifest.txt': '# pyproject-manifest v1\n\n[sdist]\nmove: demo.py -> demo.py\n',
  });
}

function configErrorProject(): string {
  return makeTree({
    'pyproject.toml':
      '[project]\nname = "demo"\n\n[tool.manifest]\nexcludes = []\ninclude = "src"\n',
    'demo.py': 'X = 1\n',
  });
}

const hatch = {
  pkg: 'hatch-demo',
  wheel: 'fixtures/archives/hatchling/fixture_hatch-1.0-py3-none-any.whl',
  sdist: 'fixtures/archives/hatchling/fixture_hatch-1.0.tar.gz',
};

describe('--json output matches schema/output.schema.json', () => {
  it('the schema is valid JSON Schema 2020-12, versioned by schemaVersion', () => {
    expect(schema.$defs.schemaVersion).toMatchObject({ const: 1 });
    expect(forms.map((f) => f.name)).toEqual([
      'generate',
      'validate',
      'update',
      'diff',
      'ls',
      'explain',
      'init',
      'export',
      'error',
    ]);
  });

  it('generate: --stdout, a write, and an up-to-date write', async () => {
    const root = copyExample('flat-layout');
    expect(await runJson(['generate', '--stdout'], root)).toMatchObject({
      command: 'generate',
      written: false,
    });
    expect(await runJson(['generate'], root)).toMatchObject({ written: false, ok: true });
    rmSync(join(root, 'pyproject-manifest.txt'));
    expect(await runJson(['generate'], root)).toMatchObject({ written: true, ok: true });
  });

  it('validate: clean, with findings, and with built archives', async () => {
    const root = copyExample('src-layout');
    expect(await runJson(['validate'], root)).toMatchObject({
      ok: true,
      exitCode: 0,
      findings: [],
    });
    writeFileSync(join(root, 'src/acme_widgets/extra.py'), 'X = 1\n');
    unlinkSync(join(root, 'src/acme_widgets/core.py'));
    const drift = await runJson(['validate'], root);
    expect(drift).toMatchObject({ ok: false, exitCode: 1 });
    expect((drift.findings as { code: string }[]).map((f) => f.code)).toContain('MISSING_SOURCE');

    const pkg = join(makeTree({}), hatch.pkg);
    cpSync(join(repoRoot, 'fixtures/packages', hatch.pkg), pkg, { recursive: true });
    renameSync(join(pkg, 'gitignore'), join(pkg, '.gitignore'));
    const archives = [join(repoRoot, hatch.sdist), join(repoRoot, hatch.wheel)];
    const withArchives = await runJson(['validate', ...archives], pkg);
    expect((withArchives.archives as { kind: string }[]).map((a) => a.kind)).toEqual([
      'sdist',
      'wheel',
    ]);
  });

  it('update: changed (with --exit-code), then unchanged', async () => {
    const root = copyExample('single-module');
    writeFileSync(join(root, 'CHANGES.md'), '# Changes\n');
    const changed = await runJson(['update', '--exit-code'], root);
    expect(changed).toMatchObject({ ok: false, exitCode: 1, changed: true });
    expect(await runJson(['update', '--exit-code'], root)).toMatchObject({
      ok: true,
      changed: false,
    });
  });

  it('diff: changed, unchanged, and no manifest yet', async () => {
    const root = copyExample('single-module');
    expect(await runJson(['diff'], root)).toMatchObject({ changed: false, diff: '' });
    writeFileSync(join(root, 'notes.txt'), 'x\n');
    expect(await runJson(['diff'], root)).toMatchObject({ changed: true, exitCode: 1 });
    rmSync(join(root, 'pyproject-manifest.txt'));
    expect(await runJson(['diff'], root)).toMatchObject({ changed: true, exists: false });
  });

  it('ls: sources, and wheel destinations', async () => {
    const root = copyExample('src-layout');
    expect(await runJson(['ls'], root)).toMatchObject({ target: null, dest: false });
    expect(await runJson(['ls', '--target', 'wheel', '--dest'], root)).toMatchObject({
      target: 'wheel',
      dest: true,
    });
  });

  it('explain: shipped, excluded, ignored, mapped, generated and future paths, a directory', async () => {
    const root = copyExample('src-layout');
    const doc = await runJson(
      [
        'explain',
        'src/acme_widgets/core.py',
        'src/acme_widgets/NOTES.md',
        'docs/index.md',
        'dist/acme_widgets-1.4.0.tar.gz',
        'src/acme_widgets/_version.py',
        'scripts/acme-report',
        'src/acme_widgets/__pycache__/core.cpython-312.pyc',
        'src/acme_widgets/not-yet.py',
        'src/',
      ],
      root,
    );
    const paths = doc.paths as { kind: string; sdist: Doc; wheel: Doc }[];
    expect(new Set(paths.map((p) => p.kind))).toEqual(new Set(['file', 'missing', 'dir']));
    // Each optional field of a target's answer is produced, so the schema is checked against it.
    const fields = new Set(
      paths.flatMap((p) => [...Object.keys(p.sdist), ...Object.keys(p.wheel)]),
    );
    for (const field of ['hiddenBy', 'overrides', 'generatedBy', 'files'])
      expect(fields, field).toContain(field);
    const single = copyExample('single-module');
    expect(await runJson(['explain', '.github/workflows/ci.yml'], single)).toMatchObject({
      command: 'explain',
      paths: [{ sdist: { step: 'exclude' }, wheel: { step: 'scope' } }],
    });
  });

  it('explain: no wheel package found', async () => {
    const root = makeTree({ 'pyproject.toml': '[project]\nname = "demo"\n', 'notes.txt': '' });
    expect(await runJson(['explain', 'notes.txt'], root)).toMatchObject({
      paths: [{ wheel: { step: 'no-package', ships: false, message: expect.any(String) } }],
    });
  });

  it('init: --dry-run, a real run, and backend settings it cannot translate', async () => {
    const root = copyExample('flat-layout');
    expect(await runJson(['init', '--dry-run'], root)).toMatchObject({
      dryRun: true,
      backend: 'setuptools.build_meta',
      manifestFile: null,
    });
    expect(await runJson(['init'], root)).toMatchObject({
      dryRun: false,
      manifestFile: 'pyproject-manifest.txt',
    });
    const hatchProject = makeTree({
      'pyproject.toml': [
        '[build-system]',
        'build-backend = "hatchling.build"',
        '[project]',
        'name = "demo"',
        '[tool.hatch.build.targets.wheel.hooks.custom]',
        'path = "build_hook.py"',
        '',
      ].join('\n'),
      'demo/__init__.py': '',
      'build_hook.py': '',
    });
    const hatched = await runJson(['init', '--dry-run'], hatchProject);
    expect(hatched).toMatchObject({ backend: 'hatchling.build' });
    expect(hatched.untranslated).not.toEqual([]);
  });

  it('init ARCHIVE...: the archives read and what the table does not reproduce', async () => {
    // The hatchling fixture without its table, and with a readme its sdist does not hold (the
    // sdist always has the readme, so no table can reproduce it).
    const root = join(copyExample('single-module'), '..', 'hatch');
    cpSync(join(repoRoot, 'fixtures/packages', hatch.pkg), root, { recursive: true });
    renameSync(join(root, 'gitignore'), join(root, '.gitignore'));
    const text = readFileSync(join(root, 'pyproject.toml'), 'utf8');
    writeFileSync(
      join(root, 'pyproject.toml'),
      text.slice(0, text.indexOf('# hatchling')).replace('README.md', 'NOTES.md'),
    );
    writeFileSync(join(root, 'NOTES.md'), '# notes\n');
    rmSync(join(root, 'pyproject-manifest.txt'));
    const doc = await runJson(
      ['init', '--dry-run', join(repoRoot, hatch.sdist), join(repoRoot, hatch.wheel)],
      root,
    );
    expect(doc).toMatchObject({
      dryRun: true,
      archives: [{ kind: 'sdist' }, { kind: 'wheel' }],
      manifestFile: null,
    });
    expect(doc.unreproduced).not.toEqual([]);
  });

  it.each([
    ['usage: no command', [], () => makeTree({}), 'USAGE'],
    ['usage: unknown flag', ['validate', '--bogus'], () => copyExample('single-module'), 'USAGE'],
    [
      'usage: --dest without --target',
      ['ls', '--dest'],
      () => copyExample('single-module'),
      'USAGE',
    ],
    ['config: several errors at once', ['validate'], configErrorProject, 'CONFIG_UNKNOWN_KEY'],
    ['manifest syntax', ['validate'], manifestSyntaxProject, 'MANIFEST_SYNTAX'],
    [
      'no manifest',
      ['validate'],
      () => makeTree({ 'pyproject.toml': '[project]\nname = "demo"\n', 'demo.py': '' }),
      'MANIFEST_NOT_FOUND',
    ],
    [
      'explain: a path outside the project',
      ['explain', '../x.py'],
      () => copyExample('single-module'),
      'USAGE',
    ],
    ['init: the table exists', ['init'], () => copyExample('src-layout'), 'CONFIG_TABLE_EXISTS'],
  ] as const)('error form: %s', async (_name, argv, project, code) => {
    const doc = await runJson([...argv], project());
    expect(doc).toMatchObject({ ok: false, exitCode: 2 });
    expect((doc.errors as { code: string }[])[0]?.code).toBe(code);
  });

  it('export: the backend config and the entries it cannot express', async () => {
    const root = copyExample('src-layout');
    const doc = await runJson(['export', '--backend', 'flit'], root);
    expect(doc).toMatchObject({ command: 'export', backend: 'flit', file: 'pyproject.toml' });
    expect(doc.text).toMatch(/^\[tool\.flit\.sdist\]/);
    expect((doc.inexpressible as string[]).length).toBeGreaterThan(0);
    expect(await runJson(['export', '--backend', 'nope'], root)).toMatchObject({
      ok: false,
      exitCode: 2,
    });
  });

  it('every form of the schema was produced by a real run', () => {
    expect([...seenForms].sort()).toEqual([
      'diff',
      'error',
      'explain',
      'export',
      'generate',
      'init',
      'ls',
      'update',
      'validate',
    ]);
  });

  it.each([
    ['a newer schemaVersion', (d: Record<string, unknown>) => ({ ...d, schemaVersion: 2 })],
    ['an undocumented field', (d: Record<string, unknown>) => ({ ...d, extra: true })],
    ['ok true with exit 1', (d: Record<string, unknown>) => ({ ...d, ok: true, exitCode: 1 })],
    [
      'a finding without a code',
      (d: Record<string, unknown>) => ({ ...d, findings: [{ severity: 'error' }] }),
    ],
  ])('rejects drift: %s', async (_name, mutate) => {
    const root = copyExample('single-module');
    const doc = await runJson(['validate'], root);
    expect(validate(mutate(doc))).toBe(false);
  });
});

/** A tampering: at `keys` inside the document, set `field` to `value` (undefined deletes it). */
type Drift = [
  name: string,
  argv: string[],
  keys: (string | number)[],
  field: string,
  value: unknown,
];

describe('the schema rejects explain and init outputs that drift from it', () => {
  const EXPLAIN = ['explain', 'demo.py'];
  const INIT = ['init', '--dry-run'];
  it.each<Drift>([
    ['explain: an unknown step', EXPLAIN, ['paths', 0, 'sdist'], 'step', 'maybe'],
    [
      'explain: a rule without a source',
      EXPLAIN,
      ['paths', 0, 'wheel', 'rule'],
      'source',
      undefined,
    ],
    ['explain: the wheel answer under sdist', EXPLAIN, ['paths', 0, 'sdist'], 'target', 'wheel'],
    ['explain: an undocumented field', EXPLAIN, ['paths', 0], 'why', 'because'],
    ['explain: no paths', EXPLAIN, [], 'paths', []],
    [
      'init: --dry-run naming a written manifest',
      INIT,
      [],
      'manifestFile',
      'pyproject-manifest.txt',
    ],
    ['init: a table that is not [tool.manifest]', INIT, [], 'table', '[tool.other]\n'],
    ['init: an unknown layout', INIT, [], 'layout', 'odd'],
  ])('%s', async (name, argv, keys, field, value) => {
    const root = makeTree({
      'pyproject.toml': '[project]\nname = "demo"\nversion = "1.0"\n',
      'demo.py': 'X = 1\n',
    });
    const doc = await runJson(argv, root);
    const target = at(doc, ...keys);
    // Change a field the real output has (a misspelt one would be rejected as undocumented).
    if (!name.includes('undocumented')) expect(target).toHaveProperty(field);
    if (value === undefined) delete target[field];
    else target[field] = value;
    expect(validate(doc)).toBe(false);
  });
});
