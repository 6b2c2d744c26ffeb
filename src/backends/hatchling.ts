/**
 * The hatchling profile (hatchling 1.12, Debian 12's, and the keys later versions added):
 * `hatchling.build`.
 *
 * hatchling's selection, from `builders/config.py`, `builders/plugin/interface.py`, `sdist.py` and
 * `wheel.py`:
 * - Each key is read from `[tool.hatch.build.targets.<target>]`, else from `[tool.hatch.build]`:
 *   a target's value replaces the shared one (it does not extend it, unlike `[tool.manifest]`).
 * - A file ships when it is an artifact (`artifacts`, or one a build hook names), or when it is not
 *   excluded (`exclude`, the defaults `*.py[cdo]` and `/dist`, and the patterns of ONE .gitignore,
 *   the nearest from the root up, unless `ignore-vcs`) and it is included (`include` plus
 *   `/<package>/` for each of `packages`; no include means everything). Directories named
 *   `__pycache__`, `__pypackages__`, `.git`, `.hg`, `.hatch`, `.tox` or `.nox` are never entered.
 * - `only-include` (or else `packages`) replaces the walk: only those paths are walked, `include`
 *   is not consulted, excludes still apply. `sources` (or the parents of `packages`) rewrite the
 *   front of each path in the archive (`src/foo/a.py` → `foo/a.py`). `force-include` maps a file or
 *   directory to a path whatever else says.
 * - The wheel's defaults, when none of include/packages/only-include is set anywhere: the package
 *   `<name>/`, else `src/<name>/`, else the module `<name>.py`, else the top directory of the one `<dir>/<name>/__init__.py`,
 *   else every `*.py` less `test*`.
 * - The sdist forces in pyproject.toml, hatch.toml, hatch_build.py, the .gitignore it read, the
 *   readme and the license files (`project.license-files`, by default `LICEN[CS]E*`, `COPYING*`,
 *   `NOTICE*`, `AUTHORS*` at the root), and with `support-legacy` writes a setup.py.
 * - Build hooks write files: hatch-vcs's `[tool.hatch.build.hooks.vcs] version-file` and the
 *   built-in `[tool.hatch.build.hooks.version] path` are written into the tree and shipped in both
 *   targets. `shared-data` lands below `{data}/data/`; `shared-scripts` (hatchling 1.14+) below
 *   `{data}/scripts/` with its shebang rewritten.
 *
 * Must not: do I/O (profiles are pure).
 */
import { pathSet } from '../manifest/order.js';
import type { Manifest, Target } from '../manifest/types.js';
import {
  existsInListing,
  isTable,
  literalPattern,
  lookup,
  RulesTable,
  stringList,
  stringValue,
  type Section,
  type Table,
} from './table.js';
import {
  emptyOutputs,
  type BackendInput,
  type BackendProfile,
  type BuildOutputs,
  type ExportResult,
  type KnownOutput,
} from './types.js';
import { candidateNames } from '../rules/detect.js';
import { compilePatternList } from '../rules/patterns.js';
import {
  checkForced,
  compressWithExceptions,
  entryLine,
  prefixPair,
  tomlArray,
  tomlInlineTable,
} from './export.js';

const EXCLUDED_DIRECTORIES = [
  '__pycache__',
  '__pypackages__',
  '.git',
  '.hg',
  '.hatch',
  '.tox',
  '.nox',
];
const DEFAULT_LICENSE_GLOBS = ['LICEN[CS]E*', 'COPYING*', 'NOTICE*', 'AUTHORS*'];

/** One target's view of the hatch config: its own table first, then `[tool.hatch.build]`. */
class TargetConfig {
  constructor(
    readonly target: Target,
    private readonly build: Table,
    private readonly own: Table,
  ) {}

  /** The value of `key` and the key path it came from, or undefined. */
  get(key: string): { value: unknown; from: string } | undefined {
    if (key in this.own)
      return { value: this.own[key], from: `tool.hatch.build.targets.${this.target}.${key}` };
    if (key in this.build) return { value: this.build[key], from: `tool.hatch.build.${key}` };
    return undefined;
  }

  list(key: string): { value: string[]; from: string } | undefined {
    const found = this.get(key);
    const value = stringList(found?.value);
    return found !== undefined && value !== undefined ? { value, from: found.from } : undefined;
  }

  /** The hooks of this target: shared ones, then the target's own by name. */
  hooks(): Map<string, { config: Table; from: string }> {
    const out = new Map<string, { config: Table; from: string }>();
    const shared = lookup(this.build, 'hooks');
    if (isTable(shared))
      for (const [name, config] of Object.entries(shared))
        if (isTable(config)) out.set(name, { config, from: `tool.hatch.build.hooks.${name}` });
    const own = lookup(this.own, 'hooks');
    if (isTable(own))
      for (const [name, config] of Object.entries(own))
        if (isTable(config))
          out.set(name, { config, from: `tool.hatch.build.targets.${this.target}.hooks.${name}` });
    return out;
  }
}

function targetConfigs(doc: Record<string, unknown>): Record<Target, TargetConfig> {
  const build = lookup(doc, 'tool', 'hatch', 'build');
  const buildTable = isTable(build) ? build : {};
  const own = (target: Target): Table => {
    const table = lookup(buildTable, 'targets', target);
    return isTable(table) ? table : {};
  };
  return {
    sdist: new TargetConfig('sdist', buildTable, own('sdist')),
    wheel: new TargetConfig('wheel', buildTable, own('wheel')),
  };
}

/** os.path.normpath(p).strip('/'), for the relative paths hatchling normalizes. */
function normalizePath(path: string): string {
  const parts: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return parts.join('/');
}

/** hatchling's `sources`: prefix (with `/`) → replacement (with `/`, or ''). */
function readSources(config: TargetConfig, packages: readonly string[]): Map<string, string> {
  const sources = new Map<string, string>();
  const raw = config.get('sources')?.value;
  if (Array.isArray(raw)) {
    for (const source of raw)
      if (typeof source === 'string') sources.set(`${normalizePath(source)}/`, '');
  } else if (isTable(raw)) {
    for (const [source, path] of Object.entries(raw)) {
      if (typeof path !== 'string') continue;
      const normalized = normalizePath(path);
      sources.set(`${normalizePath(source)}/`, normalized === '' ? '' : `${normalized}/`);
    }
  }
  for (const pkg of packages) {
    const slash = pkg.lastIndexOf('/');
    if (slash > 0 && !sources.has(`${pkg}/`)) sources.set(`${pkg.slice(0, slash)}/`, '');
  }
  return new Map([...sources].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** The archive path of a project path, as hatchling's get_distribution_path: the first source wins. */
function distributionPath(path: string, sources: ReadonlyMap<string, string>): string {
  for (const [source, replacement] of sources)
    if (path.startsWith(source)) return replacement + path.slice(source.length);
  return path;
}

/** hatchling's wheel file-name normalization of a project name. */
function normalizeName(name: string): string {
  return name.replace(/[^\w\d.]+/g, '_');
}

/** What the wheel walks: `only-include`, else `packages` (explicit or default), else the tree. */
interface WheelSelection {
  packages: string[];
  onlyInclude: string[];
  include: string[];
  exclude: string[];
  /** Where the selection came from, for messages. */
  from: string;
  /** The defaults decided it (none of include/packages/only-include set). */
  defaulted: boolean;
}

function wheelSelection(
  doc: Record<string, unknown>,
  config: TargetConfig,
  files: ReadonlySet<string>,
): WheelSelection {
  const include = config.list('include');
  const packages = config.list('packages');
  const onlyInclude = config.list('only-include');
  const defined =
    (include?.value.length ?? 0) > 0 ||
    (packages?.value.length ?? 0) > 0 ||
    (onlyInclude?.value.length ?? 0) > 0;
  if (defined) {
    return {
      packages: (packages?.value ?? []).map(normalizePath),
      onlyInclude: (onlyInclude?.value ?? []).map(normalizePath),
      include: include?.value ?? [],
      exclude: config.list('exclude')?.value ?? [],
      from: onlyInclude?.from ?? packages?.from ?? include!.from,
      defaulted: false,
    };
  }
  const name = stringValue(lookup(doc, 'project', 'name')) ?? '';
  const names = [...new Set([normalizeName(name), ...candidateNames(name).map(normalizeName)])];
  const base = { include: [], exclude: config.list('exclude')?.value ?? [], defaulted: true };
  for (const candidate of names) {
    if (files.has(`${candidate}/__init__.py`))
      return { ...base, packages: [candidate], onlyInclude: [], from: `${candidate}/__init__.py` };
    if (files.has(`src/${candidate}/__init__.py`))
      return {
        ...base,
        packages: [`src/${candidate}`],
        onlyInclude: [],
        from: `src/${candidate}/__init__.py`,
      };
    if (files.has(`${candidate}.py`))
      return { ...base, packages: [], onlyInclude: [`${candidate}.py`], from: `${candidate}.py` };
    const namespaces = [...files].filter((f) => {
      const parts = f.split('/');
      return parts.length === 3 && parts[1] === candidate && parts[2] === '__init__.py';
    });
    if (namespaces.length === 1) {
      const top = namespaces[0]!.split('/')[0]!;
      return { ...base, packages: [top], onlyInclude: [], from: namespaces[0]! };
    }
  }
  return {
    packages: [],
    onlyInclude: [],
    include: ['*.py'],
    exclude: [...base.exclude, 'test*'],
    from: "hatchling's fallback (every *.py less test*)",
    defaulted: true,
  };
}

/** The wheel's sources, with the default packages' parents. */
function wheelSources(
  doc: Record<string, unknown>,
  config: TargetConfig,
  files: ReadonlySet<string>,
): Map<string, string> {
  return readSources(config, wheelSelection(doc, config, files).packages);
}

/** Paths of `[project] readme` and the license files hatchling forces into the sdist. */
function forcedSdist(doc: Record<string, unknown>): KnownOutput[] {
  const out: KnownOutput[] = [];
  for (const file of ['pyproject.toml', 'hatch.toml', 'hatch_build.py'])
    out.push({
      pattern: literalPattern(file),
      reason: `hatchling always ships ${file} in the sdist`,
    });
  out.push({
    pattern: '/.gitignore',
    reason: 'hatchling ships the .gitignore it reads in the sdist',
  });
  const readme = lookup(doc, 'project', 'readme');
  const readmePath = typeof readme === 'string' ? readme : stringValue(lookup(readme, 'file'));
  if (readmePath !== undefined)
    out.push({
      pattern: literalPattern(normalizePath(readmePath)),
      reason: 'hatchling always ships the readme',
      key: 'project.readme',
    });
  const licenseFiles = lookup(doc, 'project', 'license-files');
  const paths = stringList(lookup(licenseFiles, 'paths'));
  const globs = isTable(licenseFiles)
    ? stringList(licenseFiles.globs)
    : Array.isArray(licenseFiles)
      ? stringList(licenseFiles)
      : DEFAULT_LICENSE_GLOBS;
  for (const path of paths ?? [])
    out.push({
      pattern: literalPattern(normalizePath(path)),
      reason: 'hatchling always ships the license files',
      key: 'project.license-files',
    });
  if (paths === undefined)
    for (const glob of globs ?? [])
      out.push({
        pattern: `/${glob.replace(/^\.\//, '')}`,
        reason: 'hatchling always ships the license files',
        key:
          licenseFiles === undefined
            ? "project.license-files (hatchling's default)"
            : 'project.license-files',
      });
  return out;
}

export const hatchlingProfile: BackendProfile = {
  name: 'hatchling',
  ids: ['hatchling.build'],
  excludeSetting: {
    sdist: '[tool.hatch.build.targets.sdist] exclude',
    wheel: '[tool.hatch.build.targets.wheel] exclude',
  },

  outputs(input: BackendInput): BuildOutputs {
    const outputs = emptyOutputs();
    const doc = input.doc;
    const configs = targetConfigs(doc);
    // Asked about a few paths: not a hash of every file of the listing (~20 ms at 100,000 files).
    const files = pathSet(input.files);
    outputs.forced.sdist.push(...forcedSdist(doc));
    if (lookup(doc, 'tool', 'hatch', 'build', 'targets', 'sdist', 'support-legacy') === true)
      outputs.generated.sdist.push({
        pattern: 'setup.py',
        reason: 'hatchling writes a setup.py into the sdist',
        key: 'tool.hatch.build.targets.sdist.support-legacy',
      });
    for (const target of ['sdist', 'wheel'] as const) {
      const config = configs[target];
      const sources =
        target === 'wheel'
          ? wheelSources(doc, config, files)
          : readSources(config, config.list('packages')?.value.map(normalizePath) ?? []);
      for (const [name, { config: hook, from }] of config.hooks()) {
        if (hook['enable-by-default'] === false) continue;
        const key = name === 'vcs' ? 'version-file' : name === 'version' ? 'path' : undefined;
        const file = key !== undefined ? stringValue(hook[key]) : undefined;
        if (file === undefined) continue;
        const path = normalizePath(file);
        outputs.generated[target].push({
          pattern: distributionPath(path, sources),
          reason:
            name === 'vcs'
              ? 'hatch-vcs writes the version file at each build'
              : "hatchling's version build hook writes the version file at each build",
          key: `${from}.${key}`,
        });
      }
    }
    // shared-scripts (hatchling 1.14+): shipped below {data}/scripts/ with the shebang rewritten.
    const scripts = configs.wheel.get('shared-scripts');
    if (scripts !== undefined && isTable(scripts.value)) {
      for (const src of Object.keys(scripts.value)) {
        const path = normalizePath(src);
        const kind = existsInListing(files, path);
        outputs.rewritten.wheel.push({
          pattern: literalPattern(path, kind === 'dir'),
          reason: 'hatchling rewrites the shebang of shared scripts',
          key: scripts.from,
        });
      }
    }
    return outputs;
  },

  translate(input: BackendInput) {
    const table = new RulesTable();
    const doc = input.doc;
    const files = new Set(input.files);
    const configs = targetConfigs(doc);
    const sections: Record<Target, Section> = { sdist: 'sdist', wheel: 'wheel' };

    // Lists that mean the same in both languages, per target; written once when both agree.
    const lists: Record<
      Target,
      { exclude: string[]; artifacts: string[]; excludeFrom?: string; artifactsFrom?: string }
    > = {
      sdist: { exclude: [], artifacts: [] },
      wheel: { exclude: [], artifacts: [] },
    };
    for (const target of ['sdist', 'wheel'] as const) {
      const config = configs[target];
      const exclude = config.list('exclude');
      const artifacts = config.list('artifacts');
      if (exclude !== undefined)
        lists[target] = { ...lists[target], exclude: exclude.value, excludeFrom: exclude.from };
      if (artifacts !== undefined)
        lists[target] = {
          ...lists[target],
          artifacts: artifacts.value,
          artifactsFrom: artifacts.from,
        };
    }
    for (const key of ['exclude', 'artifacts'] as const) {
      const fromKey = key === 'exclude' ? 'excludeFrom' : 'artifactsFrom';
      const [s, w] = [lists.sdist, lists.wheel];
      if (s[key].join('\n') === w[key].join('\n')) {
        if (s[key].length > 0) {
          table.addPatterns('shared', key, s[key], s[fromKey] ?? '');
          table.notes.push(`${key} = ${JSON.stringify(s[key])} (from ${s[fromKey]})`);
        }
      } else {
        for (const target of ['sdist', 'wheel'] as const) {
          if (lists[target][key].length === 0) continue;
          table.addPatterns(
            sections[target],
            key,
            lists[target][key],
            lists[target][fromKey] ?? '',
          );
          table.notes.push(
            `${target}.${key} = ${JSON.stringify(lists[target][key])} (from ${lists[target][fromKey]})`,
          );
        }
      }
    }

    // The ignore files hatchling reads: the root .gitignore only, or none with ignore-vcs.
    const nested = input.files.some((f) => f.endsWith('/.gitignore'));
    const vcs = { sdist: configs.sdist.get('ignore-vcs'), wheel: configs.wheel.get('ignore-vcs') };
    const rootOnly = ['.gitignore'];
    if (
      vcs.sdist?.value === true &&
      vcs.wheel?.value === true &&
      vcs.sdist.from === vcs.wheel.from
    ) {
      table.set('shared', 'ignore-file', false);
      table.notes.push(`ignore-file = false (from ${vcs.sdist.from})`);
    } else if (nested && vcs.sdist?.value !== true && vcs.wheel?.value !== true) {
      table.set('shared', 'ignore-file', rootOnly);
      table.notes.push(
        'ignore-file = [".gitignore"]: hatchling reads only the root .gitignore, so what a nested .gitignore ignores ships',
      );
    } else {
      for (const target of ['sdist', 'wheel'] as const) {
        const setting = vcs[target];
        if (setting?.value === true) {
          table.set(sections[target], 'ignore-file', false);
          table.notes.push(`${target}.ignore-file = false (from ${setting.from})`);
        } else if (nested) table.set(sections[target], 'ignore-file', rootOnly);
      }
    }

    // Directories hatchling never enters, when the tree has them outside the ignore files.
    const skipped = EXCLUDED_DIRECTORIES.filter((dir) =>
      input.files.some((f) => f.startsWith(`${dir}/`) || f.includes(`/${dir}/`)),
    );
    if (skipped.length > 0) {
      table.addPatterns(
        'shared',
        'exclude',
        skipped.map((d) => `${d}/`),
        'hatchling',
      );
      table.notes.push(
        `exclude += ${JSON.stringify(skipped.map((d) => `${d}/`))} (hatchling never enters these directories)`,
      );
    }

    translateSdist(table, configs.sdist, files);
    translateWheel(table, doc, configs.wheel, files, input.files);

    for (const target of ['sdist', 'wheel'] as const) {
      const config = configs[target];
      const onlyPackages = config.get('only-packages');
      if (onlyPackages?.value === true)
        table.untranslated.push(
          `${onlyPackages.from}: files outside directories holding __init__.py are left out; not expressible, check \`manifest ls --target ${target}\``,
        );
      for (const [name, { from }] of config.hooks()) {
        if (name === 'vcs' || name === 'version') continue;
        table.untranslated.push(
          `${from}: a build hook may write or add files: list what it writes in tool.manifest.${target}.generated`,
        );
      }
    }
    return table.finish();
  },

  exportConfig(manifest: Manifest, input: BackendInput): ExportResult {
    return exportHatchling(manifest, input);
  },
};

function translateSdist(table: RulesTable, config: TargetConfig, files: ReadonlySet<string>): void {
  const onlyInclude = config.list('only-include');
  const include = config.list('include');
  const packages = config.list('packages');
  if (onlyInclude !== undefined && onlyInclude.value.length > 0) {
    const paths = onlyInclude.value.map(normalizePath);
    table.addPatterns(
      'sdist',
      'include',
      paths.map((p) => literalPattern(p)),
      onlyInclude.from,
    );
    table.notes.push(
      `sdist.include = ${JSON.stringify(paths.map((p) => literalPattern(p)))} (from ${onlyInclude.from})`,
    );
  } else {
    const patterns = [
      ...(include?.value ?? []),
      ...(packages?.value ?? []).map((p) => `/${normalizePath(p)}/`),
    ];
    if (patterns.length > 0) {
      table.addPatterns('sdist', 'include', patterns, include?.from ?? packages!.from);
      table.notes.push(
        `sdist.include = ${JSON.stringify(patterns)} (from ${include?.from ?? packages!.from})`,
      );
    }
  }
  const sources = readSources(config, (packages?.value ?? []).map(normalizePath));
  const moved = [...sources].filter(([source, replacement]) => source !== replacement);
  if (moved.length > 0) {
    const from = config.get('sources')?.from ?? packages?.from ?? 'tool.hatch.build.sources';
    table.untranslated.push(
      `${from}: rewrites sdist paths (${moved.map(([s, r]) => `${s} -> ${r === '' ? '(root)' : r}`).join(', ')}); an sdist keeps tree paths in the manifest, so check the archive with \`manifest validate\``,
    );
  }
  const force = config.get('force-include');
  if (force !== undefined && isTable(force.value)) {
    for (const [src, dest] of Object.entries(force.value)) {
      if (typeof dest !== 'string') continue;
      const from = normalizePath(src);
      const to = normalizePath(dest);
      const kind = existsInListing(files, from);
      if (from === to && kind !== undefined) {
        table.addPatterns(
          'sdist',
          'artifacts',
          [literalPattern(from, kind === 'dir')],
          `${force.from}`,
        );
        table.notes.push(
          `sdist.artifacts += ${literalPattern(from, kind === 'dir')} (from ${force.from}: shipped whatever else says)`,
        );
      } else {
        table.untranslated.push(
          `${force.from}: ${src} -> ${dest}: an sdist ships tree files at their own path; not expressible`,
        );
      }
    }
  }
}

function translateWheel(
  table: RulesTable,
  doc: Record<string, unknown>,
  config: TargetConfig,
  files: ReadonlySet<string>,
  listing: readonly string[],
): void {
  const selection = wheelSelection(doc, config, files);
  const sources = readSources(config, selection.packages);
  const roots = selection.onlyInclude.length > 0 ? selection.onlyInclude : selection.packages;
  const name = stringValue(lookup(doc, 'project', 'name'));
  if (roots.length > 0) {
    // Each root lands at its distribution path: one packages-dir must strip them all.
    const dirs = new Set<string>();
    const packages: string[] = [];
    const renamed: string[] = [];
    for (const root of roots) {
      const dest = distributionPath(root, sources);
      if (dest === root) {
        dirs.add('');
        packages.push(root);
      } else if (root.endsWith(`/${dest}`)) {
        dirs.add(root.slice(0, root.length - dest.length - 1));
        packages.push(dest);
      } else renamed.push(`${root} -> ${dest}`);
    }
    if (dirs.size === 1 && renamed.length === 0) {
      const dir = [...dirs][0]!;
      table.setWheelPackages(
        name,
        files,
        dir,
        packages,
        selection.defaulted ? `hatchling's default, found ${selection.from}` : selection.from,
      );
    } else {
      table.untranslated.push(
        `${selection.from}: wheel paths from several directories or renamed (${[...roots].join(', ')}${renamed.length > 0 ? `; ${renamed.join(', ')}` : ''}); set tool.manifest.wheel.packages and map what differs`,
      );
    }
  } else if (selection.include.length > 0) {
    // A tree walk narrowed by include patterns: literal paths become packages.
    const literal = selection.include
      .map((p) => ({ pattern: p, path: normalizePath(p) }))
      .filter(
        ({ path }) =>
          path !== '' && !/[*?[\\!]/.test(path) && existsInListing(files, path) !== undefined,
      );
    if (literal.length === selection.include.length) {
      const dirs = new Set<string>();
      const packages: string[] = [];
      for (const { path } of literal) {
        const dest = distributionPath(path, sources);
        if (dest === path) {
          dirs.add('');
          packages.push(path);
        } else if (path.endsWith(`/${dest}`)) {
          dirs.add(path.slice(0, path.length - dest.length - 1));
          packages.push(dest);
        }
      }
      if (dirs.size === 1 && packages.length === literal.length)
        table.setWheelPackages(name, files, [...dirs][0]!, packages, selection.from);
      else
        table.untranslated.push(
          `${selection.from}: wheel paths from several directories; set tool.manifest.wheel.packages`,
        );
    } else {
      // Patterns that select across the tree: the wheel is every top-level entry holding a file
      // they select, filtered by the same patterns (no path is rewritten without sources).
      const list = compilePatternList(
        selection.include.map((pattern, i) => ({ pattern, key: String(i) })),
      );
      const excluded = compilePatternList(
        selection.exclude.map((pattern, i) => ({ pattern, key: String(i) })),
      );
      const tops = new Set<string>();
      for (const file of listing)
        if (list.test(file).matched && !excluded.test(file).matched) tops.add(file.split('/')[0]!);
      if (tops.size > 0 && sources.size === 0) {
        table.set('wheel', 'packages', [...tops].sort());
        table.addPatterns('wheel', 'include', selection.include, selection.from);
        table.notes.push(
          `wheel.packages = ${JSON.stringify([...tops].sort())}, wheel.include = ${JSON.stringify(selection.include)} (from ${selection.from}; a new top-level directory needs adding to packages)`,
        );
      } else {
        table.untranslated.push(
          `${selection.from}: ${JSON.stringify(selection.include)} select files across the tree; set tool.manifest.wheel.packages`,
        );
      }
    }
    if (selection.defaulted) table.addPatterns('wheel', 'exclude', ['test*'], selection.from);
  }
  const force = config.get('force-include');
  if (force !== undefined && isTable(force.value))
    mapPaths(table, force.value, (dest) => distributionPath(dest, sources), force.from, listing);
  const shared = config.get('shared-data');
  if (shared !== undefined && isTable(shared.value))
    mapPaths(table, shared.value, (dest) => `{data}/data/${dest}`, shared.from, listing);
  const scripts = config.get('shared-scripts');
  if (scripts !== undefined && isTable(scripts.value))
    mapPaths(table, scripts.value, (dest) => `{data}/scripts/${dest}`, scripts.from, listing);
}

/** force-include / shared-data / shared-scripts: one map line per file. */
function mapPaths(
  table: RulesTable,
  pairs: Record<string, unknown>,
  destOf: (dest: string) => string,
  from: string,
  listing: readonly string[],
): void {
  for (const [src, dest] of Object.entries(pairs)) {
    if (typeof dest !== 'string') continue;
    const source = normalizePath(src);
    const target = normalizePath(dest);
    if (listing.includes(source)) {
      table.addMap(source, destOf(target));
      table.notes.push(`wheel.map: ${source} -> ${destOf(target)} (from ${from})`);
      continue;
    }
    const below = listing.filter((f) => f.startsWith(`${source}/`));
    if (below.length === 0) {
      table.untranslated.push(
        `${from}: ${src} is not a file or directory of the tree; not translated`,
      );
      continue;
    }
    for (const file of below)
      table.addMap(file, destOf(`${target}/${file.slice(source.length + 1)}`));
    table.untranslated.push(
      `${from}: ${source}/ is mapped file by file (${below.length} files); a new file there needs its own tool.manifest.wheel.map line`,
    );
  }
}

/**
 * `only-include`, `sources`, `force-include` and `shared-data` per target reproducing the
 * manifest; what hatchling adds or cannot place is named.
 */
function exportHatchling(manifest: Manifest, input: BackendInput): ExportResult {
  const inexpressible: string[] = [];
  const outputs = hatchlingProfile.outputs(input);
  const generated = (target: Target): Set<string> =>
    new Set(outputs.generated[target].map((o) => o.pattern));
  const forced = checkForced(outputs.forced.sdist, manifest, input.files, 'hatchling');
  inexpressible.push(...forced.unlisted);

  // sdist: only-include the listed files (hatchling forces in its own few).
  const sdist = new Set<string>();
  const sdistGen = generated('sdist');
  for (const entry of manifest.sdist) {
    if (entry.kind === 'dir') continue;
    if (entry.kind === 'mod') {
      if (!forced.isForced(entry.src)) sdist.add(entry.src);
    } else if (entry.kind === 'gen' && (entry.dest === 'PKG-INFO' || sdistGen.has(entry.dest)))
      continue;
    else
      inexpressible.push(`${entryLine('sdist', entry)}: hatchling writes or rewrites no such file`);
  }

  // wheel: the prefix pair most files follow becomes `sources`; other pairs are forced in.
  const pairs = new Map<string, number>();
  const mods: { src: string; dest: string }[] = [];
  const forceInclude: [string, string][] = [];
  const sharedData: [string, string][] = [];
  const wheelGen = generated('wheel');
  for (const entry of manifest.wheel) {
    if (entry.kind === 'dir') continue;
    if (entry.kind === 'gen') {
      if (!wheelGen.has(entry.dest))
        inexpressible.push(`${entryLine('wheel', entry)}: hatchling writes no such file`);
      continue;
    }
    if (entry.kind !== 'mod') {
      inexpressible.push(`${entryLine('wheel', entry)}: hatchling 1.12 rewrites no wheel file`);
      continue;
    }
    if (entry.dest.startsWith('{data}/data/')) {
      sharedData.push([entry.src, entry.dest.slice('{data}/data/'.length)]);
      continue;
    }
    if (entry.dest.startsWith('{data}/')) {
      inexpressible.push(
        `${entryLine('wheel', entry)}: hatchling 1.12 puts only shared-data (below {data}/data/) in the .data directory`,
      );
      continue;
    }
    const [from, to] = prefixPair(entry.src, entry.dest);
    const key = `${from}\0${to}`;
    pairs.set(key, (pairs.get(key) ?? 0) + 1);
    mods.push(entry);
  }
  const [main] = [...pairs].sort((a, b) => b[1] - a[1])[0] ?? [];
  const [mainFrom = '', mainTo = ''] = main?.split('\0') ?? [];
  const onlyInclude = new Set<string>();
  for (const { src, dest } of mods) {
    const [from, to] = prefixPair(src, dest);
    if (from === mainFrom && to === mainTo) onlyInclude.add(src);
    else forceInclude.push([src, dest]);
  }
  // Forced files are never excluded here: hatchling ships them whatever exclude says.
  const sdistPaths = compressWithExceptions(
    sdist,
    input.files.filter((f) => !forced.isForced(f)),
  );
  const wheelPaths = compressWithExceptions(onlyInclude, input.files);
  const lines = ['[tool.hatch.build.targets.sdist]'];
  lines.push(`only-include = ${tomlArray(sdistPaths.include)}`);
  if (sdistPaths.exclude.length > 0)
    lines.push(
      `exclude = ${tomlArray(sdistPaths.exclude.map((p) => literalPattern(p.replace(/\/$/, ''), p.endsWith('/'))))}`,
    );
  lines.push('', '[tool.hatch.build.targets.wheel]');
  lines.push(`only-include = ${tomlArray(wheelPaths.include)}`);
  if (wheelPaths.exclude.length > 0)
    lines.push(
      `exclude = ${tomlArray(wheelPaths.exclude.map((p) => literalPattern(p.replace(/\/$/, ''), p.endsWith('/'))))}`,
    );
  if (mainFrom !== mainTo)
    lines.push(
      `sources = ${tomlInlineTable([[mainFrom.replace(/\/$/, ''), mainTo.replace(/\/$/, '')]])}`,
    );
  if (forceInclude.length > 0) lines.push(`force-include = ${tomlInlineTable(forceInclude)}`);
  if (sharedData.length > 0) lines.push(`shared-data = ${tomlInlineTable(sharedData)}`);
  return { file: 'pyproject.toml', text: `${lines.join('\n')}\n`, inexpressible };
}
