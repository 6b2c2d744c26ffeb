import { parse } from 'smol-toml';
import { describe, expect, it } from 'vitest';
import {
  BACKEND_PROFILES,
  backendByName,
  findBackend,
  findBackendId,
} from '../../src/backends/registry.js';

const doc = (text: string) => parse(text) as Record<string, unknown>;

describe('backend registry', () => {
  it.each([
    ['no pyproject.toml', '', 'setuptools', 'setuptools.build_meta:__legacy__'],
    [
      'no build-backend',
      '[build-system]\nrequires = ["setuptools"]\n',
      'setuptools',
      'setuptools.build_meta:__legacy__',
    ],
    [
      'setuptools.build_meta',
      '[build-system]\nbuild-backend = "setuptools.build_meta"\n',
      'setuptools',
      'setuptools.build_meta',
    ],
    [
      'the legacy id',
      '[build-system]\nbuild-backend = "setuptools.build_meta:__legacy__"\n',
      'setuptools',
      'setuptools.build_meta:__legacy__',
    ],
    [
      'the wrapper, delegating',
      '[build-system]\nbuild-backend = "pyproject_manifest.wrap"\n[tool.manifest.build]\nbackend = "setuptools.build_meta"\n',
      'setuptools',
      'setuptools.build_meta',
    ],
  ])('%s', (_, text, name, id) => {
    expect(findBackend(doc(text))?.name).toBe(name);
    expect(findBackendId(doc(text)).id).toBe(id);
  });

  it('knows no profile for an unknown backend', () => {
    expect(findBackend(doc('[build-system]\nbuild-backend = "mesonpy"\n'))).toBeUndefined();
  });

  it('finds each profile by its name, and its ids lead back to it', () => {
    for (const profile of BACKEND_PROFILES) {
      expect(backendByName(profile.name)).toBe(profile);
      for (const id of profile.ids) {
        expect(findBackend(doc(`[build-system]\nbuild-backend = "${id}"\n`))).toBe(profile);
      }
    }
    expect(backendByName('nope')).toBeUndefined();
  });
});
