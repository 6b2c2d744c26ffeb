/**
 * The pdm profile: pdm-pep517 1.1 (Debian 12's, `pdm.pep517.api`) and pdm-backend 2
 * (`pdm.backend`), which select files the same way.
 *
 * Their selection, from pdm-pep517's `base.py`, `sdist.py`, `wheel.py` and pdm-backend's
 * `base.py`, `sdist.py`, `hooks/version`:
 * - Settings live in `[tool.pdm.build]` (pdm-pep517 also reads them from `[tool.pdm]` itself):
 *   `package-dir` (default `src` when the directory exists), `includes` (default: every top-level
 *   package below package-dir, a directory holding `__init__.py`, else its `*.py` files),
 *   `source-includes` (default `["tests"]`), `excludes` (plus `build`).
 * - They are Python globs (`glob.iglob(recursive=True)`); a matched directory brings every file
 *   below it (hidden ones too) but `*.pyc`. A path both included and excluded goes to the more
 *   specific pattern (more path parts, then fewer wildcards; a tie to the exclude). No ignore file
 *   is read.
 * - sdist: includes and source-includes, less excludes, plus the readme, the license files
 *   (`project.license-files`, by default `LICENSES/*`, `LICEN[CS]E*`, `COPYING*`, `NOTICE*`,
 *   `AUTHORS*`), the setup script (pdm-backend: the `pdm_build.py` hook) and pyproject.toml,
 *   which is written anew (the metadata, with a dynamic version made static): an `alt` line.
 * - wheel: includes less excludes and source-includes, each at its path below package-dir (or its
 *   tree path when it is outside); `[tool.pdm.version] write_to` writes the version file into the
 *   wheel (pdm-backend: into the sdist too, below package-dir).
 *
 * Must not: do I/O (profiles are pure).
 */
import type { Manifest } from '../manifest/types.js';
import {
  matchGlobPaths,
  normalizeGlob,
  selectByGlob,
  translateGlobs,
  translateGlobsReporting,
} from './pyglob.js';
import {
  checkForced,
  compressWithExceptions,
  entryLine,
  kindOf,
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
  stringList,
  stringValue,
} from './table.js';
import {
  emptyOutputs,
  type BackendInput,
  type BackendProfile,
  type BuildOutputs,
  type ExportResult,
} from './types.js';

const DEFAULT_LICENSE_GLOBS = ['LICENSES/*', 'LICEN[CS]E*', 'COPYING*', 'NOTICE*', 'AUTHORS*'];

function isBackend(doc: Record<string, unknown>): boolean {
  const id = stringValue(lookup(doc, 'build-system', 'build-backend')) ?? '';
  return id.startsWith('pdm.backend');
}

/** A `[tool.pdm.build]` value, or pdm-pep517's older `[tool.pdm]` spelling. */
function setting(
  doc: Record<string, unknown>,
  key: string,
): { value: unknown; from: string } | undefined {
  const build = lookup(doc, 'tool', 'pdm', 'build');
  if (isTable(build) && key in build) return { value: build[key], from: `tool.pdm.build.${key}` };
  const pdm = lookup(doc, 'tool', 'pdm');
  if (!isBackend(doc) && isTable(pdm) && key in pdm)
    return { value: pdm[key], from: `tool.pdm.${key}` };
  return undefined;
}

function settingList(
  doc: Record<string, unknown>,
  key: string,
): { value: string[]; from: string } | undefined {
  const found = setting(doc, key);
  const value = stringList(found?.value);
  return found !== undefined && value !== undefined ? { value, from: found.from } : undefined;
}

function packageDir(doc: Record<string, unknown>, files: ReadonlySet<string>): string {
  const explicit = stringValue(setting(doc, 'package-dir')?.value);
  if (explicit !== undefined) return normalizeGlob(explicit) ?? '';
  return existsInListing(files, 'src') === 'dir' ? 'src' : '';
}

interface Selection {
  packageDir: string;
  includes: string[];
  includesFrom: string;
  sourceIncludes: string[];
  excludes: string[];
}

function selection(doc: Record<string, unknown>, files: ReadonlySet<string>): Selection {
  const dir = packageDir(doc, files);
  const includes = settingList(doc, 'includes');
  let globs = includes?.value ?? [];
  let includesFrom = includes?.from ?? '';
  if (globs.length === 0) {
    // The top packages below package-dir, else its modules.
    const prefix = dir === '' ? '' : `${dir}/`;
    const tops = new Set<string>();
    for (const file of files) {
      if (!file.startsWith(prefix)) continue;
      const parts = file.slice(prefix.length).split('/');
      if (
        parts.length === 2 &&
        parts[1] === '__init__.py' &&
        !['__pycache__', '__pypackages__'].includes(parts[0]!)
      )
        tops.add(`${prefix}${parts[0]}`);
    }
    globs = tops.size > 0 ? [...tops].sort() : [`${dir === '' ? '.' : dir}/*.py`];
    includesFrom = `the top-level packages below ${dir === '' ? 'the project root' : `${dir}/`} (the default for includes)`;
  }
  const source = settingList(doc, 'source-includes');
  return {
    packageDir: dir,
    includes: globs,
    includesFrom,
    sourceIncludes: source !== undefined && source.value.length > 0 ? source.value : ['tests'],
    excludes: ['build', ...(settingList(doc, 'excludes')?.value ?? [])],
  };
}

/** pdm's _merge_globs weight: (path parts, -wildcards); a path in both lists goes to the heavier. */
function weight(glob: string): [number, number] {
  const parts = (normalizeGlob(glob) ?? glob).split('/');
  let wildcards = 0;
  if (/[*?[]/.test(glob))
    for (const part of parts) wildcards += part === '**' ? 2 : /[*?[]/.test(part) ? 1 : 0;
  return [parts.length, -wildcards];
}

function heavier(a: [number, number], b: [number, number]): boolean {
  return a[0] > b[0] || (a[0] === b[0] && a[1] > b[1]);
}

function writeTo(doc: Record<string, unknown>): string | undefined {
  const version = lookup(doc, 'tool', 'pdm', 'version');
  const source = stringValue(lookup(version, 'source'));
  if (source === 'file') return undefined;
  return stringValue(lookup(version, 'write_to'));
}

export const pdmProfile: BackendProfile = {
  name: 'pdm',
  ids: ['pdm.backend', 'pdm.pep517.api'],
  excludeSetting: {
    sdist: '[tool.pdm.build] excludes',
    wheel: '[tool.pdm.build] excludes',
  },

  outputs(input: BackendInput): BuildOutputs {
    const outputs = emptyOutputs();
    const doc = input.doc;
    const backend = isBackend(doc) ? 'pdm-backend' : 'pdm-pep517';
    outputs.rewritten.sdist.push({
      pattern: '/pyproject.toml',
      reason: `${backend} writes pyproject.toml anew into the sdist (the metadata, the version made static)`,
    });
    const readme = lookup(doc, 'project', 'readme');
    const readmePath = typeof readme === 'string' ? readme : stringValue(lookup(readme, 'file'));
    if (readmePath !== undefined)
      outputs.forced.sdist.push({
        pattern: literalPattern(readmePath),
        reason: `${backend} ships the readme`,
        key: 'project.readme',
      });
    const licenseFiles = lookup(doc, 'project', 'license-files');
    const licenseFile = stringValue(lookup(doc, 'project', 'license', 'file'));
    const paths =
      stringList(lookup(licenseFiles, 'paths')) ??
      (licenseFiles === undefined && licenseFile !== undefined ? [licenseFile] : undefined);
    const globs =
      paths !== undefined
        ? []
        : (stringList(lookup(licenseFiles, 'globs')) ??
          stringList(licenseFiles) ??
          DEFAULT_LICENSE_GLOBS);
    for (const path of paths ?? [])
      outputs.forced.sdist.push({
        pattern: literalPattern(path),
        reason: `${backend} ships the license files`,
        key: 'project.license-files',
      });
    for (const glob of globs)
      outputs.forced.sdist.push({
        pattern: `/${glob}`,
        reason: `${backend} ships the license files`,
        key:
          licenseFiles === undefined
            ? `project.license-files (${backend}'s default)`
            : 'project.license-files',
      });
    const script =
      stringValue(setting(doc, 'setup-script')?.value) ??
      (backend === 'pdm-backend'
        ? (stringValue(setting(doc, 'custom-hook')?.value) ?? 'pdm_build.py')
        : undefined);
    if (script !== undefined)
      outputs.forced.sdist.push({
        pattern: literalPattern(script),
        reason: `${backend} ships its build script in the sdist`,
      });
    const version = writeTo(doc);
    if (version !== undefined) {
      const path = normalizeGlob(version) ?? version;
      outputs.generated.wheel.push({
        pattern: path,
        reason: `${backend} writes the version file into the wheel`,
        key: 'tool.pdm.version.write_to',
      });
      if (backend === 'pdm-backend') {
        const dir = packageDir(doc, new Set(input.files));
        outputs.generated.sdist.push({
          pattern: dir === '' ? path : `${dir}/${path}`,
          reason: 'pdm-backend writes the version file into the sdist',
          key: 'tool.pdm.version.write_to',
        });
      }
    }
    return outputs;
  },

  translate(input: BackendInput) {
    const table = new RulesTable();
    const doc = input.doc;
    const files = new Set(input.files);
    const sel = selection(doc, files);
    const backend = isBackend(doc) ? 'pdm-backend' : 'pdm-pep517';

    // sdist: includes and source-includes.
    const sdistGlobs = [...sel.includes, ...sel.sourceIncludes];
    const include = translateGlobsReporting(
      sdistGlobs,
      input.files,
      'glob',
      'tool.pdm.build.includes',
      table.untranslated,
    );
    table.addPatterns('sdist', 'include', include, sel.includesFrom);
    table.notes.push(
      `sdist.include = ${JSON.stringify(include)} (from ${sel.includesFrom}${settingList(doc, 'source-includes') ? ' and tool.pdm.build.source-includes' : ' and the default source-includes ["tests"]'})`,
    );

    // excludes, with pdm's precedence: a path both included and excluded goes to the more
    // specific pattern.
    const excludeGlobs = sel.excludes.filter(
      (g) => selectByGlob(input.files, g, 'glob').size > 0 || g !== 'build',
    );
    const excludes = translateGlobsReporting(
      excludeGlobs,
      input.files,
      'glob',
      'tool.pdm.build.excludes',
      table.untranslated,
    );
    const kept: string[] = [];
    for (const inc of sdistGlobs) {
      for (const { path } of matchGlobPaths(input.files, inc, 'glob')) {
        for (const exc of excludeGlobs) {
          if (
            matchGlobPaths(input.files, exc, 'glob').some((m) => m.path === path) &&
            heavier(weight(inc), weight(exc))
          )
            kept.push(`!${literalPattern(path)}`);
        }
      }
    }
    const excludePatterns = [...excludes, ...kept];
    if (excludePatterns.length > 0) {
      table.addPatterns('shared', 'exclude', excludePatterns, 'tool.pdm.build.excludes');
      table.notes.push(
        `exclude = ${JSON.stringify(excludePatterns)} (from tool.pdm.build.excludes)`,
      );
    }

    // wheel: the includes below package-dir; source-includes are left out.
    const prefix = sel.packageDir === '' ? '' : `${sel.packageDir}/`;
    const roots: string[] = [];
    for (const inc of sel.includes) {
      for (const { path } of matchGlobPaths(input.files, inc, 'glob')) {
        if (prefix === '' || path.startsWith(prefix)) roots.push(path.slice(prefix.length));
        else {
          const below =
            existsInListing(files, path) === 'file'
              ? [path]
              : input.files.filter((f) => f.startsWith(`${path}/`));
          for (const file of below) table.addMap(file, file);
          table.untranslated.push(
            `tool.pdm.build.includes: ${path} is outside package-dir and lands at the wheel's root: mapped file by file in tool.manifest.wheel.map`,
          );
        }
      }
    }
    if (roots.length > 0)
      table.setWheelPackages(
        stringValue(lookup(doc, 'project', 'name')),
        files,
        sel.packageDir,
        roots,
        sel.includesFrom,
      );
    else
      table.untranslated.push(
        `${sel.includesFrom}: no package for the wheel; set tool.manifest.wheel.packages`,
      );
    const wheelExclude = translateGlobs(sel.sourceIncludes, input.files, 'glob').patterns.filter(
      (p) => roots.some((r) => p.startsWith(`/${prefix}${r}`)),
    );
    if (wheelExclude.length > 0)
      table.addPatterns('wheel', 'exclude', wheelExclude, 'tool.pdm.build.source-includes');

    if (
      setting(doc, 'run-setuptools')?.value === true ||
      setting(doc, 'setup-script') !== undefined
    )
      table.untranslated.push(
        `${backend}'s setup script may build extension modules: list them in tool.manifest.wheel.generated`,
      );
    table.notes.push(
      `${backend} does not read .gitignore: a file git ignores inside what it includes still ships when it is on disk (\`manifest validate dist/*\` reports it)`,
    );
    return table.finish();
  },

  exportConfig(manifest: Manifest, input: BackendInput): ExportResult {
    return exportPdm(manifest, input);
  },
};

/**
 * `package-dir`, `includes`, `source-includes` and `excludes` reproducing the manifest: the wheel's
 * files are the includes (below the package-dir the wheel paths strip), the sdist's other files
 * source-includes, files below an included directory that the manifest leaves out excludes.
 */
function exportPdm(manifest: Manifest, input: BackendInput): ExportResult {
  const inexpressible: string[] = [];
  const outputs = pdmProfile.outputs(input);
  const forced = checkForced(outputs.forced.sdist, manifest, input.files, 'pdm');
  inexpressible.push(...forced.unlisted);
  const genSdist = new Set(outputs.generated.sdist.map((o) => o.pattern));
  const genWheel = new Set(outputs.generated.wheel.map((o) => o.pattern));
  const sdist = new Set<string>();
  for (const entry of manifest.sdist) {
    if (entry.kind === 'dir') continue;
    if (entry.kind === 'gen') {
      if (entry.dest !== 'PKG-INFO' && !genSdist.has(entry.dest))
        inexpressible.push(`${entryLine('sdist', entry)}: pdm writes no such file`);
      continue;
    }
    if (entry.src === 'pyproject.toml') continue;
    // pdm rewrites only pyproject.toml: another `alt:` line cannot be reproduced.
    if (kindOf(entry) !== 'mod')
      inexpressible.push(`${entryLine('sdist', entry)}: pdm rewrites only pyproject.toml`);
    else if (!forced.isForced(entry.src)) sdist.add(entry.src);
  }

  // The wheel: one stripped directory (package-dir) for every file.
  const wheel = new Set<string>();
  const dirs = new Set<string>();
  for (const entry of manifest.wheel) {
    if (entry.kind === 'dir') continue;
    if (entry.kind === 'gen') {
      if (!genWheel.has(entry.dest))
        inexpressible.push(`${entryLine('wheel', entry)}: pdm writes no such file`);
      continue;
    }
    if (entry.kind !== 'mod' || entry.dest.startsWith('{data}/')) {
      inexpressible.push(
        `${entryLine('wheel', entry)}: pdm puts tree files in the wheel at their path below package-dir`,
      );
      continue;
    }
    const [from, to] = prefixPair(entry.src, entry.dest);
    if (to !== '') {
      inexpressible.push(`${entryLine('wheel', entry)}: pdm keeps paths below package-dir`);
      continue;
    }
    dirs.add(from.replace(/\/$/, ''));
    wheel.add(entry.src);
  }
  if (dirs.size > 1)
    inexpressible.push(
      `[wheel] paths below several directories (${[...dirs].join(', ')}): pdm strips one package-dir`,
    );
  const packageDir = [...dirs][0] ?? '';
  // pdm's excludes apply to both targets; a file only the sdist has is a source-include (those
  // are excluded from the wheel), so the wheel's directories may hold such files.
  const forcedOut = input.files.filter((f) => !forced.isForced(f) && f !== 'pyproject.toml');
  for (const src of wheel) sdist.delete(src);
  const wheelPaths = compressWithExceptions(
    wheel,
    forcedOut.filter((f) => !sdist.has(f)),
  );
  const sourcePaths = compressWithExceptions(
    sdist,
    forcedOut.filter((f) => !wheel.has(f)),
    wheel,
  );
  const includes = wheelPaths.include;
  const sourceIncludes = sourcePaths.include;
  const excluded = new Set([...wheelPaths.exclude, ...sourcePaths.exclude]);
  const lines = ['[tool.pdm.build]'];
  if (packageDir !== '' || dirs.size === 1)
    lines.push(`package-dir = ${JSON.stringify(packageDir)}`);
  lines.push(`includes = ${tomlArray(includes.map(pyGlobLiteral))}`);
  lines.push(`source-includes = ${tomlArray(sourceIncludes.map(pyGlobLiteral))}`);
  lines.push(`excludes = ${tomlArray([...excluded].sort().map(pyGlobLiteral))}`);
  if (sourceIncludes.length === 0 && input.files.some((f) => f.startsWith('tests/')))
    inexpressible.push('[sdist] tests/: pdm adds it to the sdist when source-includes is empty');
  return { file: 'pyproject.toml', text: `${lines.join('\n')}\n`, inexpressible };
}
