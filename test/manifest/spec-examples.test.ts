/**
 * MANIFEST-FORMAT.md and the code in lockstep (MANIFEST-FORMAT.md §12): every fenced `manifest`
 * block parses, is canonical and has no findings; every `manifest-noncanonical` block parses,
 * has no findings and is not canonical; every `manifest-invalid` block is rejected.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkCanonical, checkManifest } from '../../src/manifest/check.js';
import { formatManifest } from '../../src/manifest/format.js';
import { parseManifest } from '../../src/manifest/parse.js';

const spec = readFileSync(new URL('../../MANIFEST-FORMAT.md', import.meta.url), 'utf8');

function blocks(lang: string): { line: number; text: string }[] {
  const out: { line: number; text: string }[] = [];
  const re = new RegExp(`^\`\`\`${lang}\\n([\\s\\S]*?)^\`\`\`$`, 'gm');
  for (const m of spec.matchAll(re)) {
    out.push({ line: spec.slice(0, m.index).split('\n').length, text: m[1] ?? '' });
  }
  return out;
}

const valid = blocks('manifest');
const noncanonical = blocks('manifest-noncanonical');
const invalid = blocks('manifest-invalid');

describe('MANIFEST-FORMAT.md examples', () => {
  it('has examples of each kind', () => {
    expect(valid.length).toBeGreaterThanOrEqual(3);
    expect(noncanonical.length).toBeGreaterThanOrEqual(1);
    expect(invalid.length).toBeGreaterThanOrEqual(3);
  });

  it.each(valid)('```manifest at line $line parses, is canonical, has no findings', ({ text }) => {
    const manifest = parseManifest(text, 'pyproject-manifest.txt');
    expect(checkManifest(manifest, 'pyproject-manifest.txt')).toEqual([]);
    expect(checkCanonical(text, manifest, 'pyproject-manifest.txt')).toEqual([]);
    expect(formatManifest(manifest)).toBe(text);
  });

  it.each(noncanonical)(
    '```manifest-noncanonical at line $line is valid but not canonical',
    ({ text }) => {
      const manifest = parseManifest(text, 'pyproject-manifest.txt');
      expect(checkManifest(manifest, 'pyproject-manifest.txt')).toEqual([]);
      expect(checkCanonical(text, manifest, 'pyproject-manifest.txt')).toHaveLength(1);
    },
  );

  it.each(invalid)('```manifest-invalid at line $line is rejected', ({ text }) => {
    let findings;
    try {
      findings = checkManifest(
        parseManifest(text, 'pyproject-manifest.txt'),
        'pyproject-manifest.txt',
      );
    } catch (error) {
      expect((error as Error).name).toMatch(/^ManifestErrors?$/);
      return;
    }
    expect(findings.length).toBeGreaterThan(0);
  });

  it('each ```manifest-invalid block gives the code its sentence in §14 names', () => {
    const codes = invalid.map(({ text }) => {
      try {
        const findings = checkManifest(
          parseManifest(text, 'pyproject-manifest.txt'),
          'pyproject-manifest.txt',
        );
        return findings.map((f) => f.code).join(',');
      } catch (error) {
        return (error as { code?: string }).code;
      }
    });
    expect(codes).toEqual([
      'MANIFEST_VERSION',
      'MANIFEST_INVALID_PATH',
      'DIR_ENTRY_MISSING',
      'MANIFEST_INVALID_PATH',
      'GEN_SHADOWS_MOD',
      'WHEEL_SOURCE_NOT_IN_SDIST',
    ]);
  });
});
