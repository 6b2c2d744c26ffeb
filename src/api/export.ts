/**
 * `manifest export --backend NAME`: the named backend's own file-selection config that
 * reproduces the committed manifest as far as that backend can, and one line for every entry it
 * cannot express. It never claims exactness: the build hook or the wrapper checks the archives.
 *
 * Reads the committed manifest, pyproject.toml, the files a profile may look at (MANIFEST.in,
 * setup.cfg, setup.py) and every file on disk; the profile (src/backends/) does the translation.
 */
import { BACKEND_PROFILES, backendByName } from '../backends/registry.js';
import type { ExportResult } from '../backends/types.js';
import { ManifestError } from '../errors.js';
import type { Manifest } from '../manifest/types.js';
import { walkTree } from '../tree/walk.js';
import { readBackendInput } from './backend.js';
import { expandProject } from './generate.js';
import { loadProject, type ProjectOptions } from './project.js';
import { readCommittedManifest } from './read-manifest.js';

export interface ExportOptions extends ProjectOptions {
  /** A profile name: setuptools, hatchling, flit, poetry or pdm. */
  backend: string;
}

export interface ExportManifestResult extends ExportResult {
  /** The profile's name (as given). */
  backend: string;
  /** Project-relative path of the manifest that was exported. */
  manifestFile: string;
}

/** The names `--backend` takes, in the registry's order. */
export const EXPORT_BACKENDS: readonly string[] = BACKEND_PROFILES.map((p) => p.name);

/**
 * The backend config reproducing the project's committed manifest.
 * @throws ManifestError USAGE for a backend no profile knows (hint: the names), MANIFEST_NOT_FOUND,
 *   the manifest's parse errors, the config's errors
 * @example exportManifest({ root, backend: 'flit' }).text → '[tool.flit.sdist]\ninclude = [...]\n'
 */
export function exportManifest(options: ExportOptions): ExportManifestResult {
  const profile = backendByName(options.backend);
  if (profile === undefined) {
    throw new ManifestError('USAGE', 'unknown backend', {
      received: options.backend,
      hint: `use one of ${EXPORT_BACKENDS.join(', ')}`,
    });
  }
  const project = loadProject(options);
  const { manifest } = readCommittedManifest(project);
  // Every file on disk, ignore files not applied: the backends do not honour them as git does
  // (flit_core and poetry-core without git read none, hatchling only the root .gitignore), so a
  // file that only a nested .gitignore hides must be excluded by the exported config.
  const files = walkTree(project.root, { ignoreFiles: false }).files.map((f) => f.path);
  const input = readBackendInput(project.root, project.pyprojectText, files);
  let result = profile.exportConfig(manifest, input);
  const own = result.file;
  // A file of its own (setuptools' MANIFEST.in) may be on disk and unlisted only because the
  // shell made it empty for `manifest export … > MANIFEST.in` after the last `manifest update`:
  // when the rules select it, the next update lists it, so the export must not leave it out.
  if (own !== 'pyproject.toml' && files.includes(own) && !listsSource(manifest, own)) {
    const expanded = expandProject(options).manifest;
    const entry = expanded.sdist.find((e) => e.kind === 'mod' && e.src === own);
    if (entry !== undefined)
      result = profile.exportConfig({ ...manifest, sdist: [...manifest.sdist, entry] }, input);
  }
  return { backend: profile.name, manifestFile: project.manifestFile, ...result };
}

function listsSource(manifest: Manifest, path: string): boolean {
  return manifest.sdist.some((e) => (e.kind === 'mod' || e.kind === 'alt') && e.src === path);
}
