/**
 * The bundled example projects: each committed pyproject-manifest.txt is the golden output of generate
 * (byte for byte; update only with `vitest -u` and review the diff), and validates clean.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateManifest, validateTree } from '../src/index.js';
import { repoRoot } from './cli/harness.js';

const examples = readdirSync(join(repoRoot, 'examples'), { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name);

describe('example projects', () => {
  it('has the three layouts', () => {
    expect(examples).toEqual(
      expect.arrayContaining(['flat-layout', 'single-module', 'src-layout']),
    );
  });

  it.each(examples)('%s: generate matches the committed pyproject-manifest.txt', async (name) => {
    const root = join(repoRoot, 'examples', name);
    const { text } = generateManifest({ root });
    await expect(text).toMatchFileSnapshot(join(root, 'pyproject-manifest.txt'));
  });

  it.each(examples)('%s: validate finds nothing', (name) => {
    const { findings } = validateTree({ root: join(repoRoot, 'examples', name) });
    expect(findings).toEqual([]);
  });
});
