/**
 * `manifest init`'s fallback for a build backend no profile in src/backends/ knows: from
 * pyproject.toml and the listed files, work out the layout and translate the file-selection
 * settings it recognises into a minimal `[tool.manifest]` table.
 *
 * Owns: what is "clearly translatable" and the TOML text of the table. Anything that is not
 * (hatch `sources`, setuptools `package-data`, poetry `include`, …) is reported, never guessed.
 * Must not: read or write files (api/init.ts does), or emit keys package detection already gets
 * right: the table stays minimal, so a later rename of the package needs no edit.
 * Pure: smol-toml parses; detect.ts finds the package exactly as expansion will.
 */
import { parse } from 'smol-toml';
import { detectPackages } from './detect.js';
import { checkGitignorePattern } from './patterns.js';

export interface InferInput {
  /** The text of pyproject.toml. */
  pyproject: string;
  /** Project-relative paths the walker lists (ignore files applied). */
  files: readonly string[];
  /**
   * The manifest file name, for the comment in the table.
   * @default 'pyproject-manifest.txt'
   */
  manifestFile?: string;
}

export type Layout = 'src' | 'flat' | 'single-module' | 'namespace' | 'unknown';

export interface Inference {
  /** The backend named by `[build-system].build-backend`, if any. */
  backend: string | undefined;
  layout: Layout;
  /** What was found and written, one line each (for the user). */
  inferred: string[];
  /** Backend settings left out, each with the reason (for the user). */
  untranslated: string[];
  /** The `[tool.manifest]` tables, ready to append (starts with `[tool.manifest]`, ends with `\n`). */
  table: string;
}

type Table = Record<string, unknown>;
type ListKey = 'include' | 'exclude' | 'artifacts';
type Section = Partial<Record<ListKey, string[]>> & { 'ignore-file'?: false };

function isTable(v: unknown): v is Table {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date);
}

function get(doc: Table, ...keys: string[]): unknown {
  let cur: unknown = doc;
  for (const k of keys) cur = isTable(cur) ? cur[k] : undefined;
  return cur;
}

function strings(v: unknown): string[] | undefined {
  return Array.isArray(v) && v.every((x) => typeof x === 'string') ? (v as string[]) : undefined;
}

/** A root-relative glob (flit, poetry, pdm, MANIFEST.in) as an anchored gitignore pattern. */
function anchor(glob: string): string {
  const p = glob.replace(/^(\.\/)+/, '');
  return p.startsWith('/') || p.startsWith('**/') ? p : `/${p}`;
}

class Builder {
  readonly shared: Section = {};
  readonly sdist: Section = {};
  readonly wheel: Section = {};
  packagesDir: string | undefined;
  packages: string[] | undefined;
  readonly inferred: string[] = [];
  readonly untranslated: string[] = [];

  add(section: Section, key: ListKey, patterns: readonly string[], from: string): void {
    const ok: string[] = [];
    for (const p of patterns) {
      const problem = checkGitignorePattern(p);
      if (problem !== undefined) this.untranslated.push(`${from}: ${JSON.stringify(p)} ${problem}`);
      else ok.push(p);
    }
    if (ok.length === 0) return;
    (section[key] ??= []).push(...ok);
    const where = section === this.shared ? '' : section === this.sdist ? 'sdist.' : 'wheel.';
    this.inferred.push(`${where}${key} = ${JSON.stringify(ok)} (from ${from})`);
  }

  setPackages(dir: string, packages: string[], from: string): void {
    this.packagesDir = dir;
    this.packages = packages;
    this.inferred.push(
      `wheel.packages-dir = ${JSON.stringify(dir)}, wheel.packages = ${JSON.stringify(packages)} (from ${from})`,
    );
  }
}

function translateHatch(doc: Table, b: Builder, files: ReadonlySet<string>): void {
  const build = get(doc, 'tool', 'hatch', 'build');
  if (!isTable(build)) return;
  const layers: [string, Table | undefined, Section][] = [
    ['tool.hatch.build', build, b.shared],
    [
      'tool.hatch.build.targets.sdist',
      get(build, 'targets', 'sdist') as Table | undefined,
      b.sdist,
    ],
    [
      'tool.hatch.build.targets.wheel',
      get(build, 'targets', 'wheel') as Table | undefined,
      b.wheel,
    ],
  ];
  for (const [name, table, section] of layers) {
    if (!isTable(table)) continue;
    for (const [key, value] of Object.entries(table)) {
      const from = `${name}.${key}`;
      const list = strings(value);
      if ((key === 'include' || key === 'exclude' || key === 'artifacts') && list) {
        b.add(section, key, list, from);
      } else if (key === 'only-include' && list) {
        b.add(section, 'include', list.map(anchor), from);
      } else if (key === 'ignore-vcs' && value === true) {
        section['ignore-file'] = false;
        b.inferred.push(`ignore-file = false (from ${from})`);
      } else if (key === 'packages' && list && section === b.wheel) {
        const dirs = new Set(
          list.map((p) => p.replace(/\/+$/, '').split('/').slice(0, -1).join('/')),
        );
        if (dirs.size === 1) {
          b.setPackages(
            [...dirs][0]!,
            list.map((p) => p.replace(/\/+$/, '').split('/').pop()!),
            from,
          );
        } else
          b.untranslated.push(
            `${from}: packages in several directories; list them in tool.manifest.wheel.packages`,
          );
      } else if (key === 'force-include' && isTable(value) && section === b.wheel) {
        for (const [src, dest] of Object.entries(value)) {
          if (typeof dest === 'string' && files.has(src)) {
            b.untranslated.push(
              `${from}: ${src} -> ${dest}: add it to tool.manifest.wheel.map if the wheel must carry it there`,
            );
          } else
            b.untranslated.push(`${from}: ${src} is not a single file; map names files one by one`);
        }
      } else if (key === 'targets' && section === b.shared) {
        continue;
      } else if (
        ['dev-mode-dirs', 'dev-mode-exact', 'reproducible', 'hooks', 'directory'].includes(key)
      ) {
        continue; // no effect on which files ship
      } else {
        b.untranslated.push(`${from}: not translated (no equivalent in [tool.manifest])`);
      }
    }
  }
}

function translateFlit(doc: Table, b: Builder): string | undefined {
  const sdist = get(doc, 'tool', 'flit', 'sdist');
  if (isTable(sdist)) {
    const exclude = strings(sdist.exclude);
    if (exclude) b.add(b.sdist, 'exclude', exclude.map(anchor), 'tool.flit.sdist.exclude');
    if (strings(sdist.include)?.length) {
      b.inferred.push(
        'tool.flit.sdist.include needs no rule: the sdist takes the project tree, less ignored files',
      );
    }
  }
  const module = get(doc, 'tool', 'flit', 'module', 'name');
  return typeof module === 'string' ? module : undefined;
}

function translatePoetry(doc: Table, b: Builder): void {
  const poetry = get(doc, 'tool', 'poetry');
  if (!isTable(poetry)) return;
  const packages = poetry.packages;
  if (Array.isArray(packages)) {
    const simple = packages.every(
      (p) => isTable(p) && typeof p.include === 'string' && p.format === undefined,
    );
    const froms = new Set(
      packages.map((p) =>
        isTable(p) && typeof p.from === 'string' ? p.from.replace(/\/+$/, '') : '',
      ),
    );
    if (simple && froms.size === 1) {
      b.setPackages(
        [...froms][0]!,
        packages.map((p) => String((p as Table).include)),
        'tool.poetry.packages',
      );
    } else
      b.untranslated.push(
        'tool.poetry.packages: several `from` directories or a `format`; list them in tool.manifest.wheel.packages',
      );
  }
  const exclude = strings(poetry.exclude);
  if (exclude) b.add(b.shared, 'exclude', exclude.map(anchor), 'tool.poetry.exclude');
  if (poetry.include !== undefined) {
    b.untranslated.push(
      'tool.poetry.include: not translated; ignored files that must ship go in tool.manifest.artifacts',
    );
  }
}

function translatePdm(doc: Table, b: Builder): void {
  const build = get(doc, 'tool', 'pdm', 'build');
  if (!isTable(build)) return;
  if (typeof build['package-dir'] === 'string') {
    b.packagesDir = build['package-dir'].replace(/\/+$/, '');
    b.inferred.push(
      `wheel.packages-dir = ${JSON.stringify(b.packagesDir)} (from tool.pdm.build.package-dir)`,
    );
  }
  const excludes = strings(build.excludes);
  if (excludes) b.add(b.shared, 'exclude', excludes.map(anchor), 'tool.pdm.build.excludes');
  for (const key of ['includes', 'source-includes']) {
    if (key in build)
      b.untranslated.push(
        `tool.pdm.build.${key}: not translated; ignored files that must ship go in tool.manifest.artifacts`,
      );
  }
}

function renderSection(header: string, section: Section, extra: string[] = []): string[] {
  const lines: string[] = [];
  if (section['ignore-file'] === false) lines.push('ignore-file = false');
  for (const key of ['include', 'exclude', 'artifacts'] as const) {
    const list = section[key];
    if (list !== undefined)
      lines.push(`${key} = [${list.map((p) => JSON.stringify(p)).join(', ')}]`);
  }
  lines.push(...extra);
  return lines.length === 0 ? [] : ['', header, ...lines];
}

/**
 * Infer a minimal `[tool.manifest]` table for a project that has none.
 * @example inferRules({ pyproject: '[project]\nname = "x"\n', files: ['x/__init__.py'] }).layout → 'flat'
 */
export function inferRules(input: InferInput): Inference {
  const doc = parse(input.pyproject) as Table;
  const files = new Set(input.files);
  const b = new Builder();
  const backendValue = get(doc, 'build-system', 'build-backend');
  const backend = typeof backendValue === 'string' ? backendValue : undefined;
  if (backend !== undefined) b.inferred.push(`build backend: ${backend}`);

  let moduleName: string | undefined;
  translateHatch(doc, b, files);
  moduleName = translateFlit(doc, b);
  translatePoetry(doc, b);
  translatePdm(doc, b);

  // Layout: detection as expansion runs it, from the name the backend uses.
  const projectName = get(doc, 'project', 'name') ?? get(doc, 'tool', 'poetry', 'name');
  const name = moduleName ?? (typeof projectName === 'string' ? projectName : undefined);
  let layout: Layout = 'unknown';
  if (b.packages !== undefined && name !== undefined) {
    // The backend names what detection finds anyway: leave the keys out, keep the table minimal.
    const found = detectPackages(name, files, b.packagesDir);
    if (
      found !== undefined &&
      found.packagesDir === b.packagesDir &&
      found.packages.join() === b.packages.join()
    ) {
      b.packages = undefined;
      b.inferred.pop();
      // packages-dir is needed unless detection looks there by itself (the root or src/).
      const auto = detectPackages(name, files, undefined);
      if (auto?.packagesDir === found.packagesDir) b.packagesDir = undefined;
      else b.inferred.push(`wheel.packages-dir = ${JSON.stringify(found.packagesDir)}`);
    }
  }
  if (b.packages !== undefined) {
    const first = b.packages[0] ?? '';
    layout = first.endsWith('.py') ? 'single-module' : b.packagesDir === 'src' ? 'src' : 'flat';
  } else {
    const found = name !== undefined ? detectPackages(name, files, b.packagesDir) : undefined;
    if (found !== undefined) {
      const pkg = found.packages[0]!;
      layout = found.evidence.endsWith('/')
        ? 'namespace'
        : pkg.endsWith('.py')
          ? 'single-module'
          : found.packagesDir === 'src'
            ? 'src'
            : 'flat';
      const where = found.packagesDir === '' ? pkg : `${found.packagesDir}/${pkg}`;
      b.inferred.push(
        `${layout} layout: wheel package ${where} (found ${found.evidence}; detected from the name at each run, so no key is written)`,
      );
      if (moduleName !== undefined && moduleName !== projectName) {
        b.setPackages(found.packagesDir, found.packages, 'tool.flit.module.name');
      }
    } else {
      // No package under the project's name: take the importable directories there are.
      const under = (dir: string) =>
        [...files]
          .filter((f) => f.startsWith(dir === '' ? '' : `${dir}/`) && f.endsWith('/__init__.py'))
          .map((f) => f.slice(dir === '' ? 0 : dir.length + 1).split('/'))
          .filter((parts) => parts.length === 2 && !['tests', 'test', 'docs'].includes(parts[0]!))
          .map((parts) => parts[0]!);
      for (const dir of b.packagesDir !== undefined ? [b.packagesDir] : ['src', '']) {
        const found = [...new Set(under(dir))].sort();
        if (found.length > 0) {
          b.setPackages(
            dir,
            found,
            `directories holding __init__.py in ${dir === '' ? 'the project root' : `${dir}/`}`,
          );
          layout = dir === 'src' ? 'src' : 'flat';
          break;
        }
      }
      if (layout === 'unknown') {
        b.untranslated.push(
          'no wheel package found: set tool.manifest.wheel.packages (and packages-dir)',
        );
      }
    }
  }

  const manifestFile = input.manifestFile ?? 'pyproject-manifest.txt';
  const wheelExtra: string[] = [];
  if (b.packagesDir !== undefined)
    wheelExtra.push(`packages-dir = ${JSON.stringify(b.packagesDir)}`);
  if (b.packages !== undefined)
    wheelExtra.push(`packages = [${b.packages.map((p) => JSON.stringify(p)).join(', ')}]`);
  const top = renderSection('[tool.manifest]', b.shared);
  const lines = [
    '[tool.manifest]',
    `# What ships in the sdist and the wheel: these rules expand into ${manifestFile}.`,
    '# Change them, then run `manifest update` (see `manifest explain PATH` for why a file ships).',
    ...top.slice(2),
    ...renderSection('[tool.manifest.sdist]', b.sdist),
    ...renderSection('[tool.manifest.wheel]', b.wheel, wheelExtra),
  ];
  return {
    backend,
    layout,
    inferred: b.inferred,
    untranslated: b.untranslated,
    table: `${lines.join('\n')}\n`,
  };
}
