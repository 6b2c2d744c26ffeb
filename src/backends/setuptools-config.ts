/**
 * setuptools' configuration, gathered from its three places and resolved as setuptools 66 resolves
 * it: packages (listed, `find:`/`find_namespace:`, or automatic discovery of the src and flat
 * layouts, src/setuptools/discovery.py), package_dir, py_modules, package data, data files,
 * scripts, C extensions, license files, files referenced by `file:` directives, and whether
 * setuptools-scm takes part in the build.
 *
 * Precedence as in setuptools: `setup()` keywords beat setup.cfg (setup.cfg only fills what setup()
 * left unset), and pyproject.toml (`[project]`, `[tool.setuptools]`), applied last, beats both.
 * Discovery runs on the walker's listing: a directory exists when a listed file lies below it.
 *
 * Must not: guess. What cannot be read (a setup.py value computed at run time) is reported in
 * `unreadable`, naming the keyword; the profile turns that into "what to check".
 */
import {
  cfgBool,
  cfgDict,
  cfgFileDirective,
  cfgList,
  parseSetupCfg,
  type SetupCfg,
} from './setup-cfg.js';
import {
  pyDict,
  pyString,
  pyStrings,
  readSetupPy,
  type PyValue,
  type SetupPyCall,
} from './setup-py.js';
import { compileFnmatch, fnmatchSource } from './fnmatch.js';
import { isTable, lookup, stringList as strings } from './table.js';
import type { BackendInput } from './types.js';

type Table = Record<string, unknown>;

/** A value and the setting it came from (`tool.setuptools.packages`, `setup.cfg [options] packages`, …). */
export interface From<T> {
  value: T;
  from: string;
}

export interface ExtensionModule {
  /** Dotted module name, e.g. `markupsafe._speedups`. */
  name: string;
  sources: string[];
}

export interface SetuptoolsProject {
  /** The distribution name, when known. */
  name: From<string> | undefined;
  /** `package_dir`: '' maps the root package directory. */
  packageDir: Map<string, string>;
  /** Dotted package names, as setuptools resolves them on this tree, sorted. */
  packages: string[];
  /** How the packages were found, for the report. */
  packagesFrom: string;
  /** How the py_modules were found, for the report. */
  modulesFrom: string;
  pyModules: string[];
  /** package name ('' = every package) → glob patterns relative to the package directory. */
  packageData: Map<string, string[]>;
  excludePackageData: Map<string, string[]>;
  includePackageData: From<boolean>;
  dataFiles: { dir: string; files: string[]; from: string }[];
  scripts: From<string>[];
  extensions: ExtensionModule[];
  /** Configured license-files patterns, or undefined for setuptools' defaults. */
  licenseFiles: From<string[]> | undefined;
  /** Files named by `file:` directives (readme, license, dynamic fields): always shipped. */
  referenced: From<string>[];
  /** setuptools-scm takes part in the build (its file finder adds every git-tracked file). */
  scm: From<boolean>;
  /** The version file setuptools-scm writes, project-relative. */
  scmVersionFile: From<string> | undefined;
  /** setup.py values that decide files but could not be read, one line each. */
  unreadable: string[];
  /** setup.py keywords that could not be read and do not decide files. */
  unreadableOther: string[];
  /** Why discovery would fail the build (several top-level packages in a flat layout), if so. */
  discoveryError: string | undefined;
  /** pyproject.toml configures setuptools (`[project]` or `[tool.setuptools]`). */
  usesPyproject: boolean;
}

/** setup() keywords that decide which files ship. */
const FILE_KEYWORDS = new Set([
  'name',
  'packages',
  'package_dir',
  'py_modules',
  'package_data',
  'exclude_package_data',
  'include_package_data',
  'data_files',
  'scripts',
  'ext_modules',
  'license_files',
  'license_file',
  'use_scm_version',
  'setup_requires',
  'cmdclass',
  '**',
  '*',
]);

function isIdentifier(name: string): boolean {
  return /^[\p{L}_][\p{L}\p{N}_]*$/u.test(name);
}

/** The directories of a listing (every ancestor of a listed file), with their subdirectories. */
class DirTree {
  readonly children = new Map<string, Set<string>>([['', new Set()]]);
  readonly files: ReadonlySet<string>;

  constructor(files: readonly string[]) {
    this.files = new Set(files);
    for (const file of files) {
      const parts = file.split('/');
      let dir = '';
      for (let i = 0; i < parts.length - 1; i++) {
        const child = dir === '' ? parts[i]! : `${dir}/${parts[i]}`;
        this.children.get(dir)!.add(parts[i]!);
        if (!this.children.has(child)) this.children.set(child, new Set());
        dir = child;
      }
    }
  }

  isDir(path: string): boolean {
    return this.children.has(path);
  }

  subdirs(path: string): string[] {
    return [...(this.children.get(path) ?? [])].sort();
  }

  filesIn(dir: string): string[] {
    const prefix = dir === '' ? '' : `${dir}/`;
    return [...this.files].filter(
      (f) => f.startsWith(prefix) && !f.slice(prefix.length).includes('/'),
    );
  }
}

function join(...parts: string[]): string {
  return parts
    .filter((p) => p !== '' && p !== '.')
    .join('/')
    .replace(/\/+/g, '/')
    .replace(/^\.\//, '')
    .replace(/\/$/, '');
}

type Finder = 'plain' | 'pep420' | 'flat';

const FLAT_PACKAGE_EXCLUDE = [
  'ci',
  'bin',
  'doc',
  'docs',
  'documentation',
  'manpages',
  'news',
  'changelog',
  'test',
  'tests',
  'unit_test',
  'unit_tests',
  'example',
  'examples',
  'scripts',
  'tools',
  'util',
  'utils',
  'python',
  'build',
  'dist',
  'venv',
  'env',
  'requirements',
  'tasks',
  'fabfile',
  'site_scons',
  'benchmark',
  'benchmarks',
  'exercise',
  'exercises',
  '[._]*',
].flatMap((p) => [p, `${p}.*`]);

const FLAT_MODULE_EXCLUDE = [
  'setup',
  'conftest',
  'test',
  'tests',
  'example',
  'examples',
  'build',
  'toxfile',
  'noxfile',
  'pavement',
  'dodo',
  'tasks',
  'fabfile',
  '[Ss][Cc]onstruct',
  'conanfile',
  'manage',
  'benchmark',
  'benchmarks',
  'exercise',
  'exercises',
  'htmlcov',
  '[._]*',
];

/** setuptools' PackageFinder / PEP420PackageFinder / FlatLayoutPackageFinder `.find`. */
function findPackages(
  tree: DirTree,
  where: string,
  finder: Finder,
  include: readonly string[] = ['*'],
  exclude: readonly string[] = [],
): string[] {
  const excludes = [
    ...(finder === 'flat' ? [] : ['ez_setup', '*__pycache__']),
    ...(exclude.length > 0 ? exclude : finder === 'flat' ? FLAT_PACKAGE_EXCLUDE : []),
  ].map(compileFnmatch);
  const includes = include.map(compileFnmatch);
  const out: string[] = [];
  const walk = (dir: string, prefix: string): void => {
    for (const name of tree.subdirs(dir)) {
      const full = join(dir, name);
      const pkg = prefix === '' ? name : `${prefix}.${name}`;
      if (name.includes('.')) continue;
      if (finder === 'plain' && !tree.files.has(`${full}/__init__.py`)) continue;
      if (finder === 'flat') {
        const names = pkg.split('.');
        const rootOk = isIdentifier(names[0]!) || names[0]!.endsWith('-stubs');
        if (!rootOk || !names.slice(1).every(isIdentifier)) continue;
      }
      if (includes.some((r) => r.test(pkg)) && !excludes.some((r) => r.test(pkg))) out.push(pkg);
      walk(full, pkg);
    }
  };
  if (tree.isDir(join(where)) || where === '' || where === '.') walk(join(where), '');
  return out;
}

/** setuptools' ModuleFinder.find: `*.py` directly in `where` whose stem is an identifier. */
function findModules(tree: DirTree, where: string, exclude: readonly string[]): string[] {
  const excludes = exclude.map(compileFnmatch);
  return tree
    .filesIn(join(where))
    .map((f) => f.split('/').pop()!)
    .filter((f) => f.endsWith('.py') && !f.startsWith('.'))
    .map((f) => f.slice(0, -3))
    .filter((m) => isIdentifier(m) && !excludes.some((r) => r.test(m)))
    .sort();
}

function removeNested(packages: readonly string[]): string[] {
  return packages.filter((p) => !packages.some((o) => p.startsWith(`${o}.`)));
}

/** discovery.py `find_package_path`: where a dotted package lives. */
export function packagePath(name: string, packageDir: ReadonlyMap<string, string>): string {
  const parts = name.split('.');
  for (let i = parts.length; i > 0; i--) {
    const partial = parts.slice(0, i).join('.');
    const parent = packageDir.get(partial);
    if (parent !== undefined) return join(parent, ...parts.slice(i));
  }
  return join(packageDir.get('') ?? '', ...parts);
}

/** Where a dotted module's `.py` file lives. */
export function modulePath(name: string, packageDir: ReadonlyMap<string, string>): string {
  const parts = name.split('.');
  const file = `${parts.pop()!}.py`;
  return join(
    parts.length > 0 ? packagePath(parts.join('.'), packageDir) : (packageDir.get('') ?? ''),
    file,
  );
}

function normalizeRequirement(req: string): string {
  return (
    /^[A-Za-z0-9._-]+/
      .exec(req.trim())?.[0]
      ?.toLowerCase()
      .replace(/[-_.]+/g, '-') ?? ''
  );
}

interface Sources {
  doc: Table;
  cfg: SetupCfg;
  py: SetupPyCall | undefined;
}

function cfgGet(
  cfg: SetupCfg,
  section: string,
  key: string,
): { value: string; line: number } | undefined {
  return cfg.get(section)?.get(key);
}

/** The literal `Extension(name, sources)` values among the names bound at setup.py's top level. */
function topLevelExtensions(names: ReadonlyMap<string, PyValue> | undefined): ExtensionModule[] {
  const found: ExtensionModule[] = [];
  const visit = (value: PyValue): void => {
    if (value.kind === 'list') value.items.forEach(visit);
    const ext = readExtension(value);
    if (ext !== undefined && !found.some((e) => e.name === ext.name)) found.push(ext);
  };
  for (const value of names?.values() ?? []) visit(value);
  return found;
}

/** A literal `Extension(name, sources)`, or undefined when `value` is not one or is not readable. */
function readExtension(value: PyValue): ExtensionModule | undefined {
  if (value.kind !== 'call' || value.name !== 'Extension') return undefined;
  const name = pyString(value.kwargs.get('name') ?? value.args[0]);
  const sources = pyStrings(value.kwargs.get('sources') ?? value.args[1]);
  if (name === undefined || sources === undefined) return undefined;
  return { name, sources: sources.map((s) => join(s)) };
}

/** A setup() keyword's value, or 'unreadable' when setup.py has it but it cannot be read. */
function pyGet(src: Sources, key: string): PyValue | 'unreadable' | undefined {
  if (src.py === undefined) return undefined;
  if (src.py.unreadable.includes(key)) return 'unreadable';
  return src.py.kwargs.get(key);
}

/**
 * Resolve the project's setuptools configuration on the walker's listing.
 * @example resolveSetuptools({ pyproject: '', doc: {}, files: ['six.py', 'setup.py'], extra }).pyModules
 */
export function resolveSetuptools(
  input: BackendInput,
  options: { packages?: boolean } = {},
): SetuptoolsProject {
  const wantPackages = options.packages !== false;
  const cfgText = input.extra.get('setup.cfg');
  const pyText = input.extra.get('setup.py');
  const src: Sources = {
    doc: input.doc as Table,
    cfg: cfgText !== undefined ? parseSetupCfg(cfgText) : new Map(),
    py: pyText !== undefined ? readSetupPy(pyText) : undefined,
  };
  // The directory tree is built only when packages are looked for (a pass over every file).
  let built: DirTree | undefined;
  const tree = (): DirTree => (built ??= new DirTree(wantPackages ? input.files : []));
  const hasDir = (dir: string): boolean => {
    const prefix = `${join(dir)}/`;
    return input.files.some((f) => f.startsWith(prefix));
  };
  const unreadable: string[] = [];
  const unreadableOther: string[] = [];
  // `ext_modules=ext_modules if with_binary else []`: computed when setup.py runs. The literal
  // Extension(...) values bound at the top level are what it can choose from: assumed, and said.
  const assumedExtensions =
    src.py?.unreadable.includes('ext_modules') === true ? topLevelExtensions(src.py.topLevel) : [];
  for (const key of src.py?.unreadable ?? []) {
    if (key === '**')
      unreadable.push(
        'setup.py passes `**` keyword arguments to setup(): their keywords are not seen',
      );
    else if (key === 'cmdclass')
      unreadable.push(
        'setup.py: cmdclass replaces setuptools commands, which may ship other files',
      );
    else if (key === 'ext_modules' && assumedExtensions.length > 0)
      continue; // said below, with the extensions assumed
    else if (FILE_KEYWORDS.has(key))
      unreadable.push(`setup.py: ${key}= is computed when setup.py runs and could not be read`);
    else unreadableOther.push(key);
  }
  if (src.py?.kwargs.has('cmdclass') === true)
    unreadable.push('setup.py: cmdclass replaces setuptools commands, which may ship other files');

  const project = lookup(src.doc, 'project');
  const st = lookup(src.doc, 'tool', 'setuptools');
  const usesPyproject = isTable(project) || isTable(st);

  // name
  let name: From<string> | undefined;
  const pyprojectName = lookup(project, 'name');
  const pyName = pyGet(src, 'name');
  const cfgName = cfgGet(src.cfg, 'metadata', 'name');
  if (typeof pyprojectName === 'string') name = { value: pyprojectName, from: 'project.name' };
  else if (pyName !== undefined && pyName !== 'unreadable' && pyString(pyName) !== undefined)
    name = { value: pyString(pyName)!, from: 'setup.py name=' };
  else if (cfgName !== undefined)
    name = { value: cfgName.value.trim(), from: 'setup.cfg [metadata] name' };

  // package_dir
  const packageDir = new Map<string, string>();
  const stDir = lookup(st, 'package-dir');
  const pyDir = pyGet(src, 'package_dir');
  const cfgDir = cfgGet(src.cfg, 'options', 'package_dir');
  if (isTable(stDir)) {
    for (const [k, v] of Object.entries(stDir))
      if (typeof v === 'string') packageDir.set(k, join(v));
  } else if (pyDir !== undefined && pyDir !== 'unreadable') {
    for (const [k, v] of pyDict(pyDir) ?? [])
      if (v.kind === 'str') packageDir.set(k, join(v.value));
  } else if (cfgDir !== undefined) {
    for (const [k, v] of cfgDict(cfgDir.value)) packageDir.set(k, join(v));
  }

  // packages and py_modules
  let packages: string[] | undefined;
  let packagesFrom = '';
  let pyModules: string[] | undefined;
  const findFrom = (
    where: readonly string[],
    finder: Finder,
    include: readonly string[],
    exclude: readonly string[],
  ): string[] => {
    const found: string[] = [];
    const search = [...new Set(where.map((w) => join(w)))];
    // setuptools.config.expand.find_packages: one `where` other than the root becomes
    // package_dir[''] (unless set); another gets a package_dir entry per top-level package.
    if (search.length === 1 && search[0] !== '' && !packageDir.has(''))
      packageDir.set('', search[0]!);
    for (const w of search) {
      const pkgs = findPackages(tree(), w, finder, include.length > 0 ? include : ['*'], exclude);
      found.push(...pkgs);
      if (pkgs.length > 0 && !(packageDir.get('') === w || w === '')) {
        for (const top of removeNested(pkgs)) packageDir.set(top, join(w, ...top.split('.')));
      }
    }
    return found;
  };
  const stPackages = lookup(st, 'packages');
  const stModules = strings(lookup(st, 'py-modules'));
  if (Array.isArray(stPackages)) {
    packages = strings(stPackages) ?? [];
    packagesFrom = 'tool.setuptools.packages';
  } else if (
    isTable(stPackages) &&
    (isTable(stPackages.find) || isTable(stPackages['find-namespace']))
  ) {
    const find = (
      isTable(stPackages.find) ? stPackages.find : stPackages['find-namespace']
    ) as Table;
    const namespaces = find.namespaces !== false;
    packages = findFrom(
      strings(find.where) ?? ['.'],
      namespaces ? 'pep420' : 'plain',
      strings(find.include) ?? [],
      strings(find.exclude) ?? [],
    );
    packagesFrom = 'tool.setuptools.packages.find';
  }
  let modulesFrom = '';
  if (stModules !== undefined) {
    pyModules = stModules;
    modulesFrom = 'tool.setuptools.py-modules';
  }
  if (packages === undefined) {
    const pyPackages = pyGet(src, 'packages');
    if (pyPackages === 'unreadable') {
      packages = [];
      packagesFrom = 'setup.py packages= (unreadable)';
    } else if (pyPackages !== undefined) {
      if (pyPackages.kind === 'call') {
        const where = pyString(pyPackages.kwargs.get('where') ?? pyPackages.args[0]) ?? '.';
        const exclude = pyStrings(pyPackages.kwargs.get('exclude') ?? pyPackages.args[1]) ?? [];
        const include = pyStrings(pyPackages.kwargs.get('include') ?? pyPackages.args[2]) ?? ['*'];
        packages = findPackages(
          tree(),
          where,
          pyPackages.name === 'find_packages' ? 'plain' : 'pep420',
          include,
          exclude,
        );
        packagesFrom = `setup.py packages=${pyPackages.name}(…)`;
      } else {
        packages = pyStrings(pyPackages) ?? [];
        packagesFrom = 'setup.py packages=';
        if (pyStrings(pyPackages) === undefined)
          unreadable.push('setup.py: packages= holds something other than names');
      }
    }
  }
  if (pyModules === undefined) {
    const pyMods = pyGet(src, 'py_modules');
    if (pyMods !== undefined && pyMods !== 'unreadable') pyModules = pyStrings(pyMods) ?? [];
    else if (pyMods === 'unreadable') pyModules = [];
    if (pyMods !== undefined) modulesFrom = 'setup.py py_modules=';
  }
  if (packages === undefined) {
    const cfgPackages = cfgGet(src.cfg, 'options', 'packages');
    if (cfgPackages !== undefined) {
      const value = cfgPackages.value.trim();
      if (value === 'find:' || value === 'find_namespace:') {
        const where = cfgGet(src.cfg, 'options.packages.find', 'where')?.value.trim() ?? '.';
        const include = cfgList(cfgGet(src.cfg, 'options.packages.find', 'include')?.value ?? '');
        const exclude = cfgList(cfgGet(src.cfg, 'options.packages.find', 'exclude')?.value ?? '');
        packages = findFrom([where], value === 'find:' ? 'plain' : 'pep420', include, exclude);
        packagesFrom = `setup.cfg [options] packages = ${value}`;
      } else {
        packages = cfgList(value);
        packagesFrom = 'setup.cfg [options] packages';
      }
    }
  }
  if (pyModules === undefined) {
    const cfgMods = cfgGet(src.cfg, 'options', 'py_modules');
    if (cfgMods !== undefined) {
      pyModules = cfgList(cfgMods.value);
      modulesFrom = 'setup.cfg [options] py_modules';
    }
  }

  // Automatic discovery (discovery.py): only when neither packages nor py_modules is given, and,
  // for setup.py/setup.cfg projects, no ext_modules either.
  let discoveryError: string | undefined;
  const extValue = pyGet(src, 'ext_modules');
  const hasExt = extValue !== undefined;
  if (packages === undefined && pyModules === undefined && (usesPyproject || !hasExt)) {
    const explicit = [...packageDir].filter(([k]) => k !== '');
    const srcDir = packageDir.get('') ?? 'src';
    if (explicit.length > 0) {
      packages = explicit.flatMap(([pkg, dir]) => [
        pkg,
        ...findPackages(tree(), dir, 'pep420').map((n) => `${pkg}.${n}`),
      ]);
      packagesFrom = 'automatic discovery (package_dir)';
    } else if (hasDir(srcDir)) {
      packageDir.set('', srcDir);
      packages = findPackages(tree(), srcDir, 'pep420');
      pyModules = findModules(tree(), srcDir, []);
      packagesFrom = `automatic discovery (src layout: ${srcDir}/)`;
      modulesFrom = packagesFrom;
    } else {
      const flat = findPackages(tree(), '', 'flat');
      const top = removeNested(flat.filter((p) => !p.split('.')[0]!.endsWith('-stubs')));
      if (top.length > 1)
        discoveryError = `setuptools finds several top-level packages in a flat layout (${top.join(', ')}) and refuses to build`;
      if (top.length > 0) {
        packages = flat;
        packagesFrom = 'automatic discovery (flat layout)';
      } else {
        pyModules = findModules(tree(), '', FLAT_MODULE_EXCLUDE);
        if (pyModules.length > 1)
          discoveryError = `setuptools finds several top-level modules in a flat layout (${pyModules.join(', ')}) and refuses to build`;
        packages = [];
        packagesFrom = 'automatic discovery (flat layout)';
        modulesFrom = packagesFrom;
      }
    }
  }

  // package data
  const packageData = new Map<string, string[]>();
  const excludePackageData = new Map<string, string[]>();
  const readData = (
    target: Map<string, string[]>,
    stKey: string,
    pyKey: string,
    cfgSection: string,
  ): void => {
    const fromSt = lookup(st, stKey);
    const fromPy = pyGet(src, pyKey);
    const fromCfg = src.cfg.get(cfgSection);
    if (isTable(fromSt)) {
      for (const [k, v] of Object.entries(fromSt)) target.set(k === '*' ? '' : k, strings(v) ?? []);
    } else if (fromPy !== undefined && fromPy !== 'unreadable') {
      for (const [k, v] of pyDict(fromPy) ?? []) target.set(k === '*' ? '' : k, pyStrings(v) ?? []);
    } else if (fromCfg !== undefined) {
      for (const [k, v] of fromCfg) target.set(k === '*' ? '' : k, cfgList(v.value));
    }
  };
  readData(packageData, 'package-data', 'package_data', 'options.package_data');
  readData(
    excludePackageData,
    'exclude-package-data',
    'exclude_package_data',
    'options.exclude_package_data',
  );

  // include_package_data: pyproject.toml defaults it to true when it configures setuptools.
  let includePackageData: From<boolean> = { value: false, from: "setuptools' default" };
  const cfgIpd = cfgGet(src.cfg, 'options', 'include_package_data');
  const pyIpd = pyGet(src, 'include_package_data');
  const stIpd = lookup(st, 'include-package-data');
  if (pyIpd !== undefined && pyIpd !== 'unreadable' && pyIpd.kind === 'bool')
    includePackageData = { value: pyIpd.value, from: 'setup.py include_package_data=' };
  else if (cfgIpd !== undefined)
    includePackageData = {
      value: cfgBool(cfgIpd.value),
      from: 'setup.cfg [options] include_package_data',
    };
  if (typeof stIpd === 'boolean')
    includePackageData = { value: stIpd, from: 'tool.setuptools.include-package-data' };
  else if (usesPyproject && includePackageData.from === "setuptools' default")
    includePackageData = { value: true, from: "setuptools' default with pyproject.toml" };

  // data files
  const dataFiles: SetuptoolsProject['dataFiles'] = [];
  const stData = lookup(st, 'data-files');
  const pyData = pyGet(src, 'data_files');
  const cfgData = src.cfg.get('options.data_files');
  const globFiles = (patterns: readonly string[]): string[] =>
    patterns.flatMap((p) => {
      if (!/[*?[]/.test(p)) return [join(p)];
      const re = compileGlobPath(join(p));
      return input.files.filter((f) => re.test(f));
    });
  if (isTable(stData)) {
    for (const [dir, files] of Object.entries(stData))
      dataFiles.push({
        dir,
        files: globFiles(strings(files) ?? []),
        from: 'tool.setuptools.data-files',
      });
  } else if (pyData !== undefined && pyData !== 'unreadable' && pyData.kind === 'list') {
    for (const item of pyData.items) {
      if (item.kind === 'str')
        dataFiles.push({ dir: '', files: [join(item.value)], from: 'setup.py data_files=' });
      else if (item.kind === 'list' && item.items.length === 2) {
        const dir = pyString(item.items[0]);
        const files = pyStrings(item.items[1]);
        if (dir !== undefined && files !== undefined)
          dataFiles.push({ dir, files: files.map((f) => join(f)), from: 'setup.py data_files=' });
      }
    }
  } else if (cfgData !== undefined) {
    for (const [dir, v] of cfgData)
      dataFiles.push({
        dir,
        files: globFiles(cfgList(v.value)),
        from: 'setup.cfg [options.data_files]',
      });
  }

  // scripts
  const scripts: From<string>[] = [];
  const stScripts = strings(lookup(st, 'script-files'));
  const pyScripts = pyGet(src, 'scripts');
  const cfgScripts = cfgGet(src.cfg, 'options', 'scripts');
  if (stScripts !== undefined)
    scripts.push(
      ...stScripts.map((s) => ({ value: join(s), from: 'tool.setuptools.script-files' })),
    );
  else if (pyScripts !== undefined && pyScripts !== 'unreadable')
    scripts.push(
      ...(pyStrings(pyScripts) ?? []).map((s) => ({ value: join(s), from: 'setup.py scripts=' })),
    );
  else if (cfgScripts !== undefined)
    scripts.push(
      ...cfgList(cfgScripts.value).map((s) => ({
        value: join(s),
        from: 'setup.cfg [options] scripts',
      })),
    );

  // C extensions (setup.py only: setup.cfg and pyproject.toml cannot declare them)
  const extensions: ExtensionModule[] = [];
  if (assumedExtensions.length > 0) {
    extensions.push(...assumedExtensions);
    unreadable.push(
      `setup.py: ext_modules= is computed when setup.py runs; assumed to be the Extension(...) bound at the top level (${assumedExtensions.map((e) => e.name).join(', ')}): check`,
    );
  }
  if (extValue !== undefined && extValue !== 'unreadable') {
    const items = extValue.kind === 'list' ? extValue.items : [];
    for (const item of items) {
      if (item.kind !== 'call' || item.name !== 'Extension') {
        unreadable.push('setup.py: an ext_modules= item is not a literal Extension(...)');
        continue;
      }
      const ext = readExtension(item);
      if (ext === undefined) {
        unreadable.push('setup.py: an Extension(...) name or sources could not be read');
        continue;
      }
      extensions.push(ext);
    }
  }

  // license files
  let licenseFiles: From<string[]> | undefined;
  const stLicense = strings(lookup(st, 'license-files'));
  const pyLicense = pyGet(src, 'license_files');
  const cfgLicense = cfgGet(src.cfg, 'metadata', 'license_files');
  const cfgLicenseFile = cfgGet(src.cfg, 'metadata', 'license_file');
  if (stLicense !== undefined)
    licenseFiles = { value: stLicense, from: 'tool.setuptools.license-files' };
  else if (pyLicense !== undefined && pyLicense !== 'unreadable')
    licenseFiles = { value: pyStrings(pyLicense) ?? [], from: 'setup.py license_files=' };
  else if (cfgLicense !== undefined || cfgLicenseFile !== undefined)
    licenseFiles = {
      value: [
        ...cfgList(cfgLicense?.value ?? ''),
        ...(cfgLicenseFile ? [cfgLicenseFile.value.trim()] : []),
      ],
      from: 'setup.cfg [metadata] license_files',
    };

  // files referenced by file: directives
  const referenced: From<string>[] = [];
  const readme = lookup(project, 'readme');
  if (typeof readme === 'string') referenced.push({ value: join(readme), from: 'project.readme' });
  else if (isTable(readme) && typeof readme.file === 'string')
    referenced.push({ value: join(readme.file), from: 'project.readme.file' });
  const license = lookup(project, 'license', 'file');
  if (typeof license === 'string')
    referenced.push({ value: join(license), from: 'project.license.file' });
  const dynamic = lookup(st, 'dynamic');
  if (isTable(dynamic)) {
    for (const [field, directive] of Object.entries(dynamic)) {
      const files = lookup(directive, 'file');
      for (const f of typeof files === 'string' ? [files] : (strings(files) ?? []))
        referenced.push({ value: join(f), from: `tool.setuptools.dynamic.${field}.file` });
    }
  }
  for (const [section, keys] of [
    ['metadata', ['long_description', 'version', 'license']],
    ['options', ['install_requires']],
  ] as const) {
    for (const key of keys) {
      const value = cfgGet(src.cfg, section, key);
      for (const f of value !== undefined ? (cfgFileDirective(value.value) ?? []) : [])
        referenced.push({ value: join(f), from: `setup.cfg [${section}] ${key}` });
    }
  }

  // setuptools-scm
  const requires = strings(lookup(src.doc, 'build-system', 'requires')) ?? [];
  const setupRequires = [
    ...(pyStrings(src.py?.kwargs.get('setup_requires')) ?? []),
    ...cfgList(cfgGet(src.cfg, 'options', 'setup_requires')?.value ?? ''),
  ];
  let scm: From<boolean> = { value: false, from: '' };
  if (requires.some((r) => normalizeRequirement(r) === 'setuptools-scm'))
    scm = { value: true, from: 'build-system.requires' };
  else if (setupRequires.some((r) => normalizeRequirement(r) === 'setuptools-scm'))
    scm = { value: true, from: 'setup_requires' };
  let scmVersionFile: From<string> | undefined;
  const scmTable = lookup(src.doc, 'tool', 'setuptools_scm');
  const scmRoot =
    typeof lookup(scmTable, 'root') === 'string' ? String(lookup(scmTable, 'root')) : '.';
  for (const key of ['version_file', 'write_to']) {
    const value = lookup(scmTable, key);
    if (typeof value === 'string' && scmVersionFile === undefined)
      scmVersionFile = { value: join(scmRoot, value), from: `tool.setuptools_scm.${key}` };
  }
  const useScm = src.py?.kwargs.get('use_scm_version');
  if (useScm !== undefined) {
    if (!scm.value) scm = { value: true, from: 'setup.py use_scm_version=' };
    const writeTo = pyString(
      pyDict(useScm)?.get('write_to') ?? pyDict(useScm)?.get('version_file'),
    );
    if (writeTo !== undefined && scmVersionFile === undefined)
      scmVersionFile = { value: join(writeTo), from: 'setup.py use_scm_version=' };
  }

  return {
    name,
    packageDir,
    packages: [...new Set(packages ?? [])].sort(),
    packagesFrom: packagesFrom || 'none configured',
    modulesFrom: modulesFrom || 'none configured',
    pyModules: pyModules ?? [],
    packageData,
    excludePackageData,
    includePackageData,
    dataFiles,
    scripts,
    extensions,
    licenseFiles,
    referenced,
    scm,
    scmVersionFile: scm.value ? scmVersionFile : undefined,
    unreadable,
    unreadableOther,
    discoveryError,
    usesPyproject,
  };
}

/**
 * A glob over a whole project-relative path, as Python's `glob.glob` matches it on POSIX:
 * `*`, `?` and classes stay within a segment, a `**` segment is any number of directories, and a
 * wildcard does not match a leading `.`.
 */
export function compileGlobPath(pattern: string): RegExp {
  const segments = pattern.split('/');
  let out = '';
  segments.forEach((segment, index) => {
    const last = index === segments.length - 1;
    if (segment === '**') {
      out += last ? '(?:[^/.][^/]*(?:/[^/.][^/]*)*)' : '(?:[^/.][^/]*/)*';
      return;
    }
    const body = fnmatchSource(segment, '[^/]');
    const hidden = /^[*?[]/.test(segment) ? '(?!\\.)' : '';
    out += `${hidden}(?:${body})${last ? '' : '/'}`;
  });
  return new RegExp(`^${out}$`, 's');
}

export type { SetupCfg };
