/**
 * Loading a project: its root, its pyproject.toml and rules, and where its manifest lives.
 *
 * Every api function starts here. The library never falls back to the process's working
 * directory: callers pass `root` explicitly (the CLI resolves it).
 */
import { statSync } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { ManifestError } from '../errors.js';
import { parseRulesConfig, type RulesConfig } from '../rules/config.js';
import { DEFAULT_MANIFEST_FILE, readTextFile } from '../tree/project.js';

/** Options every api function takes. */
export interface ProjectOptions {
  /** The project directory: the one holding pyproject.toml. Required; never defaulted to cwd. */
  root: string;
  /**
   * The manifest file, relative to `root` (or absolute, but inside `root`).
   * @default 'pyproject-manifest.txt'
   */
  manifestFile?: string;
}

export interface LoadedProject {
  /** Absolute project directory. */
  root: string;
  config: RulesConfig;
  /** Project-relative, `/`-separated path of the manifest file. */
  manifestFile: string;
  /** Absolute path of the manifest file. */
  manifestPath: string;
  /** The text of pyproject.toml, for locating keys in messages. */
  pyprojectText: string;
}

/** The absolute root and the manifest file (project-relative and absolute) of `options`. */
export function loadProjectPaths(
  options: ProjectOptions,
): Pick<LoadedProject, 'root' | 'manifestFile' | 'manifestPath'> {
  const root = resolve(options.root);
  const requested = options.manifestFile ?? DEFAULT_MANIFEST_FILE;
  const manifestPath = isAbsolute(requested) ? requested : join(root, requested);
  const rel = relative(root, manifestPath);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) {
    throw new ManifestError('USAGE', `the manifest file must be inside the project ${root}`, {
      received: requested,
      hint: 'pass a path inside the project directory',
    });
  }
  return { root, manifestFile: rel.split(sep).join('/'), manifestPath };
}

/**
 * Throw PROJECT_NOT_FOUND, naming `root`, unless it is a directory (a file given as `--root` would
 * otherwise surface as ENOTDIR on pyproject.toml).
 */
export function assertProjectDirectory(root: string): void {
  let isDir: boolean;
  try {
    isDir = statSync(root).isDirectory();
  } catch {
    throw new ManifestError('PROJECT_NOT_FOUND', 'does not exist', {
      file: root,
      hint: 'pass --root DIR naming the project directory',
    });
  }
  if (!isDir) {
    throw new ManifestError('PROJECT_NOT_FOUND', 'is not a directory', {
      file: root,
      hint: 'pass --root DIR naming the directory that holds pyproject.toml',
    });
  }
}

/** Read and validate pyproject.toml of `options.root`. */
export function loadProject(options: ProjectOptions): LoadedProject {
  const { root } = loadProjectPaths(options);
  assertProjectDirectory(root);
  const text = readTextFile(
    join(root, 'pyproject.toml'),
    'pyproject.toml',
    'PROJECT_NOT_FOUND',
    'run inside a Python project, or pass --root DIR',
  );
  return loadProjectText(options, text);
}

/**
 * The project of `options` as `loadProject` reads it, but with pyproject.toml's text given (init
 * expands a table before it writes it).
 */
export function loadProjectText(options: ProjectOptions, text: string): LoadedProject {
  const { root, manifestFile, manifestPath } = loadProjectPaths(options);
  const pyprojectText = text.replace(/^\uFEFF/, '');
  const config = parseRulesConfig(pyprojectText, 'pyproject.toml');
  return { root, config, manifestFile, manifestPath, pyprojectText };
}
