/**
 * explain: for each path, whether it ships in the sdist and the wheel, at which DEST, and the
 * rule that decided it. Reads, never writes.
 *
 * Owns: gathering the facts rules/explain.ts decides on: what the walker would decide for the path
 * and its ancestors (tree/walk.ts `probePath`, which reads the ignore files along the way and
 * works for paths that do not exist yet), whether expansion would offer it to `artifacts`, the
 * wheel scope (which needs the listing for package detection), and, for a directory that no rule
 * excludes as a whole, how many files below it ship (from a full expansion).
 */
import { ManifestError } from '../errors.js';
import type { Target } from '../manifest/types.js';
import type { RulesConfig, TargetRules } from '../rules/config.js';
import {
  explainPath,
  type PathExplanation,
  type PathKind,
  type TargetFacts,
} from '../rules/explain.js';
import {
  listArtifactRoots,
  listExplicitPaths,
  resolveWheelScope,
  type WheelScope,
} from '../rules/expand.js';
import { statPaths } from '../tree/stat.js';
import { probePath, walkTree } from '../tree/walk.js';
import { createBackendRules, readBackendInput } from './backend.js';
import {
  generateManifest,
  isManifestTemp,
  WRITER_TEMP_RULE,
  type GenerateResult,
} from './generate.js';
import { loadProject, type LoadedProject, type ProjectOptions } from './project.js';

export interface ExplainOptions extends ProjectOptions {
  /**
   * Project-relative paths, `/`-separated. A trailing `/` asks about a directory that does not
   * exist yet; `.` or `''` is the project root.
   * @example ['src/pkg/core.py', 'build/']
   */
  paths: readonly string[];
}

export interface ExplainResult {
  project: LoadedProject;
  explanations: PathExplanation[];
}

/** `raw` as a normalized project-relative path, and whether it was written as a directory. */
function normalizeInput(raw: string): { path: string; dirHint: boolean } {
  const dirHint = raw.endsWith('/');
  if (raw.includes('\\') || raw.startsWith('/') || /^[A-Za-z]:/.test(raw)) {
    throw new ManifestError('USAGE', 'explain takes paths inside the project, `/`-separated', {
      received: raw,
      hint: 'write the path relative to the project root',
    });
  }
  const segments = raw.split('/').filter((s) => s !== '' && s !== '.');
  if (segments.includes('..')) {
    throw new ManifestError('USAGE', 'the path leaves the project', {
      received: raw,
      hint: 'write the path relative to the project root',
    });
  }
  return { path: segments.join('/'), dirHint };
}

function gatherFacts(
  project: LoadedProject,
  rules: TargetRules,
  path: string,
  isDir: boolean,
): TargetFacts {
  const { root } = project;
  const walk =
    !isDir && isManifestTemp(path, project.manifestFile)
      ? { ignored: true, rule: WRITER_TEMP_RULE }
      : probePath(root, path, { ignoreFiles: rules.ignoreFiles, isDir });
  let artifactCandidate = false;
  if (walk.ignored && walk.rule?.kind === 'ignore-file' && !isDir && rules.artifacts.length > 0) {
    if (walk.hiddenBy === undefined) {
      artifactCandidate = true;
    } else {
      // As generate does: below an ignored directory, only along an anchored artifact path, walked
      // again without ignore files (the built-in exclusions still apply).
      const roots = listArtifactRoots(rules.artifacts, [walk.hiddenBy]);
      const under = roots.some((r) => r === '' || path === r || path.startsWith(`${r}/`));
      artifactCandidate = under && !probePath(root, path, { ignoreFiles: false }).ignored;
    }
  }
  return { walk, artifactCandidate };
}

function findWheelScope(root: string, config: RulesConfig): WheelScope | { error: string } {
  try {
    const files =
      config.wheel.packages !== undefined
        ? new Set<string>()
        : new Set(
            walkTree(root, { ignoreFiles: config.wheel.ignoreFiles }).files.map((f) => f.path),
          );
    return resolveWheelScope(config, files);
  } catch (error) {
    if (error instanceof ManifestError) return { error: error.message };
    throw error;
  }
}

/**
 * Explain each path: for the sdist and the wheel, whether it ships, at which DEST, and the rule
 * that decided (an ignore file line, a `tool.manifest` key, a default, or package detection),
 * including when an excluded ancestor directory hides it. Paths need not exist.
 * @throws ManifestError USAGE for a path outside the project; config errors as `generate` does
 * @example explainPaths({ root, paths: ['build/x.o'] }).explanations[0].sdist.hiddenBy → 'build'
 */
export function explainPaths(options: ExplainOptions): ExplainResult {
  const project = loadProject(options);
  const { root, config } = project;
  const explicit = statPaths(root, listExplicitPaths(config));
  const wheelScope = findWheelScope(root, config);
  const listing = walkTree(root, { ignoreFiles: config.sdist.ignoreFiles }).files.map(
    (f) => f.path,
  );
  const backend = createBackendRules(readBackendInput(root, project.pyprojectText, listing));
  let expanded: GenerateResult | undefined;
  const explanations = options.paths.map((raw): PathExplanation => {
    const { path, dirHint } = normalizeInput(raw);
    const kind: PathKind = path === '' ? 'dir' : (statPaths(root, [path]).get(path) ?? 'missing');
    const isDir = kind === 'dir' || (kind === 'missing' && dirHint);
    const sdist = gatherFacts(project, config.sdist, path, isDir);
    const wheel = gatherFacts(project, config.wheel, path, isDir);
    const explanation = explainPath(config, {
      path,
      kind,
      sdist,
      wheel,
      wheelScope,
      explicit,
      ...(backend !== undefined ? { backend } : {}),
    });
    if (!isDir) return explanation;
    // A directory: excluded as a whole (the explanation above says by what), or decided file by
    // file, which only a full expansion can count.
    const facts = { sdist, wheel };
    for (const target of ['sdist', 'wheel'] as const satisfies readonly Target[]) {
      if (facts[target].walk.ignored) continue;
      if (target === 'wheel' && 'error' in wheelScope) continue;
      expanded ??= generateManifest(options);
      const below = new Set<string>();
      for (const e of expanded.manifest[target]) {
        if ('src' in e && (path === '' || e.src === path || e.src.startsWith(`${path}/`)))
          below.add(e.src);
      }
      const files = below.size;
      explanation[target] = {
        target,
        ships: files > 0,
        dests: [],
        step: 'directory',
        rule: { kind: 'default', source: config.file, pattern: 'each file below it decides' },
        files,
      };
    }
    return explanation;
  });
  return { project, explanations };
}
