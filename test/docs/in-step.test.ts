/**
 * Every `<!-- snippet: NAME -->` block in the docs (README.md, python/README.md, docs/) is read by
 * a test (TypeScript `readSnippet` or Python `read_snippet`), which runs it or compares it with
 * what a test runs: a snippet nobody reads could drift from the product unnoticed. And README.md's
 * list of the Debian packages the tests need is the one .ci/run installs.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../cli/harness.js';

const DOCS = [
  'README.md',
  'python/README.md',
  ...readdirSync(join(repoRoot, 'docs')).map((n) => `docs/${n}`),
].filter((f) => f.endsWith('.md'));

function filesUnder(dir: string, ext: string): string[] {
  return readdirSync(join(repoRoot, dir), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith(ext))
    .map((f) => join(repoRoot, dir, f));
}

const testText = [...filesUnder('test', '.ts'), ...filesUnder('python/tests', '.py')]
  .map((f) => readFileSync(f, 'utf8'))
  .join('\n');

describe('doc snippets', () => {
  const snippets = DOCS.flatMap((file) =>
    [...readFileSync(join(repoRoot, file), 'utf8').matchAll(/<!-- snippet: ([\w-]+) -->/g)].map(
      (m) => ({ file, name: m[1]! }),
    ),
  );

  it('there are some (the pattern finds the markers)', () => {
    expect(snippets.map((s) => s.name)).toContain('export-setuptools');
  });

  it('each is read by a test', () => {
    const read = new RegExp(`(?:readSnippet|read_snippet)\\(\\s*['"]([\\w-]+)['"]`, 'g');
    const names = new Set([...testText.matchAll(read)].map((m) => m[1]));
    expect(snippets.filter((s) => !names.has(s.name))).toEqual([]);
  });
});

describe('README.md', () => {
  it('names the Debian packages .ci/run installs', () => {
    const run = readFileSync(join(repoRoot, '.ci/run'), 'utf8');
    const loop = /for pkg in ([\s\S]*?); do/.exec(run)![1]!;
    const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
    const install = /`apt-get install ([^`]+)`/.exec(readme)![1]!;
    const words = (text: string): string[] =>
      text
        .split(/[\s\\]+/)
        .filter((w) => w !== '')
        .sort();
    expect(words(install)).toEqual(words(loop));
  });
});
