/**
 * Rule expansion: (RulesConfig, what the walker saw) → Manifest, every entry carrying the rule
 * that decided it.
 *
 * Pure: the api layer walks the tree and stats explicitly named paths; this module only decides.
 * The precedence is MANIFEST-FORMAT.md §7, repeated here because the code is built in its order.
 * For each target:
 *
 *   1. Built-in exclusions (VCS directories, nested repositories, `__pycache__/`, `*.py[cod]`) are
 *      applied by the walker; nothing below re-admits them.
 *   2. Scope: the sdist takes the whole project; the wheel takes its packages below packages-dir
 *      (`packages`, or detected from `[project].name`).
 *   3. `artifacts` select a file in scope even though an ignore file ignores it, and whatever
 *      `include` and `exclude` say (as hatchling's artifacts do).
 *   4. Ignore files (`ignore-file`) drop what they ignore, with git's rules.
 *   5. `include`, when the target's list is not empty, keeps only the files it matches.
 *   6. `exclude` drops the files it matches.
 *   7. Always in, whatever 3–6 say: for the sdist `pyproject.toml`, the manifest file, the
 *      `[project]` readme and license files; for the wheel, each `map` pair.
 *   8. `generated`: each pattern is a `gen:` line, and a selected file whose DEST it matches is
 *      covered by it (no `mod:` line: the build writes that file). The sdist always has
 *      `gen: PKG-INFO`.
 *   9. `dir:` lines for every ancestor directory of the DESTs.
 *
 * Two sources for one DEST are an error (DEST_CONFLICT), never a silent choice.
 */
import { ManifestError, throwCollected } from '../errors.js';
import { compileGenGlob, isGlob } from '../manifest/glob.js';
import { comparePaths } from '../manifest/order.js';
import type {
  GenEntry,
  Manifest,
  ManifestEntry,
  ModEntry,
  RuleRef,
  Target,
  TreeFile,
  TreeListing,
} from '../manifest/types.js';
import type { PatternSource, RulesConfig, TargetRules } from './config.js';
import { detectPackages } from './detect.js';
import { compileGlobList, compilePatternList } from './patterns.js';

/** What the api layer gathered for one target. */
export interface TargetInputs {
  /** The walk with this target's ignore files. */
  listing: TreeListing;
  /**
   * Files the ignore files ignored that `artifacts` may re-admit: ignored files from the walk, plus
   * files below ignored directories along anchored artifact paths.
   */
  artifactCandidates: readonly TreeFile[];
}

export interface ExpandInputs {
  sdist: TargetInputs;
  wheel: TargetInputs;
  /** Kind of every path the config names explicitly (readme, license files, map sources). */
  explicit: ReadonlyMap<string, 'file' | 'symlink' | 'dir' | 'missing'>;
  /** Project-relative path of the manifest file, which the sdist always ships. */
  manifestFile: string;
}

/** The wheel scope that expansion settled on, for `explain` and messages. */
export interface WheelScope {
  packagesDir: string;
  packages: { path: string; rule: RuleRef }[];
}

export interface ExpandResult {
  manifest: Manifest;
  wheelScope: WheelScope;
}

const PYPROJECT = 'pyproject.toml';

function configRule(source: PatternSource, file: string): RuleRef {
  return {
    kind: 'config',
    source: file,
    key: source.key,
    pattern: source.pattern,
    ...(source.line !== undefined ? { line: source.line } : {}),
  };
}

/** The explicit paths expansion will ask about: the api stats them before calling expandRules. */
export function listExplicitPaths(config: RulesConfig): string[] {
  const out: string[] = [];
  if (config.project.readme) out.push(config.project.readme.path);
  for (const license of config.project.licenseFiles) if (!license.glob) out.push(license.pattern);
  for (const pair of config.wheel.map) out.push(pair.src);
  return out;
}

/** Resolve the wheel's packages-dir and packages, detecting them from `[project].name` when unset. */
export function resolveWheelScope(config: RulesConfig, files: ReadonlySet<string>): WheelScope {
  const wheel = config.wheel;
  const explicitDir = wheel.packagesDir?.pattern;
  if (wheel.packages !== undefined) {
    const packagesDir = explicitDir ?? '';
    return {
      packagesDir,
      packages: wheel.packages.map((p) => ({ path: p.pattern, rule: configRule(p, config.file) })),
    };
  }
  const name = config.project.name;
  if (name === undefined) {
    throw new ManifestError(
      'CONFIG_PACKAGE_NOT_FOUND',
      'cannot detect the wheel package: [project] has no name',
      {
        file: config.file,
        hint: 'set project.name, or list the packages in tool.manifest.wheel.packages',
      },
    );
  }
  const found = detectPackages(name, files, explicitDir);
  if (found === undefined) {
    const where =
      explicitDir !== undefined
        ? `in ${explicitDir === '' ? 'the project root' : `${explicitDir}/`}`
        : 'in the project root or src/';
    throw new ManifestError(
      'CONFIG_PACKAGE_NOT_FOUND',
      `no package or module for project "${name}" ${where}`,
      {
        file: config.file,
        keyPath: 'project.name',
        hint: 'set tool.manifest.wheel.packages (e.g. packages = ["mypkg"]) and tool.manifest.packages-dir',
      },
    );
  }
  const rule: RuleRef = {
    kind: 'package-detection',
    source: config.file,
    key: 'project.name',
    pattern: found.evidence,
  };
  return {
    packagesDir: found.packagesDir,
    packages: found.packages.map((path) => ({ path, rule })),
  };
}

interface Selected {
  src: string;
  dest: string;
  rule: RuleRef;
}

/** Steps 3–6 for the candidates of one target. */
function selectByRules(
  rules: TargetRules,
  file: string,
  inScope: (path: string) => string | undefined,
  inputs: TargetInputs,
  scopeRule: (path: string) => RuleRef,
): Selected[] {
  const include = compilePatternList(rules.include);
  const exclude = compilePatternList(rules.exclude);
  const artifacts = compilePatternList(rules.artifacts);
  const out: Selected[] = [];
  for (const tree of inputs.listing.files) {
    const dest = inScope(tree.path);
    if (dest === undefined) continue;
    let rule = scopeRule(tree.path);
    if (!include.empty) {
      const hit = include.test(tree.path);
      if (!hit.matched) continue;
      if (hit.source) rule = configRule(hit.source, file);
    }
    if (!exclude.empty && exclude.test(tree.path).matched) continue;
    out.push({ src: tree.path, dest, rule });
  }
  if (!artifacts.empty) {
    for (const tree of inputs.artifactCandidates) {
      const dest = inScope(tree.path);
      if (dest === undefined) continue;
      const hit = artifacts.test(tree.path);
      if (hit.matched && hit.source)
        out.push({ src: tree.path, dest, rule: configRule(hit.source, file) });
    }
  }
  return out;
}

/** Steps 8–9: fold in `generated`, add dir lines, check for conflicts, sort. */
function finishSection(
  target: Target,
  selected: Selected[],
  generated: readonly PatternSource[],
  builtinGen: readonly GenEntry[],
  file: string,
  errors: ManifestError[],
): ManifestEntry[] {
  const genEntries: GenEntry[] = [...builtinGen];
  for (const source of generated) {
    genEntries.push({ kind: 'gen', dest: source.pattern, rule: configRule(source, file) });
  }
  const genMatchers = genEntries.map((g) =>
    isGlob(g.dest) ? compileGenGlob(g.dest) : (p: string) => p === g.dest,
  );
  const byDest = new Map<string, ManifestEntry>();
  for (const gen of genEntries) byDest.set(gen.dest, gen);
  for (const item of selected) {
    if (genMatchers.some((match) => match(item.dest))) continue;
    const existing = byDest.get(item.dest);
    if (existing !== undefined) {
      if (existing.kind === 'mod' && existing.src === item.src) continue;
      const other = existing.kind === 'mod' ? existing.src : `${existing.kind}: ${existing.dest}`;
      errors.push(
        new ManifestError(
          'DEST_CONFLICT',
          `[${target}] both ${other} and ${item.src} would be written to ${item.dest}`,
          {
            file,
            ...(item.rule.key !== undefined ? { keyPath: item.rule.key } : {}),
            ...(item.rule.line !== undefined ? { line: item.rule.line } : {}),
            hint: 'exclude one of them, or map it to another destination',
          },
        ),
      );
      continue;
    }
    const entry: ModEntry = { kind: 'mod', src: item.src, dest: item.dest, rule: item.rule };
    byDest.set(item.dest, entry);
  }
  const dirs = new Set<string>();
  for (const entry of byDest.values()) {
    const dest = entry.dest;
    // A gen glob's directories are its literal leading segments (MANIFEST-FORMAT.md §4).
    const segments = dest.split('/');
    const limit =
      entry.kind === 'gen' && isGlob(dest) ? firstGlobSegment(segments) : segments.length - 1;
    for (let i = 1; i <= limit && i < segments.length; i++)
      dirs.add(segments.slice(0, i).join('/'));
  }
  for (const dir of dirs) {
    const existing = byDest.get(dir);
    if (existing !== undefined) {
      errors.push(
        new ManifestError(
          'DEST_CONFLICT',
          `[${target}] ${dir} would be both a file and a directory`,
          {
            file,
            hint: 'rename the file or the directory, or exclude one of them',
          },
        ),
      );
      continue;
    }
    byDest.set(dir, { kind: 'dir', dest: dir });
  }
  return [...byDest.values()].sort((a, b) => comparePaths(a.dest, b.dest));
}

function firstGlobSegment(segments: readonly string[]): number {
  const index = segments.findIndex((s) => isGlob(s));
  return index === -1 ? segments.length - 1 : index;
}

/**
 * Expand the rules against what the walker saw.
 * @throws ManifestError / ManifestErrors for problems only expansion can see (a missing readme, a
 *   map source that does not exist, two sources for one DEST, no wheel package found)
 */
export function expandRules(config: RulesConfig, inputs: ExpandInputs): ExpandResult {
  const file = config.file;
  const errors: ManifestError[] = [];

  // sdist: scope is the whole project; DEST equals SRC.
  const defaultSdistRule: RuleRef = {
    kind: 'default',
    source: file,
    pattern: 'the project tree, less ignored files',
  };
  const sdistSelected = selectByRules(
    config.sdist,
    file,
    (p) => p,
    inputs.sdist,
    () => defaultSdistRule,
  );
  const forced: Selected[] = [
    {
      src: PYPROJECT,
      dest: PYPROJECT,
      rule: { kind: 'default', source: file, pattern: PYPROJECT },
    },
    {
      src: inputs.manifestFile,
      dest: inputs.manifestFile,
      rule: { kind: 'default', source: file, pattern: inputs.manifestFile },
    },
  ];
  const project = config.project;
  if (project.readme) {
    const kind = inputs.explicit.get(project.readme.path);
    if (kind === 'file' || kind === 'symlink') {
      forced.push({
        src: project.readme.path,
        dest: project.readme.path,
        rule: {
          kind: 'project',
          source: file,
          key: project.readme.key,
          pattern: project.readme.path,
        },
      });
    } else {
      errors.push(
        new ManifestError(
          'CONFIG_MISSING_FILE',
          `the readme ${project.readme.path} does not exist`,
          {
            file,
            keyPath: project.readme.key,
            hint: 'create the file or fix the path in [project]',
          },
        ),
      );
    }
  }
  const allSdistFiles = inputs.sdist.listing.files.map((f) => f.path);
  for (const license of project.licenseFiles) {
    if (license.glob) {
      const matcher = compileGlobList([{ pattern: license.pattern, key: license.key }]);
      const hits = allSdistFiles.filter((p) => matcher.test(p).matched);
      if (hits.length === 0) {
        // PEP 639: a license-files glob that matches nothing is an error.
        errors.push(
          new ManifestError(
            'CONFIG_MISSING_FILE',
            `license-files pattern ${license.pattern} matches no file`,
            {
              file,
              keyPath: license.key,
              hint: 'fix the pattern or add the license file',
            },
          ),
        );
      }
      for (const hit of hits) {
        forced.push({
          src: hit,
          dest: hit,
          rule: { kind: 'project', source: file, key: license.key, pattern: license.pattern },
        });
      }
    } else {
      const kind = inputs.explicit.get(license.pattern);
      if (kind === 'file' || kind === 'symlink') {
        forced.push({
          src: license.pattern,
          dest: license.pattern,
          rule: { kind: 'project', source: file, key: license.key, pattern: license.pattern },
        });
      } else {
        errors.push(
          new ManifestError(
            'CONFIG_MISSING_FILE',
            `the license file ${license.pattern} does not exist`,
            {
              file,
              keyPath: license.key,
              hint: 'create the file or fix the path in [project]',
            },
          ),
        );
      }
    }
  }
  const sdistSeen = new Set(sdistSelected.map((s) => s.src));
  for (const item of forced)
    if (!sdistSeen.has(item.src)) (sdistSelected.push(item), sdistSeen.add(item.src));

  // wheel: scope is the packages below packages-dir; DEST drops the packages-dir prefix.
  const wheelFiles = new Set(inputs.wheel.listing.files.map((f) => f.path));
  let wheelScope: WheelScope = { packagesDir: '', packages: [] };
  let wheelSelected: Selected[] = [];
  try {
    wheelScope = resolveWheelScope(config, wheelFiles);
    const prefix = wheelScope.packagesDir === '' ? '' : `${wheelScope.packagesDir}/`;
    const roots = wheelScope.packages.map((p) => ({ path: `${prefix}${p.path}`, rule: p.rule }));
    const ruleFor = new Map<string, RuleRef>();
    const inScope = (path: string): string | undefined => {
      for (const root of roots) {
        if (path === root.path || path.startsWith(`${root.path}/`)) {
          ruleFor.set(path, root.rule);
          return path.slice(prefix.length);
        }
      }
      return undefined;
    };
    wheelSelected = selectByRules(
      config.wheel,
      file,
      inScope,
      inputs.wheel,
      (p) => ruleFor.get(p) as RuleRef,
    );
    for (const pair of config.wheel.map) {
      const kind = inputs.explicit.get(pair.src);
      if (kind !== 'file' && kind !== 'symlink') {
        errors.push(
          new ManifestError(
            'CONFIG_MISSING_FILE',
            `map source ${pair.src} ${kind === 'dir' ? 'is a directory, not a file' : 'does not exist'}`,
            {
              file,
              keyPath: pair.key,
              ...(pair.line !== undefined ? { line: pair.line } : {}),
              hint: 'map files one by one, each to its DEST',
            },
          ),
        );
        continue;
      }
      wheelSelected.push({
        src: pair.src,
        dest: pair.dest,
        rule: {
          kind: 'config',
          source: file,
          key: pair.key,
          pattern: `${pair.src} -> ${pair.dest}`,
          ...(pair.line !== undefined ? { line: pair.line } : {}),
        },
      });
    }
  } catch (error) {
    if (error instanceof ManifestError) errors.push(error);
    else throw error;
  }

  const pkgInfo: GenEntry = {
    kind: 'gen',
    dest: 'PKG-INFO',
    rule: { kind: 'default', source: file, pattern: 'PKG-INFO' },
  };
  const sdist = finishSection(
    'sdist',
    sdistSelected,
    config.sdist.generated,
    [pkgInfo],
    file,
    errors,
  );
  const wheel = finishSection('wheel', wheelSelected, config.wheel.generated, [], file, errors);
  throwCollected(errors);
  return { manifest: { version: 1, sdist, wheel }, wheelScope };
}
