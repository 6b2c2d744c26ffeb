/**
 * docs/codes.md against the CODES table: every code has exactly one section whose anchor (GitHub's
 * heading slug) is CODES[code].anchor, no section documents a code that does not exist, and each
 * section says the code's kind and exit code, explains it in a paragraph, and shows an example line
 * carrying the code. Also: the CLI's links (`docs` in --json, `see …` with --verbose) resolve here.
 */
import { readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CODES, type Code } from '../../src/errors.js';
import { makeTree } from '../helpers/tree.js';
import { copyExample, repoRoot, runCli } from '../cli/harness.js';

const text = readFileSync(join(repoRoot, 'docs/codes.md'), 'utf8');

/** GitHub's anchor for a heading: lower case, punctuation other than `-` and `_` dropped, spaces to `-`. */
function slugOf(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

interface Section {
  heading: string;
  body: string;
}

/** The `###` sections (one per code); `##` headings only group them. */
function readSections(markdown: string): Section[] {
  const sections: Section[] = [];
  let current: Section | undefined;
  let fenced = false;
  for (const line of markdown.split('\n')) {
    if (line.startsWith('```')) fenced = !fenced;
    if (!fenced && /^#{1,3} /.test(line)) {
      current = line.startsWith('### ') ? { heading: line.slice(4), body: '' } : undefined;
      if (current) sections.push(current);
      continue;
    }
    if (current) current.body += `${line}\n`;
  }
  return sections;
}

const sections = readSections(text);
const codes = Object.keys(CODES) as Code[];
const KIND: Record<number, string> = { 1: 'Finding', 2: 'User error', 3: 'Internal error' };

describe('docs/codes.md', () => {
  it('has one section per code, and no section for a code that does not exist', () => {
    expect(sections.map((s) => s.heading).sort()).toEqual([...codes].sort());
  });

  it.each(codes)('%s: anchor, kind and exit code, explanation, example', (code) => {
    const matching = sections.filter((s) => slugOf(s.heading) === CODES[code].anchor);
    expect(matching.map((s) => s.heading)).toEqual([code]);
    const body = matching[0]!.body;
    expect(body).toMatch(
      new RegExp(`^\\s*_${KIND[CODES[code].exit]}, exit ${CODES[code].exit}\\._ `),
    );
    const prose = body.split('```')[0]!.replace(/\s+/g, ' ');
    expect(prose.split(' ').length, 'a paragraph: what, why, how to fix').toBeGreaterThan(40);
    const example = /```text\n([^\n]+)\n```/.exec(body)?.[1];
    expect(example, 'an example line').toBeDefined();
    if (code !== 'INTERNAL') expect(example).toContain(`[${code}]`);
  });

  it.each(codes)('%s: the anchor is a lower-case slug of the code', (code) => {
    expect(CODES[code].anchor).toBe(slugOf(code));
  });
});

describe('the CLI links each code to its section', () => {
  const anchors = new Set(sections.map((s) => `docs/codes.md#${slugOf(s.heading)}`));

  it('--verbose prints "see docs/codes.md#…" under each finding', async () => {
    const root = copyExample('src-layout');
    writeFileSync(join(root, 'src/acme_widgets/extra.py'), 'X = 1\n');
    unlinkSync(join(root, 'src/acme_widgets/core.py'));
    // Without --verbose: one closing line links each distinct code once.
    const plain = await runCli(['validate'], { cwd: root });
    const plainLines = plain.stdout.trimEnd().split('\n');
    expect(plainLines.filter((l) => l.includes('docs/codes.md'))).toEqual([
      'see docs/codes.md#missing_source, docs/codes.md#unlisted_file',
    ]);
    for (const link of plainLines.at(-1)!.slice(4).split(', '))
      expect(anchors.has(link)).toBe(true);
    const verbose = await runCli(['validate', '--verbose'], { cwd: root });
    const lines = verbose.stdout.trimEnd().split('\n');
    const findingLines = lines.filter((l) => /\berror\[[A-Z_]+\]/.test(l));
    expect(findingLines.length).toBeGreaterThan(1);
    for (const line of findingLines) {
      const code = /\berror\[([A-Z_]+)\]/.exec(line)![1]!;
      const next = lines[lines.indexOf(line) + 1];
      expect(next).toBe(`  see docs/codes.md#${CODES[code as Code].anchor}`);
      expect(anchors.has(next!.trim().slice(4))).toBe(true);
    }
  });

  it('--verbose prints the link under each user error (stderr)', async () => {
    const root = makeTree({
      'pyproject.toml':
        '[project]\nname = "demo"\n\n[tool.manifest]\nexcludes = []\ninclude = "x"\n',
    });
    const result = await runCli(['validate', '--verbose'], { cwd: root });
    expect(result.code).toBe(2);
    expect(result.stderr.split('\n').filter((l) => l.startsWith('  see '))).toEqual([
      '  see docs/codes.md#config_unknown_key',
      '  see docs/codes.md#config_invalid_type',
    ]);
  });

  it('every `docs` link in --json output names a section', async () => {
    const root = copyExample('single-module');
    writeFileSync(join(root, 'notes.txt'), 'x\n');
    const data = JSON.parse((await runCli(['validate', '--json'], { cwd: root })).stdout) as {
      findings: { docs: string }[];
    };
    expect(data.findings.length).toBeGreaterThan(0);
    for (const finding of data.findings) expect(anchors).toContain(finding.docs);
  });
});

describe('the table of all codes', () => {
  const rows = [
    ...text.matchAll(/^\| \[`([A-Z_]+)`\]\(#([a-z_]+)\) +\| (\d) +\| (.+?) +\|$/gm),
  ].map((m) => ({ code: m[1]!, anchor: m[2]!, exit: Number(m[3]), summary: m[4]! }));

  it('lists every code once, in the order of CODES', () => {
    expect(rows.map((r) => r.code)).toEqual(codes);
  });

  it.each(codes)('%s: anchor, exit code and summary match CODES', (code) => {
    const row = rows.find((r) => r.code === code);
    expect(row).toEqual({
      code,
      anchor: CODES[code].anchor,
      exit: CODES[code].exit,
      summary: CODES[code].summary,
    });
  });
});
