/**
 * The dependency direction of docs/architecture.md, enforced: each src file's imports are read
 * and checked against the table, so a violation names the file and the forbidden import.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const src = resolve(dirname(fileURLToPath(import.meta.url)), '../src');

function listSources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory()
      ? listSources(join(dir, d.name))
      : d.name.endsWith('.ts')
        ? [join(dir, d.name)]
        : [],
  );
}

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specs: string[] = [];
  for (const m of text.matchAll(/^\s*(?:import|export)\b[^'"`]*?from\s+['"]([^'"]+)['"]/gm))
    specs.push(m[1]!);
  for (const m of text.matchAll(/\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g)) specs.push(m[1]!);
  for (const m of text.matchAll(/^\s*import\s+['"]([^'"]+)['"]/gm)) specs.push(m[1]!);
  return specs;
}

/** The top-level area of a src-relative path: 'cli', 'api', 'rules', …, or the file itself. */
function areaOf(rel: string): string {
  return rel.includes('/') ? rel.split('/')[0]! : rel.replace(/\.ts$/, '');
}

// area → areas (or exact src-relative targets) it may import
const allowed: Record<string, readonly string[]> = {
  cli: ['index'],
  api: ['tree', 'archive', 'fs', 'rules', 'manifest', 'errors', 'describe', 'backends'],
  tree: ['rules', 'manifest/types', 'manifest/order', 'errors'],
  archive: ['rules', 'manifest', 'errors'],
  fs: ['errors'],
  rules: ['manifest', 'errors'],
  backends: ['rules', 'manifest', 'errors'],
  manifest: ['errors'],
  describe: ['errors', 'manifest/types'],
  errors: ['manifest/types'],
  index: ['api', 'manifest', 'rules', 'tree', 'archive', 'errors', 'describe', 'fs'],
};

const pure = new Set(['rules', 'manifest', 'errors', 'describe', 'backends']);

const files = listSources(src).map((f) => relative(src, f).split('\\').join('/'));

describe('architecture', () => {
  it('finds the source files', () => {
    expect(files.length).toBeGreaterThan(10);
  });

  it.each(files)('%s imports only what its layer may', (rel) => {
    const area = areaOf(rel);
    const problems: string[] = [];
    for (const spec of importsOf(join(src, rel))) {
      if (spec.startsWith('node:')) {
        if (pure.has(area)) problems.push(`${spec} (the ${area} layer is pure)`);
        continue;
      }
      if (!spec.startsWith('.')) {
        if (area === 'manifest' || area === 'errors' || area === 'describe') {
          if (!['picomatch'].includes(spec)) problems.push(`${spec} (package imports in ${area}/)`);
        }
        continue;
      }
      if (!spec.endsWith('.js')) problems.push(`${spec} (relative imports carry .js)`);
      const target = relative(src, resolve(dirname(join(src, rel)), spec))
        .split('\\')
        .join('/')
        .replace(/\.js$/, '');
      const targetArea = areaOf(`${target}.ts`);
      if (targetArea === area) continue;
      const ok = (allowed[area] ?? []).some((a) => a === targetArea || a === target);
      if (!ok) problems.push(`${spec} (${area}/ may not import ${target})`);
    }
    expect(problems, `${rel} has forbidden imports`).toEqual([]);
  });

  it.each(files.filter((f) => !f.startsWith('cli/')))('%s stays away from the process', (rel) => {
    const text = readFileSync(join(src, rel), 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
    const hits = ['console.', 'process.exit', 'process.env', 'process.cwd('].filter((s) =>
      text.includes(s),
    );
    expect(hits, `${rel} uses ${hits.join(', ')}`).toEqual([]);
  });
});
