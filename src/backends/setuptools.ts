/**
 * The setuptools profile: what `setuptools.build_meta` (setuptools 66, Debian 12's) ships, writes
 * and rewrites, init's translation of its configuration, and export back into MANIFEST.in.
 *
 * The sdist (setuptools/command/egg_info.py `manifest_maker.run`), in this order:
 *   1. defaults: the first of README, README.rst, README.txt, README.md; setup.py; setup.cfg;
 *      test/test*.py; pyproject.toml; every package's modules (`*.py` in the package directory,
 *      hidden files left out by Python's glob); package data; data files; C extension sources;
 *      scripts; MANIFEST.in; with setuptools-scm in the build, every file git tracks (its file
 *      finder);
 *   2. every MANIFEST.in command, in order (manifest-in.ts);
 *   3. license files (`license_files`, by default `LICEN[CS]E*`, `COPYING*`, `NOTICE*`,
 *      `AUTHORS*`) and files named by `file:` directives: added after MANIFEST.in, so no command
 *      can drop them;
 *   4. `build/` pruned;
 *   then it writes `PKG-INFO`, `<name>.egg-info/` and a `setup.cfg` (rewriting a shipped one).
 * The translation is one ordered `include` list in that order (adding = a pattern, removing = a
 * `!` pattern, closed by `!*\/`), shared by both targets.
 *
 * The wheel is built from the sdist: it holds every package's modules, package data, and with
 * `include_package_data` every file of the sdist below a package directory, less
 * `exclude_package_data`; data files and scripts go to `{data}/`. So the wheel takes the shared
 * `include` list within its packages, and, when that is not exact, a wheel `exclude` list
 * (everything, then `!` for what setuptools takes, closed by `!*\/`).
 *
 * Must not: read files (api/ hands in BackendInput) or guess a value setup.py computes at run time.
 */
import { compileGenGlob, isGlob } from '../manifest/glob.js';
import type { Manifest } from '../manifest/types.js';
import {
  compressPaths,
  compressWithExceptions,
  entryLine,
  prefixPair,
  pyGlobLiteral,
  tomlArray,
  tomlInlineTable,
} from './export.js';
import { isTable } from './table.js';
import { compilePatternList } from '../rules/patterns.js';
import { detectPackages } from '../rules/detect.js';
import { parseManifestIn, translateCommand } from './manifest-in.js';
import {
  compileGlobPath,
  modulePath,
  packagePath,
  resolveSetuptools,
  type SetuptoolsProject,
} from './setuptools-config.js';
import {
  emptyOutputs,
  type BackendInput,
  type BackendProfile,
  type BuildOutputs,
  type ExportResult,
  type Translation,
} from './types.js';

const READMES = ['README', 'README.rst', 'README.txt', 'README.md'];
const DEFAULT_LICENSE_FILES = ['LICEN[CS]E*', 'COPYING*', 'NOTICE*', 'AUTHORS*'];

/** A gitignore pattern matching exactly `path` from the root. */
function literal(path: string): string {
  return `/${path.replace(/[\\*?[\]]/g, '\\$&').replace(/^!/, '\\!')}`;
}

/** A project-relative Python glob (fnmatch segments, no recursion) as an anchored pattern. */
function globPattern(glob: string): string {
  const parts = glob.split('/').filter((p) => p !== '' && p !== '.');
  return `/${parts
    .map((p) => (p === '**' ? '*' : p.replace(/\\/g, '\\\\').replace(/\[\^/g, '[\\^')))
    .join('/')}`;
}

/** `<name>.egg-info`, as `to_filename(safe_name(name))` spells it. */
export function eggInfoName(name: string): string {
  return `${name.replace(/[^A-Za-z0-9.]+/g, '-').replace(/-/g, '_')}.egg-info`;
}

/** An item of an ordered list, with the comment that says where it comes from. */
interface Item {
  pattern: string;
  comment?: string;
}

/** What the profile derives from the configuration and the tree. */
interface Model {
  project: SetuptoolsProject;
  files: ReadonlySet<string>;
  /** Every package's directory, by dotted name. */
  packageDirs: Map<string, string>;
  /** The directory stripped from wheel paths, and the top-level entries below it. */
  wheelRoot: { packagesDir: string; packages: string[] } | undefined;
  wheelRootProblem: string | undefined;
  eggBase: string;
}

function buildModel(input: BackendInput, packages = true): Model {
  const project = resolveSetuptools(input, { packages });
  const files = new Set(input.files);
  const packageDirs = new Map<string, string>();
  for (const pkg of project.packages) packageDirs.set(pkg, packagePath(pkg, project.packageDir));
  // Top-level wheel entries: each top-level package's directory, each module's file.
  const tops = new Map<string, string>();
  for (const pkg of project.packages) {
    const top = pkg.split('.')[0]!;
    const dir = packagePath(top, project.packageDir);
    tops.set(dir, top);
  }
  for (const mod of project.pyModules) {
    const file = modulePath(mod, project.packageDir);
    if (mod.includes('.'))
      tops.set(packagePath(mod.split('.')[0]!, project.packageDir), mod.split('.')[0]!);
    else tops.set(file, `${mod}.py`);
  }
  let wheelRoot: Model['wheelRoot'];
  let wheelRootProblem: string | undefined;
  const parents = new Set([...tops.keys()].map((p) => p.split('/').slice(0, -1).join('/')));
  const names = [...tops.keys()].map((p) => p.split('/').pop()!);
  const mismatch = [...tops].some(([path, top]) => path.split('/').pop() !== top);
  if (tops.size === 0) wheelRoot = undefined;
  else if (parents.size === 1 && !mismatch)
    wheelRoot = { packagesDir: [...parents][0]!, packages: [...new Set(names)].sort() };
  else
    wheelRootProblem = `package_dir puts the packages in several directories (${[...tops.keys()].join(', ')}): the wheel needs one packages-dir`;
  return {
    project,
    files,
    packageDirs,
    wheelRoot,
    wheelRootProblem,
    eggBase: project.packageDir.get('') ?? '',
  };
}

/** Python's glob with recursion, on the listing (package data, relative to a package). */
function pythonGlob(pattern: string, files: ReadonlySet<string>): string[] {
  const re = compileGlobPath(pattern);
  return [...files].filter((f) => re.test(f));
}

/**
 * The pattern for a Python glob, followed by `!` corrections for the listed files the gitignore
 * pattern takes and Python's glob does not (hidden names: Python's `*` skips a leading `.`).
 */
function globWithCorrections(path: string, files: ReadonlySet<string>, comment?: string): Item[] {
  const pattern = literalPrefixGlob(path);
  const items: Item[] = [comment !== undefined ? { pattern, comment } : { pattern }];
  const list = compilePatternList([{ pattern, key: '' }]);
  const py = new Set(pythonGlob(path, files));
  for (const file of files) {
    if (list.test(file).matched && !py.has(file))
      items.push({ pattern: `!${literal(file)}`, comment: "Python's glob skips hidden names" });
  }
  return items;
}

/** A project-relative glob with `**` kept recursive, as an anchored gitignore pattern. */
function literalPrefixGlob(glob: string): string {
  const parts = glob.split('/').filter((p) => p !== '' && p !== '.');
  return `/${parts.map((p) => (p === '**' ? '**' : p.replace(/\\/g, '\\\\').replace(/\[\^/g, '[\\^'))).join('/')}`;
}

/** Whether every listed directory below `dir` is one of the distribution's package directories. */
function allDirsArePackages(
  dir: string,
  files: ReadonlySet<string>,
  packageDirs: ReadonlySet<string>,
): boolean {
  for (const file of files) {
    if (!file.startsWith(`${dir}/`)) continue;
    const parts = file.split('/');
    for (let i = dir.split('/').length + 1; i < parts.length; i++) {
      if (!packageDirs.has(parts.slice(0, i).join('/'))) return false;
    }
  }
  return true;
}

/**
 * The modules and package data of every package, per top-level package: one `**` pattern when
 * every directory below it is a package, else one pattern per package.
 */
function packageItems(model: Model, kind: 'modules' | 'data'): Item[] {
  const { project, packageDirs, files } = model;
  const dirs = new Set(packageDirs.values());
  const byTop = new Map<string, string[]>();
  for (const pkg of project.packages) {
    const top = pkg.split('.')[0]!;
    byTop.set(top, [...(byTop.get(top) ?? []), pkg]);
  }
  const items: Item[] = [];
  for (const [top, pkgs] of byTop) {
    const topDir = packagePath(top, project.packageDir);
    const collapse =
      pkgs.includes(top) &&
      allDirsArePackages(topDir, files, dirs) &&
      pkgs.every(
        (p) => packageDirs.get(p) === topDir || packageDirs.get(p)!.startsWith(`${topDir}/`),
      );
    if (kind === 'modules') {
      const globs = collapse
        ? [`${topDir}/**/*.py`]
        : pkgs.map((p) => `${packageDirs.get(p)}/*.py`);
      for (const glob of globs) {
        items.push(
          ...globWithCorrections(
            glob,
            files,
            `modules of ${collapse ? `${top} and its subpackages` : pkgs[globs.indexOf(glob)]}`,
          ),
        );
      }
      continue;
    }
    for (const pkg of pkgs) {
      const patterns = [
        ...(project.packageData.get('') ?? []),
        ...(project.packageData.get(pkg) ?? []),
      ];
      for (const pattern of patterns) {
        const glob = `${packageDirs.get(pkg)}/${pattern}`;
        items.push(...globWithCorrections(glob, files, `package data of ${pkg}`));
      }
    }
  }
  // Collapsed `**` data patterns would repeat per package: keep each pattern once.
  const seen = new Set<string>();
  return items.filter((i) => !seen.has(i.pattern) && seen.add(i.pattern) !== undefined);
}

/** The sdist's ordered include list (module header, steps 1–4). */
function sdistItems(
  model: Model,
  input: BackendInput,
  problems: string[],
  withTemplate = true,
): Item[] {
  const { project, files } = model;
  const items: Item[] = [];
  if (project.scm.value) {
    items.push({
      pattern: '*',
      comment: `setuptools-scm's file finder: every file git tracks (${project.scm.from})`,
    });
  } else {
    const readme = READMES.find((r) => files.has(r));
    if (readme !== undefined)
      items.push({ pattern: literal(readme), comment: "setuptools' defaults" });
    for (const file of ['setup.py', 'setup.cfg', 'MANIFEST.in'])
      if (files.has(file)) items.push({ pattern: literal(file) });
    if ([...files].some((f) => /^test\/test[^/]*\.py$/.test(f)))
      items.push({ pattern: '/test/test*.py' });
    // Package data less exclude_package_data (build_py.find_data_files), then the modules,
    // which exclude_package_data never drops.
    items.push(...packageItems(model, 'data'));
    items.push(...excludePackageDataItems(model));
    items.push(...packageItems(model, 'modules'));
    for (const mod of project.pyModules)
      items.push({
        pattern: literal(modulePath(mod, project.packageDir)),
        comment: 'a module (py_modules)',
      });
    for (const group of project.dataFiles)
      for (const file of group.files)
        items.push({ pattern: literal(file), comment: `data file (${group.from})` });
    for (const ext of project.extensions)
      for (const source of ext.sources)
        items.push({ pattern: literal(source), comment: `source of the extension ${ext.name}` });
    for (const script of project.scripts)
      items.push({ pattern: literal(script.value), comment: `script (${script.from})` });
  }
  const template = withTemplate ? input.extra.get('MANIFEST.in') : undefined;
  if (template !== undefined) {
    for (const command of parseManifestIn(template)) {
      const from = `MANIFEST.in:${command.line}`;
      const translated = translateCommand(command, from);
      problems.push(...translated.problems);
      translated.patterns.forEach((pattern, i) =>
        items.push(i === 0 ? { pattern, comment: `${from}: ${command.text}` } : { pattern }),
      );
    }
  }
  // After MANIFEST.in: only what lands in a wheel package needs a pattern (the forced outputs
  // ship the rest in the sdist), since the wheel takes what the sdist has.
  const inWheel = (path: string): boolean =>
    model.wheelRoot !== undefined &&
    model.wheelRoot.packages.some((p) =>
      path.startsWith(
        `${model.wheelRoot!.packagesDir === '' ? '' : `${model.wheelRoot!.packagesDir}/`}${p}/`,
      ),
    );
  for (const ref of project.referenced)
    if (inWheel(ref.value))
      items.push({ pattern: literal(ref.value), comment: `named by ${ref.from}` });
  if ([...files].some((f) => f.startsWith('build/')))
    items.push({ pattern: '!/build/**', comment: 'setuptools prunes its build directory' });
  return items;
}

/** Patterns an fnmatch over whole paths (exclude_package_data: `*` crosses `/`) takes. */
function fnmatchPathPatterns(path: string): string[] {
  const pieces = path.split('*');
  if (pieces.length === 1) return [literal(path)];
  if (pieces.length > 4) return [literalPrefixGlob(path)];
  let variants = [pieces[0]!];
  for (const piece of pieces.slice(1)) {
    variants = variants.flatMap((v) => [`${v}*${piece}`, `${v}*/**/*${piece}`]);
  }
  return variants.map((v) => literalPrefixGlob(v).replace(/\*\/\*\*\/\*/g, '*/**/*'));
}

/** `!` patterns for exclude_package_data (fnmatch over whole paths: `*` crosses `/`). */
function excludePackageDataItems(model: Model): Item[] {
  const items: Item[] = [];
  for (const [pkg, patterns] of model.project.excludePackageData) {
    const dirs =
      pkg === ''
        ? [...model.packageDirs.values()]
        : [model.packageDirs.get(pkg)].filter((d): d is string => d !== undefined);
    for (const dir of dirs)
      for (const pattern of patterns)
        for (const p of fnmatchPathPatterns(`${dir}/${pattern}`))
          items.push({
            pattern: `!${p}`,
            comment: `exclude_package_data of ${pkg || 'every package'}`,
          });
  }
  return items;
}

/**
 * The wheel's exclude list, or undefined when the shared include within the packages is exact:
 * with include_package_data, no exclude_package_data, and every top-level entry a package.
 */
function wheelExcludeItems(model: Model): Item[] | undefined {
  const { project, packageDirs } = model;
  const topsArePackages = project.packages
    .map((p) => p.split('.')[0]!)
    .every((top) => project.packages.includes(top));
  const needed =
    !project.includePackageData.value || project.excludePackageData.size > 0 || !topsArePackages;
  if (!needed) return undefined;
  const items: Item[] = [{ pattern: '*', comment: 'only what setuptools puts in the wheel:' }];
  const negate = (list: Item[]): Item[] =>
    list.map((item) =>
      item.pattern.startsWith('!')
        ? { pattern: item.pattern.slice(1) }
        : { ...item, pattern: `!${item.pattern}` },
    );
  if (project.includePackageData.value) {
    // Every sdist file below a package directory (the outermost ones cover the rest).
    const dirs = [...packageDirs];
    for (const [pkg, dir] of dirs) {
      if (dirs.some(([, other]) => dir.startsWith(`${other}/`))) continue;
      items.push({
        pattern: `!${literalPrefixGlob(`${dir}/**`)}`,
        comment: `the sdist's files in ${pkg} (${project.includePackageData.from})`,
      });
    }
  } else items.push(...negate(packageItems(model, 'data')));
  const excluded = excludePackageDataItems(model);
  items.push(...excluded.map((item) => ({ ...item, pattern: item.pattern.slice(1) })));
  // Modules, which exclude_package_data never drops.
  if (!project.includePackageData.value || excluded.length > 0) {
    items.push(...negate(packageItems(model, 'modules')));
    for (const mod of project.pyModules)
      items.push({
        pattern: `!${literal(modulePath(mod, project.packageDir))}`,
        comment: 'a module (py_modules)',
      });
  }
  return items;
}

/** A TOML list, one item a line with its comment. */
function renderList(key: string, items: readonly Item[]): string[] {
  const lines = [`${key} = [`];
  let previous: string | undefined;
  for (const item of items) {
    // A comment once for a run of items from the same place.
    if (item.comment !== undefined && item.comment !== previous) lines.push(`  # ${item.comment}`);
    previous = item.comment ?? previous;
    lines.push(`  ${JSON.stringify(item.pattern)},`);
  }
  lines.push(']');
  return lines;
}

/** Close an ordered list so that no pattern ever matches a directory (see manifest-in.ts). */
function closeList(items: Item[]): Item[] {
  return [
    ...items,
    { pattern: '!*/', comment: 'files only: a directory never decides for its files' },
  ];
}

function translate(input: BackendInput): Translation {
  const model = buildModel(input);
  const { project } = model;
  const notes: string[] = [];
  const untranslated: string[] = [...project.unreadable];
  const written: string[] = [];
  const problems: string[] = [];
  const lines = [
    '[tool.manifest]',
    '# What setuptools ships, translated from its configuration by `manifest init`: these rules',
    '# expand into the manifest. Change them, then run `manifest update`.',
  ];

  if (project.discoveryError !== undefined) untranslated.push(project.discoveryError);
  if (project.unreadableOther.length > 0)
    notes.push(
      `setup.py: not read statically, and they do not decide files: ${project.unreadableOther.join(', ')}`,
    );
  if (project.packages.length > 0)
    notes.push(`packages: ${project.packages.join(', ')} (${project.packagesFrom})`);
  if (project.pyModules.length > 0)
    notes.push(`modules: ${project.pyModules.join(', ')} (${project.modulesFrom})`);
  if (project.packages.length + project.pyModules.length === 0)
    notes.push(`no packages or modules (${project.packagesFrom})`);
  if (project.scm.value)
    notes.push(
      `setuptools-scm is in the build (${project.scm.from}): the sdist takes every file git tracks`,
    );
  notes.push(
    `include_package_data = ${project.includePackageData.value ? 'true' : 'false'} (${project.includePackageData.from})`,
  );

  // Shared include: what the sdist ships; the wheel takes what of it lies in its packages.
  const sdist = sdistItems(model, input, problems);
  untranslated.push(...problems);
  const onlyEverything = sdist.every((i) => i.pattern === '*');
  if (!onlyEverything) {
    lines.push(...renderList('include', closeList(sdist)));
    written.push('tool.manifest.include');
    notes.push(
      `include: setuptools' sdist selection in order (${sdist.length} patterns${input.extra.has('MANIFEST.in') ? ', MANIFEST.in included' : ''})`,
    );
  }

  // Wheel
  const wheelLines: string[] = [];
  const name = project.name?.value;
  if (model.wheelRootProblem !== undefined) untranslated.push(model.wheelRootProblem);
  else if (model.wheelRoot !== undefined) {
    const { packagesDir, packages } = model.wheelRoot;
    const found =
      name !== undefined && lookupProjectName(input) !== undefined
        ? detectPackages(name, model.files, undefined)
        : undefined;
    if (
      found !== undefined &&
      found.packagesDir === packagesDir &&
      found.packages.join('\n') === packages.join('\n')
    ) {
      notes.push(
        `wheel package ${packagesDir === '' ? '' : `${packagesDir}/`}${packages[0]} (package detection finds it from project.name, so no key is written)`,
      );
    } else {
      if (packagesDir !== '') {
        wheelLines.push(`packages-dir = ${JSON.stringify(packagesDir)}`);
        written.push('tool.manifest.wheel.packages-dir');
      }
      wheelLines.push(`packages = [${packages.map((p) => JSON.stringify(p)).join(', ')}]`);
      written.push('tool.manifest.wheel.packages');
    }
  } else {
    untranslated.push(
      'setuptools builds a wheel without packages or modules here: check `manifest ls --target wheel`',
    );
  }
  const exclude = wheelExcludeItems(model);
  if (exclude !== undefined) {
    wheelLines.push(...renderList('exclude', closeList(exclude)));
    written.push('tool.manifest.wheel.exclude');
  }
  const map: [string, string][] = [];
  for (const group of project.dataFiles) {
    if (group.dir.startsWith('/')) {
      untranslated.push(
        `${group.from}: ${group.dir} is an absolute directory; wheels cannot hold it`,
      );
      continue;
    }
    for (const file of group.files)
      map.push([
        file,
        `{data}/data/${[group.dir, file.split('/').pop()!].filter((p) => p !== '').join('/')}`,
      ]);
  }
  for (const script of project.scripts)
    map.push([script.value, `{data}/scripts/${script.value.split('/').pop()!}`]);
  if (wheelLines.length > 0) lines.push('', '[tool.manifest.wheel]', ...wheelLines);
  if (map.length > 0) {
    lines.push(
      '',
      '[tool.manifest.wheel.map]',
      ...map.map(([s, d]) => `${JSON.stringify(s)} = ${JSON.stringify(d)}`),
    );
    written.push('tool.manifest.wheel.map');
  }

  const outputs = setuptoolsOutputs(input, model);
  const known = (target: 'sdist' | 'wheel'): string =>
    [...new Set(outputs.generated[target].map((o) => o.pattern))].join(', ');
  notes.push(`written by the build, known without a key: sdist PKG-INFO, ${known('sdist')}`);
  if (outputs.generated.wheel.length > 0)
    notes.push(`written by the build, known without a key: wheel ${known('wheel')}`);
  return { table: `${lines.join('\n')}\n`, written, notes, untranslated };
}

function lookupProjectName(input: BackendInput): string | undefined {
  const project = (input.doc as Record<string, unknown>).project;
  const name =
    typeof project === 'object' && project !== null
      ? (project as Record<string, unknown>).name
      : undefined;
  return typeof name === 'string' ? name : undefined;
}

/** The files setuptools writes, rewrites and forces in. */
function setuptoolsOutputs(input: BackendInput, model: Model): BuildOutputs {
  const { project, files } = model;
  const outputs = emptyOutputs();
  const egg = project.name !== undefined ? eggInfoName(project.name.value) : '*.egg-info';
  const eggDir = model.eggBase === '' ? egg : `${model.eggBase}/${egg}`;
  outputs.generated.sdist.push({
    pattern: `${eggDir}/*`,
    reason: 'setuptools writes the egg-info directory (PKG-INFO, SOURCES.txt, top_level.txt, …)',
  });
  // setuptools writes setup.cfg into every sdist (its [egg_info] section): a shipped one is
  // rewritten (alt:), otherwise it is written (gen:).
  if (files.has('setup.cfg'))
    outputs.rewritten.sdist.push({
      pattern: '/setup.cfg',
      reason: 'setuptools rewrites setup.cfg in the sdist (it adds an [egg_info] section)',
    });
  else
    outputs.generated.sdist.push({
      pattern: 'setup.cfg',
      reason: 'setuptools writes a setup.cfg into the sdist',
    });
  const version = project.scmVersionFile;
  if (version !== undefined) {
    outputs.generated.sdist.push({
      pattern: version.value,
      reason: 'setuptools-scm writes the version file at each build',
      key: version.from,
    });
    const dest = wheelDest(model, version.value);
    if (dest !== undefined)
      outputs.generated.wheel.push({
        pattern: dest,
        reason: 'setuptools-scm writes the version file at each build',
        key: version.from,
      });
  }
  for (const ext of project.extensions) {
    outputs.generated.wheel.push({
      pattern: `${ext.name.split('.').join('/')}.*.so`,
      reason: `setuptools compiles the extension ${ext.name}`,
      key: 'setup.py ext_modules',
    });
  }
  const licenses = project.licenseFiles?.value ?? DEFAULT_LICENSE_FILES;
  for (const pattern of licenses)
    outputs.forced.sdist.push({
      pattern: globPattern(pattern),
      reason: 'setuptools adds the license files after MANIFEST.in',
      key: project.licenseFiles?.from ?? "license_files (setuptools' default)",
    });
  for (const ref of project.referenced)
    outputs.forced.sdist.push({
      pattern: literal(ref.value),
      reason: 'setuptools ships the files its configuration reads',
      key: ref.from,
    });
  for (const script of project.scripts)
    outputs.rewritten.wheel.push({
      pattern: literal(script.value),
      reason: 'setuptools rewrites the #! line of scripts',
      key: script.from,
    });
  void input;
  return outputs;
}

/** The wheel DEST of a project-relative file inside a package or module directory, or undefined. */
function wheelDest(model: Model, path: string): string | undefined {
  let best: { dir: string; pkg: string } | undefined;
  for (const [pkg, dir] of model.packageDirs) {
    if (path.startsWith(`${dir}/`) && (best === undefined || dir.length > best.dir.length))
      best = { dir, pkg };
  }
  if (best === undefined) return undefined;
  return `${best.pkg.split('.').join('/')}/${path.slice(best.dir.length + 1)}`;
}

/** The `[tool.setuptools]` settings an exported MANIFEST.in needs, as TOML lines. */
interface WheelSettings {
  packageDir: Map<string, string>;
  packages: string[];
  pyModules: string[];
  dataFiles: Map<string, string[]>;
  scriptFiles: string[];
  /** package → paths relative to its directory (exclude-package-data). */
  excludeData: Map<string, string[]>;
  licenseFiles: string[] | undefined;
}

/** A path as MANIFEST.in writes it for one file: fnmatch specials bracketed, `#` escaped. */
function templatePath(path: string): string | undefined {
  if (/\s/.test(path)) return undefined;
  return pyGlobLiteral(path).replace(/#/g, '\\#');
}

/**
 * The wheel's settings from the manifest's `[wheel]` section: a package for every directory that
 * holds a listed module, its directory from the SRC prefix, `{data}/data` and `{data}/scripts` as
 * data files and script files. Entries setuptools cannot place are pushed onto `inexpressible`.
 */
function wheelSettings(manifest: Manifest, inexpressible: string[]): WheelSettings {
  const settings: WheelSettings = {
    packageDir: new Map(),
    packages: [],
    pyModules: [],
    dataFiles: new Map(),
    scriptFiles: [],
    excludeData: new Map(),
    licenseFiles: undefined,
  };
  const packages = new Set<string>();
  for (const entry of manifest.wheel) {
    if (entry.kind !== 'mod' && entry.kind !== 'alt') continue;
    const parts = entry.dest.split('/');
    const name = parts[parts.length - 1]!;
    const srcName = entry.src.split('/').pop()!;
    if (parts[0] === '{data}') {
      const scheme = parts[1];
      if (scheme === 'data' && srcName === name) {
        const dir = parts.slice(2, -1).join('/');
        settings.dataFiles.set(dir, [...(settings.dataFiles.get(dir) ?? []), entry.src]);
      } else if (scheme === 'scripts' && parts.length === 3 && srcName === name) {
        settings.scriptFiles.push(entry.src);
      } else {
        inexpressible.push(
          `${entryLine('wheel', entry)}: setuptools puts only data files and scripts below {data}/, under their own names`,
        );
      }
      continue;
    }
    const [srcPrefix, destPrefix] = prefixPair(entry.src, entry.dest);
    if (destPrefix !== '' || entry.src.split('/').pop() !== name) {
      inexpressible.push(
        `${entryLine('wheel', entry)}: setuptools ships package files under their own names`,
      );
      continue;
    }
    if (parts.length === 1) {
      if (!name.endsWith('.py')) {
        inexpressible.push(
          `${entryLine('wheel', entry)}: only a module can sit at the top of a setuptools wheel`,
        );
        continue;
      }
      settings.pyModules.push(name.slice(0, -3));
      const dir = srcPrefix.replace(/\/$/, '');
      if (dir !== '') settings.packageDir.set('', dir);
      continue;
    }
    const top = parts[0]!;
    const dir = `${srcPrefix}${top}`;
    const known = settings.packageDir.get(top);
    if (known !== undefined && known !== dir) {
      inexpressible.push(`${entryLine('wheel', entry)}: ${top} comes from two directories`);
      continue;
    }
    settings.packageDir.set(top, dir);
    // Every directory holding a module is a package (with its ancestors); other files are package
    // data of the package whose directory holds them (include-package-data).
    const depth = name.endsWith('.py') ? parts.length - 1 : 1;
    for (let i = 1; i <= depth; i++) packages.add(parts.slice(0, i).join('.'));
  }
  settings.packages = [...packages].sort();
  // One root directory for every top-level package, when they share it.
  const roots = new Set(
    [...settings.packageDir].map(([pkg, dir]) =>
      pkg === '' ? dir : dir.slice(0, -pkg.length).replace(/\/$/, ''),
    ),
  );
  if (roots.size === 1) {
    const root = [...roots][0]!;
    settings.packageDir = root === '' ? new Map() : new Map([['', root]]);
  }
  return settings;
}

/** A TOML key: bare when it can be. */
function tomlKey(key: string): string {
  return /^[A-Za-z0-9_-]+$/.test(key) ? key : JSON.stringify(key);
}

/** The settings as the pyproject.toml text they are written as. */
function renderSettings(settings: WheelSettings): string[] {
  const lines = ['[tool.setuptools]', 'include-package-data = true'];
  if (settings.packageDir.size > 0)
    lines.push(`package-dir = ${tomlInlineTable([...settings.packageDir])}`);
  lines.push(`packages = ${tomlArray(settings.packages)}`);
  if (settings.pyModules.length > 0) lines.push(`py-modules = ${tomlArray(settings.pyModules)}`);
  if (settings.licenseFiles !== undefined)
    lines.push(`license-files = ${tomlArray(settings.licenseFiles.map(pyGlobLiteral))}`);
  if (settings.scriptFiles.length > 0)
    lines.push(`script-files = ${tomlArray(settings.scriptFiles)}`);
  if (settings.excludeData.size > 0) {
    lines.push('', '[tool.setuptools.exclude-package-data]');
    for (const [pkg, paths] of settings.excludeData)
      lines.push(`${tomlKey(pkg)} = ${tomlArray(paths.map(pyGlobLiteral))}`);
  }
  if (settings.dataFiles.size > 0) {
    lines.push('', '[tool.setuptools.data-files]');
    for (const [dir, files] of settings.dataFiles)
      lines.push(`${tomlKey(dir)} = ${tomlArray(files.map(pyGlobLiteral))}`);
  }
  return lines;
}

/**
 * `manifest export --backend setuptools`: a MANIFEST.in that makes setuptools' sdist the
 * manifest's `[sdist]`, given the `[tool.setuptools]` settings it prints in its header (derived
 * from `[wheel]`). The defaults setuptools adds by itself (with those settings, on this tree) are
 * the starting point: what the manifest lists beyond them is added (`graft` for a whole directory,
 * `include` for a file), what it leaves out is removed (`prune`, `exclude`); the wheel then takes
 * the sdist's files below its packages (`include-package-data`), less `exclude-package-data`.
 */
function exportManifestIn(manifest: Manifest, input: BackendInput): ExportResult {
  const inexpressible: string[] = [];
  const settings = wheelSettings(manifest, inexpressible);
  // Files the build writes (the manifest's gen: lines: the egg-info, PKG-INFO) are left alone.
  const gens = manifest.sdist.flatMap((e) =>
    e.kind === 'gen' ? [isGlob(e.dest) ? compileGenGlob(e.dest) : (p: string) => p === e.dest] : [],
  );
  const files = input.files.filter((f) => !gens.some((gen) => gen(f)));
  const listed = new Set(
    manifest.sdist.flatMap((e) => (e.kind === 'mod' || e.kind === 'alt' ? [e.src] : [])),
  );
  // setuptools as it reads the project with those settings (pyproject.toml's, applied last,
  // replace setup.cfg's and setup.py's), and without a MANIFEST.in.
  const doc = input.doc as Record<string, unknown>;
  const tool = (isTable(doc.tool) ? doc.tool : {}) as Record<string, unknown>;
  const withSettings = (extra: Record<string, unknown>): BackendInput => ({
    ...input,
    doc: {
      ...doc,
      tool: {
        ...tool,
        setuptools: {
          'include-package-data': true,
          'package-dir': Object.fromEntries(settings.packageDir),
          packages: settings.packages,
          ...(settings.pyModules.length > 0 ? { 'py-modules': settings.pyModules } : {}),
          ...(settings.scriptFiles.length > 0 ? { 'script-files': settings.scriptFiles } : {}),
          ...(settings.dataFiles.size > 0
            ? { 'data-files': Object.fromEntries(settings.dataFiles) }
            : {}),
          ...extra,
        },
      },
    },
    extra: new Map([...input.extra].filter(([name]) => name !== 'MANIFEST.in')),
  });
  let exportInput = withSettings({});
  let model = buildModel(exportInput);
  // License files: setuptools adds them after MANIFEST.in, so the manifest's choice among them
  // is a setting, not a command.
  const outputs = setuptoolsOutputs(exportInput, model);
  const licenses = compilePatternList(
    outputs.forced.sdist
      .filter((o) => o.reason.includes('license'))
      .map((o, i) => ({ pattern: o.pattern, key: String(i) })),
  );
  const licenseFiles = files.filter((f) => !f.includes('/') && licenses.test(f).matched);
  if (licenseFiles.some((f) => !listed.has(f))) {
    settings.licenseFiles = licenseFiles.filter((f) => listed.has(f));
    exportInput = withSettings({ 'license-files': settings.licenseFiles.map(pyGlobLiteral) });
    model = buildModel(exportInput);
  }
  for (const ref of model.project.referenced)
    if (!listed.has(ref.value) && files.includes(ref.value))
      inexpressible.push(
        `[sdist] ${ref.value} is not listed, but setuptools ships it (${ref.from} reads it)`,
      );
  // setuptools' own selection before MANIFEST.in (and MANIFEST.in itself, once written).
  const defaultsList = compilePatternList(
    closeList(sdistItems(model, exportInput, [], false)).map((item, i) => ({
      pattern: item.pattern,
      key: String(i),
    })),
  );
  const defaults = new Set(files.filter((f) => defaultsList.test(f).matched));
  defaults.add('pyproject.toml');
  defaults.add('MANIFEST.in');
  const forcedAfter = new Set([
    ...(settings.licenseFiles ?? licenseFiles),
    ...model.project.referenced.map((r) => r.value),
  ]);
  // Every listed file as the fewest commands (a whole directory where that is shorter), less the
  // defaults setuptools adds by itself; then what it adds that the manifest leaves out.
  const lines: string[] = [];
  const { include, exclude } = compressWithExceptions(listed, files);
  const removed = new Set([...defaults].filter((f) => !listed.has(f) && files.includes(f)));
  for (const path of exclude) {
    if (!path.endsWith('/')) removed.add(path);
    else for (const f of files) if (f.startsWith(path)) removed.add(f);
  }
  for (const path of include) {
    const file = !path.endsWith('/');
    if (file && (defaults.has(path) || forcedAfter.has(path))) continue;
    const named = templatePath(file ? path : path.slice(0, -1));
    if (named === undefined) {
      inexpressible.push(`[sdist] ${path}: a MANIFEST.in line cannot name a path with whitespace`);
      continue;
    }
    lines.push(file ? `include ${named}` : `graft ${named}`);
  }
  for (const path of compressPaths(removed, files)) {
    const named = templatePath(path.endsWith('/') ? path.slice(0, -1) : path);
    if (named === undefined) {
      inexpressible.push(`[sdist] ${path}: a MANIFEST.in line cannot name a path with whitespace`);
      continue;
    }
    lines.push(path.endsWith('/') ? `prune ${named}` : `exclude ${named}`);
  }
  // The wheel: the sdist's files below a package, less what the manifest's [wheel] leaves out.
  const wheelSources = new Set(
    manifest.wheel.flatMap((e) => (e.kind === 'mod' || e.kind === 'alt' ? [e.src] : [])),
  );
  const dirs = [...model.packageDirs].sort(([, a], [, b]) => b.length - a.length);
  for (const file of listed) {
    if (wheelSources.has(file)) continue;
    const owner = dirs.find(([, dir]) => file.startsWith(`${dir}/`));
    if (owner === undefined) continue;
    const [pkg, dir] = owner;
    const rest = file.slice(dir.length + 1);
    if (!rest.includes('/') && rest.endsWith('.py')) {
      inexpressible.push(
        `[sdist] ${file} is a module of ${pkg}: setuptools puts it in the wheel, which does not list it`,
      );
      continue;
    }
    settings.excludeData.set(pkg, [...(settings.excludeData.get(pkg) ?? []), rest]);
  }
  const header = [
    '# MANIFEST.in for setuptools, exported from the manifest by `manifest export`.',
    '# setuptools ships what the manifest lists only with these settings in pyproject.toml',
    '# (they replace the same settings in setup.cfg and setup.py):',
    '#',
    ...renderSettings(settings).map((l) => (l === '' ? '#' : `#   ${l}`)),
    '#',
    '# MANIFEST.in commands do not read .gitignore: build from a clean checkout, and check the',
    '# archives with `manifest validate dist/*` (or build through the checking wrapper).',
  ];
  return { file: 'MANIFEST.in', text: `${[...header, ...lines].join('\n')}\n`, inexpressible };
}

export const setuptoolsProfile: BackendProfile = {
  name: 'setuptools',
  ids: ['setuptools.build_meta', 'setuptools.build_meta:__legacy__'],
  excludeSetting: {
    sdist: 'MANIFEST.in `exclude PATH` or `prune DIR`',
    wheel: '[tool.setuptools.exclude-package-data], or [tool.setuptools.packages.find] exclude',
  },
  outputs(input) {
    // Package directories matter only to place setuptools-scm's version file in the wheel.
    const lite = buildModel(input, false);
    return setuptoolsOutputs(
      input,
      lite.project.scmVersionFile !== undefined ? buildModel(input) : lite,
    );
  },
  translate,
  exportConfig: exportManifestIn,
};
