/**
 * The poetry-core profile (poetry-core 1.4, Debian 12's): `poetry.core.masonry.api`.
 *
 * poetry-core's selection, from `masonry/builders/{builder,sdist,wheel}.py` and `masonry/utils`:
 * - The name is `[tool.poetry] name` (`[project] name` for projects that have one).
 * - `packages` (`{ include, from, format }`; by default the module named after the project:
 *   `<name>/`, `<name>.py`, `src/<name>/`, `src/<name>.py`) are `Path.glob`s below `from`. A matched
 *   directory ships every file below it (hidden ones too), less what git ignores
 *   (`git ls-files --others -i --exclude-standard`) and what `exclude` matches, in the sdist at its
 *   tree path and in the wheel at its path below `from`. `format` limits a package to one target.
 * - `include` (a path or glob, or `{ path, format }`): a matched file ships whatever git or
 *   `exclude` say, in the sdist and, unless its format says otherwise, in the wheel at its tree path
 *   (`include = ["CHANGELOG.md"]` puts CHANGELOG.md at the wheel's root); a matched directory ships
 *   its files (less ignored and excluded ones) only in the formats it names, the sdist by default.
 * - The sdist adds pyproject.toml, every `LICENSE*` at the root, the readme, file scripts and the
 *   build script, and writes a setup.py unless `[tool.poetry.build] generate-setup-file = false`.
 * - The wheel adds file scripts below `{data}/scripts/`, and runs the build script (which may write
 *   extension modules nobody can predict from the config).
 *
 * Must not: do I/O (profiles are pure).
 */
import type { Manifest } from '../manifest/types.js';
import { matchGlobPaths, normalizeGlob, translateGlobsReporting } from './pyglob.js';
import {
  checkForced,
  compressPaths,
  entryLine,
  prefixPair,
  pyGlobLiteral,
  tomlArray,
} from './export.js';
import {
  existsInListing,
  isTable,
  literalPattern,
  lookup,
  RulesTable,
  stringValue,
} from './table.js';
import {
  emptyOutputs,
  type BackendInput,
  type BackendProfile,
  type BuildOutputs,
  type ExportResult,
} from './types.js';

type Format = 'sdist' | 'wheel';

interface PackageSpec {
  include: string;
  from: string;
  formats: Format[];
  key: string;
}

interface IncludeSpec {
  path: string;
  /** Empty: the default (files in both targets, directories in the sdist). */
  formats: Format[];
  key: string;
}

function poetryName(doc: Record<string, unknown>): string | undefined {
  return (
    stringValue(lookup(doc, 'tool', 'poetry', 'name')) ??
    stringValue(lookup(doc, 'project', 'name'))
  );
}

/** poetry-core's module_name: the canonical name with `-` and `.` as `_`. */
function moduleName(name: string): string {
  return name
    .toLowerCase()
    .replace(/[-_.]+/g, '-')
    .replace(/[-.]/g, '_');
}

function readFormats(value: unknown): Format[] {
  const list = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return list.filter((f): f is Format => f === 'sdist' || f === 'wheel');
}

function readPackages(
  doc: Record<string, unknown>,
  files: ReadonlySet<string>,
): PackageSpec[] | undefined {
  const raw = lookup(doc, 'tool', 'poetry', 'packages');
  if (Array.isArray(raw)) {
    return raw.flatMap((p, i): PackageSpec[] => {
      if (!isTable(p) || typeof p.include !== 'string') return [];
      const formats = readFormats(p.format);
      return [
        {
          include: p.include,
          from: typeof p.from === 'string' ? (normalizeGlob(p.from) ?? '') : '',
          formats: formats.length > 0 ? formats : ['sdist', 'wheel'],
          key: `tool.poetry.packages[${i}]`,
        },
      ];
    });
  }
  const name = poetryName(doc);
  if (name === undefined) return undefined;
  const module = moduleName(name);
  const found = (path: string, dir: boolean): boolean =>
    existsInListing(files, path) === (dir ? 'dir' : 'file');
  const both: Format[] = ['sdist', 'wheel'];
  if (found(module, true))
    return [{ include: module, from: '', formats: both, key: 'tool.poetry.name' }];
  if (found(`${module}.py`, false))
    return [{ include: `${module}.py`, from: '', formats: both, key: 'tool.poetry.name' }];
  if (found(`src/${module}`, true))
    return [{ include: module, from: 'src', formats: both, key: 'tool.poetry.name' }];
  if (found(`src/${module}.py`, false))
    return [{ include: `${module}.py`, from: 'src', formats: both, key: 'tool.poetry.name' }];
  return [];
}

function readIncludes(doc: Record<string, unknown>): IncludeSpec[] {
  const raw = lookup(doc, 'tool', 'poetry', 'include');
  if (!Array.isArray(raw)) return [];
  return raw.flatMap((entry, i): IncludeSpec[] => {
    const key = `tool.poetry.include[${i}]`;
    if (typeof entry === 'string') return [{ path: entry, formats: [], key }];
    if (isTable(entry) && typeof entry.path === 'string')
      return [{ path: entry.path, formats: readFormats(entry.format), key }];
    return [];
  });
}

function joinPath(dir: string, rest: string): string {
  return dir === '' ? rest : `${dir}/${rest}`;
}

function readmePaths(doc: Record<string, unknown>): string[] {
  const readme = lookup(doc, 'tool', 'poetry', 'readme');
  if (typeof readme === 'string') return [readme];
  if (Array.isArray(readme)) return readme.filter((r): r is string => typeof r === 'string');
  return [];
}

function buildScript(doc: Record<string, unknown>): { path: string; key: string } | undefined {
  const build = lookup(doc, 'tool', 'poetry', 'build');
  if (typeof build === 'string') return { path: build, key: 'tool.poetry.build' };
  const script = stringValue(lookup(build, 'script'));
  return script !== undefined ? { path: script, key: 'tool.poetry.build.script' } : undefined;
}

/** `[tool.poetry.scripts]` entries of type "file": (name, path). */
function fileScripts(doc: Record<string, unknown>): { name: string; path: string }[] {
  const scripts = lookup(doc, 'tool', 'poetry', 'scripts');
  if (!isTable(scripts)) return [];
  return Object.entries(scripts).flatMap(([name, spec]) =>
    isTable(spec) && spec.type === 'file' && typeof spec.reference === 'string'
      ? [{ name, path: spec.reference }]
      : [],
  );
}

export const poetryProfile: BackendProfile = {
  name: 'poetry',
  ids: ['poetry.core.masonry.api', 'poetry.masonry.api'],
  excludeSetting: {
    sdist: '[tool.poetry] exclude',
    wheel: '[tool.poetry] exclude',
  },

  outputs(input: BackendInput): BuildOutputs {
    const outputs = emptyOutputs();
    const doc = input.doc;
    outputs.forced.sdist.push({
      pattern: '/LICENSE*',
      reason: 'poetry-core ships every LICENSE* at the root in the sdist',
    });
    for (const readme of readmePaths(doc))
      outputs.forced.sdist.push({
        pattern: literalPattern(readme),
        reason: 'poetry-core ships the readme',
        key: 'tool.poetry.readme',
      });
    const script = buildScript(doc);
    if (script !== undefined)
      outputs.forced.sdist.push({
        pattern: literalPattern(script.path),
        reason: 'poetry-core ships the build script in the sdist',
        key: script.key,
      });
    for (const { path } of fileScripts(doc))
      outputs.forced.sdist.push({
        pattern: literalPattern(path),
        reason: 'poetry-core ships file scripts',
        key: 'tool.poetry.scripts',
      });
    if (lookup(doc, 'tool', 'poetry', 'build', 'generate-setup-file') !== false)
      outputs.generated.sdist.push({
        pattern: 'setup.py',
        reason: 'poetry-core 1.x writes a setup.py into the sdist',
        key: 'tool.poetry.build.generate-setup-file',
      });
    return outputs;
  },

  translate(input: BackendInput) {
    const table = new RulesTable();
    const doc = input.doc;
    const files = new Set(input.files);
    const name = poetryName(doc);
    if (name === undefined)
      table.untranslated.push(
        'poetry-core needs tool.poetry.name (or project.name); the wheel package is a guess',
      );

    // sdist and wheel: the packages.
    const packages = readPackages(doc, files) ?? [];
    const sdistInclude: string[] = [];
    const sdistArtifacts: string[] = [];
    const explicitlyIncluded = new Set<string>();
    const wheelRoots: { from: string; path: string; key: string }[] = [];
    for (const pkg of packages) {
      const glob = joinPath(pkg.from, pkg.include);
      const matched = matchGlobPaths(input.files, glob, 'pathlib');
      if (matched.length === 0) {
        table.untranslated.push(`${pkg.key}: ${glob} matches nothing in the tree`);
        continue;
      }
      for (const { path, kind } of matched) {
        if (pkg.formats.includes('sdist')) sdistInclude.push(literalPattern(path, kind === 'dir'));
        if (pkg.formats.includes('wheel'))
          wheelRoots.push({
            from: pkg.from,
            path: pkg.from === '' ? path : path.slice(pkg.from.length + 1),
            key: pkg.key,
          });
      }
    }
    if (packages.length > 0)
      table.notes.push(
        `packages: ${packages.map((p) => joinPath(p.from, p.include)).join(', ')} (from ${packages[0]!.key === 'tool.poetry.name' ? "poetry-core's default for the name" : 'tool.poetry.packages'})`,
      );

    // include: files in both targets (unless a format says otherwise), directories in theirs.
    for (const inc of readIncludes(doc)) {
      const matched = matchGlobPaths(input.files, inc.path, 'pathlib');
      if (matched.length === 0) {
        // Not in the listing: ignored by git, or absent. A literal path still ships when present.
        const literal = normalizeGlob(inc.path);
        if (literal !== undefined && !/[*?[]/.test(literal)) {
          if (inc.formats.length === 0 || inc.formats.includes('sdist'))
            sdistArtifacts.push(literalPattern(literal));
          table.notes.push(
            `${inc.key}: ${literal} is not in the tree (or git ignores it): sdist.artifacts ships it when present`,
          );
        } else table.untranslated.push(`${inc.key}: ${inc.path} matches nothing in the tree`);
        continue;
      }
      for (const { path, kind } of matched) {
        explicitlyIncluded.add(path);
        const sdist = inc.formats.length === 0 || inc.formats.includes('sdist');
        const wheel =
          kind === 'file'
            ? inc.formats.length === 0 || inc.formats.includes('wheel')
            : inc.formats.includes('wheel');
        if (sdist) sdistInclude.push(literalPattern(path, kind === 'dir'));
        if (wheel) {
          const below =
            kind === 'file' ? [path] : input.files.filter((f) => f.startsWith(`${path}/`));
          for (const file of below) table.addMap(file, file);
          table.notes.push(
            `${inc.key}: ${path}${kind === 'dir' ? '/' : ''} ships in the wheel at the same path: tool.manifest.wheel.map`,
          );
          if (kind === 'dir')
            table.untranslated.push(
              `${inc.key}: ${path}/ is mapped into the wheel file by file; a new file there needs its own tool.manifest.wheel.map line`,
            );
        }
      }
    }
    if (sdistInclude.length > 0) {
      table.addPatterns('sdist', 'include', sdistInclude, 'tool.poetry.packages/include');
      table.notes.push(
        `sdist.include = ${JSON.stringify(sdistInclude)} (from tool.poetry.packages and tool.poetry.include)`,
      );
    }
    if (sdistArtifacts.length > 0)
      table.addPatterns('sdist', 'artifacts', sdistArtifacts, 'tool.poetry.include');

    // exclude: both targets; an explicitly included path is kept whatever exclude says.
    const exclude = lookup(doc, 'tool', 'poetry', 'exclude');
    const excludeGlobs = Array.isArray(exclude)
      ? exclude.filter((e): e is string => typeof e === 'string')
      : [];
    if (excludeGlobs.length > 0) {
      const translated = translateGlobsReporting(
        excludeGlobs,
        input.files,
        'pathlib',
        'tool.poetry.exclude',
        table.untranslated,
      );
      const kept = [...explicitlyIncluded].filter((p) =>
        excludeGlobs.some((g) =>
          matchGlobPaths(input.files, g, 'pathlib').some((m) => m.path === p),
        ),
      );
      const patterns = [...translated, ...kept.map((p) => `!${literalPattern(p)}`)];
      table.addPatterns('shared', 'exclude', patterns, 'tool.poetry.exclude');
      table.notes.push(`exclude = ${JSON.stringify(patterns)} (from tool.poetry.exclude)`);
    }

    // wheel: the packages below one `from`.
    const froms = new Set(wheelRoots.map((r) => r.from));
    if (froms.size === 1) {
      const from = [...froms][0]!;
      table.setWheelPackages(
        stringValue(lookup(doc, 'project', 'name')),
        files,
        from,
        wheelRoots.map((r) => r.path),
        wheelRoots[0]!.key,
      );
    } else if (froms.size > 1) {
      table.untranslated.push(
        `tool.poetry.packages: packages from several directories (${[...froms].map((f) => f || '(root)').join(', ')}); list one directory's in tool.manifest.wheel.packages and map the others`,
      );
    } else {
      table.untranslated.push(
        'tool.poetry.packages: no package for the wheel; set tool.manifest.wheel.packages',
      );
    }
    for (const { name: script, path } of fileScripts(doc))
      table.addMap(path, `{data}/scripts/${script}`);
    const script = buildScript(doc);
    if (script !== undefined)
      table.untranslated.push(
        `${script.key}: the build script may write extension modules: list them in tool.manifest.wheel.generated`,
      );
    return table.finish();
  },

  exportConfig(manifest: Manifest, input: BackendInput): ExportResult {
    return exportPoetry(manifest, input);
  },
};

/**
 * `packages`, `include` and `exclude` reproducing the manifest: the wheel's top-level directories
 * and modules become packages (from the directory stripped), sdist-only files `include` with
 * `format = "sdist"`, package files the manifest leaves out `exclude`; the rest is named.
 */
function exportPoetry(manifest: Manifest, input: BackendInput): ExportResult {
  const inexpressible: string[] = [];
  const outputs = poetryProfile.outputs(input);
  const forced = checkForced(outputs.forced.sdist, manifest, input.files, 'poetry-core');
  inexpressible.push(...forced.unlisted);
  const sdist = new Set<string>();
  for (const entry of manifest.sdist) {
    if (entry.kind === 'dir') continue;
    if (entry.kind === 'mod') {
      if (entry.src !== 'pyproject.toml' && !forced.isForced(entry.src)) sdist.add(entry.src);
    } else if (entry.kind === 'gen' && ['PKG-INFO', 'setup.py'].includes(entry.dest)) continue;
    else
      inexpressible.push(
        `${entryLine('sdist', entry)}: poetry-core writes only PKG-INFO and setup.py`,
      );
  }

  // Packages: each top-level wheel path, from the directory its SRC adds.
  const packages = new Map<string, { include: string; from: string }>();
  const wheel = new Set<string>();
  const rootFiles: string[] = [];
  for (const entry of manifest.wheel) {
    if (entry.kind === 'dir') continue;
    if (entry.kind !== 'mod' || entry.dest.startsWith('{data}/')) {
      inexpressible.push(
        `${entryLine('wheel', entry)}: poetry-core ships only packages and included files in the wheel`,
      );
      continue;
    }
    const [from, to] = prefixPair(entry.src, entry.dest);
    if (to !== '') {
      inexpressible.push(
        `${entryLine('wheel', entry)}: poetry-core keeps a package's path below \`from\``,
      );
      continue;
    }
    const top = entry.dest.split('/')[0]!;
    if (!entry.dest.includes('/') && !entry.dest.endsWith('.py')) {
      rootFiles.push(entry.src);
      continue;
    }
    packages.set(`${from}${top}`, { include: top, from: from.replace(/\/$/, '') });
    wheel.add(entry.src);
  }
  const packageFiles = (root: string): string[] =>
    input.files.filter((f) => f === root || f.startsWith(`${root}/`));
  const exclude = new Set<string>();
  for (const root of packages.keys()) {
    for (const file of packageFiles(root)) {
      const inSdist = sdist.has(file);
      const inWheel = wheel.has(file);
      if (!inSdist && !inWheel) exclude.add(file);
      else if (inSdist !== inWheel)
        inexpressible.push(`${file}: poetry-core ships a package file in both targets or neither`);
      sdist.delete(file);
    }
  }
  const include: string[] = [];
  for (const src of rootFiles) {
    if (sdist.delete(src)) include.push(JSON.stringify(src));
    else inexpressible.push(`[wheel] ${src}: an included file the sdist lacks`);
  }
  for (const path of compressPaths(sdist, input.files)) {
    const body = pyGlobLiteral(path.replace(/\/$/, ''));
    // A file without a format ships in the wheel too: name the sdist.
    include.push(`{ path = ${JSON.stringify(body)}, format = "sdist" }`);
  }
  const lines = [
    '[tool.poetry]',
    `packages = [${[...packages.values()].map((p) => (p.from === '' ? `{ include = ${JSON.stringify(p.include)} }` : `{ include = ${JSON.stringify(p.include)}, from = ${JSON.stringify(p.from)} }`)).join(', ')}]`,
    `include = [${include.length === 0 ? '' : `\n${include.map((i) => `  ${i},`).join('\n')}\n`}]`,
    `exclude = ${tomlArray(compressPaths(exclude, input.files).map((p) => pyGlobLiteral(p.replace(/\/$/, ''))))}`,
  ];
  // poetry-core 1.x writes a setup.py into the sdist unless told not to.
  if (!manifest.sdist.some((e) => e.kind === 'gen' && e.dest === 'setup.py'))
    lines.push('', '[tool.poetry.build]', 'generate-setup-file = false');
  return { file: 'pyproject.toml', text: `${lines.join('\n')}\n`, inexpressible };
}
