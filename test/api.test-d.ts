/**
 * The public types, as a build backend sees them: what the main functions take and return.
 */
import { expectTypeOf, test } from 'vitest';
import {
  generateManifest,
  parseManifest,
  validateArchives,
  validateTree,
  walkProject,
  walkTreeAsync,
  type Finding,
  type ProjectListings,
  type TreeListing,
  type Manifest,
  type ManifestEntry,
} from '../src/index.js';

test('generateManifest takes a root and returns text and entries', () => {
  expectTypeOf(generateManifest)
    .parameter(0)
    .toMatchTypeOf<{ root: string; manifestFile?: string }>();
  expectTypeOf(generateManifest({ root: '.' }).text).toEqualTypeOf<string>();
  expectTypeOf(generateManifest({ root: '.' }).manifest).toEqualTypeOf<Manifest>();
});

test('parseManifest returns a Manifest whose entries are a tagged union', () => {
  expectTypeOf(parseManifest).returns.toEqualTypeOf<Manifest>();
  expectTypeOf<ManifestEntry['kind']>().toEqualTypeOf<'mod' | 'alt' | 'dir' | 'gen'>();
});

test('validation returns findings as data', () => {
  expectTypeOf(validateTree({ root: '.' }).findings).toEqualTypeOf<Finding[]>();
  expectTypeOf(validateArchives).returns.resolves.toHaveProperty('archives');
});

test('the walk done ahead is awaited, then passed as listings', () => {
  expectTypeOf(walkProject).returns.resolves.toEqualTypeOf<ProjectListings>();
  expectTypeOf(walkTreeAsync).returns.resolves.toEqualTypeOf<TreeListing>();
  expectTypeOf(validateTree)
    .parameter(0)
    .toMatchTypeOf<{ root: string; listings?: ProjectListings }>();
});
