/**
 * The flit_core profile (flit_core 3.8, Debian 12's; `flit_core.buildapi`, and `flit.buildapi` of
 * older flit): what its PEP 517 build ships.
 *
 * flit_core's selection, from its `sdist.py`, `wheel.py`, `common.py` and `config.py`:
 * - The module: `[tool.flit.module] name`, else `[project] name` with `-` as `_` (or the old
 *   `[tool.flit.metadata] module`). A dotted name is a module in a namespace package: `ns.pkg` is
 *   the directory `ns/pkg/` (with an `__init__.py`) or `ns/pkg.py`, at the root or below `src/`.
 *   Every file of the module directory ships, whatever .gitignore says, less `__pycache__/` and
 *   `*.pyc`; in the wheel at its path below the root or `src/`. The namespace's own directory holds
 *   nothing else of the wheel's.
 * - The sdist adds pyproject.toml, the readme and `license = { file }` (the "referenced files"),
 *   `[tool.flit.external-data] directory`, then `[tool.flit.sdist] include` (Python globs; a matched
 *   directory brings all of its files) less `exclude` (which also applies to the module). The PEP
 *   517 sdist never asks git (that is the `flit` command's sdist, not flit_core's).
 * - The wheel: the module, `external-data` below `{data}/data/`, and in `.dist-info/` the
 *   `LICENSE*`/`COPYING*` files (not listed in a manifest). Nothing is written into the tree.
 * `python -m build` makes the wheel from the unpacked sdist, so an sdist exclude that hits a module
 * file takes it out of the wheel too: the translation writes excludes for both targets.
 *
 * Must not: do I/O (profiles are pure).
 */
import type { Manifest } from '../manifest/types.js';
import {
  compressPaths,
  compressWithExceptions,
  entryLine,
  pyGlobLiteral,
  tomlArray,
} from './export.js';
import { translateGlobsReporting } from './pyglob.js';
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
  type ExportResult,
} from './types.js';

/** Where flit_core finds the module, as it looks: root before src/, directory before file. */
interface FlitModule {
  name: string;
  /** The key the name came from. */
  from: string;
  /** '' or 'src' */
  prefix: string;
  /** Path below the prefix: `ns/pkg` (a package directory) or `ns/pkg.py`. */
  path: string;
  isPackage: boolean;
  found: boolean;
}

function findModule(
  doc: Record<string, unknown>,
  files: ReadonlySet<string>,
): FlitModule | undefined {
  const named = stringValue(lookup(doc, 'tool', 'flit', 'module', 'name'));
  const projectName = stringValue(lookup(doc, 'project', 'name'));
  const oldStyle = stringValue(lookup(doc, 'tool', 'flit', 'metadata', 'module'));
  const [name, from] =
    named !== undefined
      ? [named, 'tool.flit.module.name']
      : projectName !== undefined
        ? [projectName.replace(/-/g, '_'), 'project.name']
        : oldStyle !== undefined
          ? [oldStyle, 'tool.flit.metadata.module']
          : [undefined, ''];
  if (name === undefined) return undefined;
  const asPath = name.replace(/\./g, '/');
  // flit_core's Module: pkg dir, py file, src pkg dir, src py file; the last existing one is used
  // (and more than one is an error the build reports).
  const candidates: Omit<FlitModule, 'name' | 'from' | 'found'>[] = [
    { prefix: '', path: asPath, isPackage: true },
    { prefix: '', path: `${asPath}.py`, isPackage: false },
    { prefix: 'src', path: asPath, isPackage: true },
    { prefix: 'src', path: `${asPath}.py`, isPackage: false },
  ];
  let found: Omit<FlitModule, 'name' | 'from' | 'found'> | undefined;
  for (const candidate of candidates) {
    const full = candidate.prefix === '' ? candidate.path : `${candidate.prefix}/${candidate.path}`;
    const kind = existsInListing(files, full);
    if (kind === (candidate.isPackage ? 'dir' : 'file')) found = candidate;
  }
  return { name, from, ...(found ?? candidates[0]!), found: found !== undefined };
}

function modulePath(module: FlitModule): string {
  return module.prefix === '' ? module.path : `${module.prefix}/${module.path}`;
}

export const flitProfile: BackendProfile = {
  name: 'flit',
  ids: ['flit_core.buildapi', 'flit.buildapi'],
  excludeSetting: {
    sdist: '[tool.flit.sdist] exclude',
    wheel: 'flit ships the whole module: move the file out of it',
  },

  outputs(input: BackendInput) {
    // flit_core writes only PKG-INFO (built in) and .dist-info files. It forces in pyproject.toml
    // and the [project] readme and license file, which the rules always keep anyway, and the old
    // metadata table's description-file, which they do not know.
    const outputs = emptyOutputs();
    const description = stringValue(
      lookup(input.doc, 'tool', 'flit', 'metadata', 'description-file'),
    );
    if (description !== undefined)
      outputs.forced.sdist.push({
        pattern: literalPattern(description.replace(/^\.\//, '')),
        reason: 'flit_core always ships the description file',
        key: 'tool.flit.metadata.description-file',
      });
    return outputs;
  },

  translate(input: BackendInput) {
    const table = new RulesTable();
    const files = new Set(input.files);
    const doc = input.doc;
    const module = findModule(doc, files);
    if (module === undefined) {
      table.untranslated.push(
        'flit_core names no module ([project] name or [tool.flit.module] name): set tool.manifest.wheel.packages',
      );
      return table.finish();
    }
    const path = modulePath(module);
    if (!module.found) {
      table.untranslated.push(
        `${module.from}: flit_core finds no module ${module.name} (${module.path}/ or ${module.path}.py, at the root or in src/): the rules assume ${path}/; check \`manifest ls\``,
      );
    }
    table.notes.push(
      `module ${module.name} (from ${module.from}): ${path}${module.isPackage ? '/' : ''} ships in the sdist and the wheel`,
    );

    // sdist: the module and the referenced files, then [tool.flit.sdist] include.
    const include = [literalPattern(path, module.isPackage)];
    const description = stringValue(lookup(doc, 'tool', 'flit', 'metadata', 'description-file'));
    if (description !== undefined) include.push(literalPattern(description.replace(/^\.\//, '')));
    const dataDir = stringValue(lookup(doc, 'tool', 'flit', 'external-data', 'directory'));
    const dataPath = dataDir?.replace(/^\.\//, '').replace(/\/+$/, '');
    if (dataPath !== undefined) include.push(literalPattern(dataPath, true));
    table.addPatterns('sdist', 'include', include, 'flit_core: the module and the files it ships');

    const sdist = lookup(doc, 'tool', 'flit', 'sdist');
    const globsOf = (key: 'include' | 'exclude'): string[] =>
      isTable(sdist) ? (stringList(sdist[key]) ?? []) : [];
    const includeGlobs = globsOf('include');
    if (includeGlobs.length > 0) {
      const from = 'tool.flit.sdist.include';
      const patterns = translateGlobsReporting(
        includeGlobs,
        input.files,
        'glob',
        from,
        table.untranslated,
      );
      table.addPatterns('sdist', 'include', patterns, from);
      table.notes.push(`sdist.include += ${JSON.stringify(patterns)} (from ${from})`);
    }
    const excludeGlobs = globsOf('exclude');
    if (excludeGlobs.length > 0) {
      const from = 'tool.flit.sdist.exclude';
      const patterns = translateGlobsReporting(
        excludeGlobs,
        input.files,
        'glob',
        from,
        table.untranslated,
      );
      // The wheel is built from the sdist: what the sdist leaves out, the wheel lacks too.
      table.addPatterns('shared', 'exclude', patterns, from);
      table.notes.push(
        `exclude = ${JSON.stringify(patterns)} (from ${from}; the wheel is built from the sdist, so both targets)`,
      );
    }

    // wheel: the module below the root or src/.
    const projectName = stringValue(lookup(doc, 'project', 'name'));
    table.setWheelPackages(projectName, files, module.prefix, [module.path], module.from);

    // external-data: every file below {data}/data/, one map line each.
    if (dataPath !== undefined) {
      const below = input.files.filter((f) => f.startsWith(`${dataPath}/`));
      for (const file of below)
        table.addMap(file, `{data}/data/${file.slice(dataPath.length + 1)}`);
      table.untranslated.push(
        `tool.flit.external-data.directory: ${dataPath}/ is mapped file by file (${below.length} files); a new file there needs its own tool.manifest.wheel.map line`,
      );
    }
    table.notes.push(
      'flit_core does not read .gitignore: a file git ignores inside the module still ships when it is on disk (`manifest validate dist/*` reports it)',
    );
    return table.finish();
  },

  exportConfig(manifest: Manifest, input: BackendInput): ExportResult {
    return exportFlit(manifest, input);
  },
};

/** `[tool.flit.sdist] include/exclude` reproducing the manifest's sdist; the rest named. */
function exportFlit(manifest: Manifest, input: BackendInput): ExportResult {
  const files = new Set(input.files);
  const module = findModule(input.doc, files);
  const inexpressible: string[] = [];
  if (module === undefined || !module.found) {
    inexpressible.push(
      'flit_core needs its module ([project] name or [tool.flit.module] name) in the tree',
    );
  }
  const root = module !== undefined ? modulePath(module) : undefined;
  const inModule = (src: string): boolean =>
    root !== undefined && (src === root || src.startsWith(`${root}/`));
  const referenced = new Set(['pyproject.toml']);
  const readme = lookup(input.doc, 'project', 'readme');
  const readmePath = typeof readme === 'string' ? readme : stringValue(lookup(readme, 'file'));
  if (readmePath !== undefined) referenced.add(readmePath);
  const license = stringValue(lookup(input.doc, 'project', 'license', 'file'));
  if (license !== undefined) referenced.add(license);

  const shipped = new Set<string>();
  for (const entry of manifest.sdist) {
    if (entry.kind === 'dir' || (entry.kind === 'gen' && entry.dest === 'PKG-INFO')) continue;
    if (entry.kind === 'mod') shipped.add(entry.src);
    else
      inexpressible.push(
        `${entryLine('sdist', entry)}: flit_core writes no file but PKG-INFO and rewrites none`,
      );
  }
  for (const file of referenced)
    if (!shipped.has(file) && files.has(file))
      inexpressible.push(`[sdist] ${file} is not listed, but flit_core always ships it`);
  const include = new Set([...shipped].filter((f) => !inModule(f) && !referenced.has(f)));
  const exclude = new Set(input.files.filter((f) => inModule(f) && !shipped.has(f)));

  // The wheel: exactly the module files the sdist ships, below the root or src/.
  const expected = new Map<string, string>();
  if (module !== undefined)
    for (const src of shipped)
      if (inModule(src))
        expected.set(src, module.prefix === '' ? src : src.slice(module.prefix.length + 1));
  const listed = new Set<string>();
  for (const entry of manifest.wheel) {
    if (entry.kind === 'dir') continue;
    if (entry.kind === 'mod' && expected.get(entry.src) === entry.dest) {
      listed.add(entry.src);
      continue;
    }
    inexpressible.push(
      `${entryLine('wheel', entry)}: flit_core's wheel holds only the module${module !== undefined ? ` ${module.name}` : ''}, each file at its path below ${module?.prefix === 'src' ? 'src/' : 'the root'}`,
    );
  }
  for (const [src, dest] of expected)
    if (!listed.has(src))
      inexpressible.push(
        `[wheel] ${dest} is not listed, but flit_core ships every module file the sdist has (${src})`,
      );

  // flit_core 3.8's wheel, built straight from the tree, takes the whole module directory:
  // `[tool.flit.sdist] exclude` leaves a file out of the sdist (and so of a wheel built from it)
  // only.
  if (module !== undefined)
    for (const src of [...exclude].sort())
      inexpressible.push(
        `[wheel] ${module.prefix === '' ? src : src.slice(module.prefix.length + 1)} is not listed, but a wheel flit_core builds from the tree ships every module file (${src}); sdist.exclude applies to the sdist and a wheel built from it only`,
      );

  // Outside the module: directories taken whole less a few files, where that is shorter.
  const others = compressWithExceptions(
    include,
    input.files.filter((f) => !inModule(f) && !referenced.has(f)),
  );
  const excludes = [...compressPaths(exclude, input.files), ...others.exclude].sort();
  const text = [
    '[tool.flit.sdist]',
    `include = ${tomlArray(others.include.map(pyGlobLiteral))}`,
    `exclude = ${tomlArray(excludes.map(pyGlobLiteral))}`,
    '',
  ].join('\n');
  return { file: 'pyproject.toml', text, inexpressible };
}
