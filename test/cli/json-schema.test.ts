/**
 * Every command's real `--json` output — success, findings, and the error form — validated against
 * schema/output.schema.json (JSON Schema 2020-12, checked by ajv in strict mode). Each case runs the
 * CLI in-process on a real temp project; the test also checks that every form of the schema was
 * produced at least once, and that the schema rejects outputs that drift from it.
 */
import {
  cpSync,
  existsSync,
  readFileSync,
  renameSync,
  rmSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
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

function manifestSyntaxProject(): string {
  return makeTree({
    'pyproject.toml': '[project]\nname = "demo"\nversion = "1.0"\n',
    'demo.py': 'X = 1\n',
    'dist.manifest': '# pyproject-manifest v1\n\n[sdist]\nmove: demo.py -> demo.py\n',
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
    rmSync(join(root, 'dist.manifest'));
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
    if (!existsSync(join(pkg, 'dist.manifest'))) {
      renameSync(join(pkg, 'expected.manifest'), join(pkg, 'dist.manifest'));
    }
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
    rmSync(join(root, 'dist.manifest'));
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
  ] as const)('error form: %s', async (_name, argv, project, code) => {
    const doc = await runJson([...argv], project());
    expect(doc).toMatchObject({ ok: false, exitCode: 2 });
    expect((doc.errors as { code: string }[])[0]?.code).toBe(code);
  });

  it('every form of the schema was produced by a real run', () => {
    expect([...seenForms].sort()).toEqual([
      'diff',
      'error',
      'generate',
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
