/**
 * The backend registry: which profile answers for a project, by `[build-system].build-backend`.
 *
 * Owns: the one place that maps backend ids and names to profiles. Nothing else in src/ switches
 * on backend names: the commands ask `findBackend` (or `backendByName` for `--backend`).
 * - `pyproject_manifest.wrap` (our checking wrapper) stands for the backend it delegates to,
 *   `[tool.manifest.build] backend`.
 * - No pyproject.toml, or no `build-backend`: frontends (pip, build) then use setuptools' legacy
 *   backend (PEP 517: "projects that do not specify a build-backend … use
 *   setuptools.build_meta:__legacy__"), so the setuptools profile answers.
 * - An id no profile knows: undefined (the commands say so and fall back to the plain rules).
 * Pure: takes the parsed pyproject.toml.
 */
import { flitProfile } from './flit.js';
import { hatchlingProfile } from './hatchling.js';
import { pdmProfile } from './pdm.js';
import { poetryProfile } from './poetry.js';
import { setuptoolsProfile } from './setuptools.js';
import { lookup } from './table.js';
import type { BackendProfile } from './types.js';

/** Every profile, in the order `--backend` lists them. */
export const BACKEND_PROFILES: readonly BackendProfile[] = [
  setuptoolsProfile,
  hatchlingProfile,
  flitProfile,
  poetryProfile,
  pdmProfile,
];

/** The id of our checking wrapper backend (the python/ package's `pyproject_manifest.wrap`). */
export const WRAPPER_BACKEND = 'pyproject_manifest.wrap';

/** A backend id without its `:object` suffix (`setuptools.build_meta:__legacy__` → module). */
function moduleOf(id: string): string {
  return id.split(':')[0]!.trim();
}

/**
 * The backend id that decides the build, and the key it was read from: the wrapper's delegate,
 * `[build-system].build-backend`, or setuptools' legacy backend when none is named.
 */
export function findBackendId(doc: Record<string, unknown>): { id: string; key: string } {
  const declared = lookup(doc, 'build-system', 'build-backend');
  if (typeof declared !== 'string') {
    return { id: 'setuptools.build_meta:__legacy__', key: 'build-system.build-backend' };
  }
  if (moduleOf(declared) === WRAPPER_BACKEND) {
    const inner = lookup(doc, 'tool', 'manifest', 'build', 'backend');
    if (typeof inner === 'string') return { id: inner, key: 'tool.manifest.build.backend' };
  }
  return { id: declared, key: 'build-system.build-backend' };
}

/** The profile for a backend id (`hatchling.build`, `setuptools.build_meta:__legacy__`, …). */
export function backendById(id: string): BackendProfile | undefined {
  const module = moduleOf(id);
  return BACKEND_PROFILES.find((profile) =>
    profile.ids.some((known) => moduleOf(known) === module),
  );
}

/**
 * The profile of the backend that builds this project, or undefined when no profile knows it.
 * @example findBackend({}) → the setuptools profile (the legacy backend builds such projects)
 */
export function findBackend(doc: Record<string, unknown>): BackendProfile | undefined {
  return backendById(findBackendId(doc).id);
}

/**
 * The profile named `name` (`--backend setuptools`), or undefined.
 * @example backendByName('setuptools')?.ids[0] → 'setuptools.build_meta'
 */
export function backendByName(name: string): BackendProfile | undefined {
  return BACKEND_PROFILES.find((profile) => profile.name === name);
}
