#!/usr/bin/env node
/**
 * `npm run fuzz:hostile -- [--target manifest|pyproject|archive|all] [--seconds N | --cases N]
 * [--seed S] [--from I]`: run the built CLI on mutated manifests, pyproject.toml files and archive bytes
 * (issue #12). Every run must end with exit 0, 1 or 2, without a stack trace or an internal error,
 * within 10 s and under 1 GB (the child's heap is capped at 1 GB; its peak RSS is checked too when
 * /usr/bin/time is there). The first case that breaks a rule is saved under a temp directory and
 * printed, with its seed, and the script exits 1; 0 when every case held, 2 on bad arguments.
 *
 * test/hostile/fuzz.test.ts runs a short slice of each target on every `npm test` (seconds); run
 * this for minutes to search further. A case is named by (target, seed, index): the same build and
 * the same fixtures give the same case again (`--seed S --cases N` replays the first N, `--from I --cases 1` case I alone). The built
 * CLI (dist/cli, self-contained but for package.json) is copied into the run's workspace first, so that a rebuild while
 * the fuzzer runs cannot be mistaken for a crash.
 *
 * Mutations are byte-level (flips, inserts, truncations, splices) plus structure-aware ones that
 * aim at the issue's classes: many-star globs against long names, thousands of path segments,
 * deep TOML, long strings, quoted escapes, `{data}` DESTs, links and names in archives.
 *
 * `--target million` is not random: it runs the issue's 1,000,000-entry manifest of missing files
 * through `validate` (text, --json, GitHub Actions) and `diff` (text, --json) under a 450 MB heap
 * (checkMillion; about 30 s); `--cases 1` runs the first, `validate` as text, which
 * test/hostile/large-inputs.test.ts runs on every `npm test`.
 */
import { spawnSync } from 'node:child_process';
import {
  closeSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const BUILT = join(repo, 'dist/cli');
/** The CLI that `run` starts: the built one, or the fuzzer's copy of it while `fuzz` runs. */
let bin = join(BUILT, 'main.js');
const TIME = '/usr/bin/time';
export const LIMITS = { seconds: 10, heapMb: 1024, rssKb: 1024 * 1024 };
export const TARGETS = ['manifest', 'pyproject', 'archive'];

/** A seeded PRNG (mulberry32): the same seed gives the same cases. */
export function createRandom(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n) => Math.floor(next() * n);
  return { next, int, pick: (items) => items[int(items.length)], chance: (p) => next() < p };
}

// Pieces that the issue's cases are made of.
const STARRY = ['*a*a*a*a*a*a*a*a*c', '**/*a*a*a*a*a*c', '*?*?*?*?*?*?*?*?x', '[!a]*[!b]*[!c]*d'];
const ODD = ['\u0000', '\r', '\ufeff', '\u2028', '\ud800', 'é', '😀', '"', '\\', ' -> ', '#', '\t'];

function longName(random) {
  return random.pick(['a', 'ab', 'x.']).repeat(random.int(300) + 1);
}

function deepPath(random) {
  const depth = random.pick([2, 50, 2000, 6000]);
  return Array.from({ length: depth }, () => random.pick(['a', 'b', '..', '.', '', '{data}'])).join(
    '/',
  );
}

function randomPath(random) {
  switch (random.int(6)) {
    case 0:
      return longName(random);
    case 1:
      return deepPath(random);
    case 2:
      return `pkg/${random.pick(STARRY)}`;
    case 3:
      return `{data}/${random.pick(['bin', 'scripts', 'data', ''])}/${random.pick(['run', ''])}`;
    case 4:
      return `pkg/${random.pick(ODD)}${longName(random).slice(0, 20)}`;
    default:
      return 'pkg/__init__.py';
  }
}

/** Byte-level damage: flips, inserts (invalid UTF-8 among them), deletions, a truncation. */
function damageBytes(random, bytes) {
  let out = Buffer.from(bytes);
  const edits = random.int(4) + 1;
  for (let i = 0; i < edits && out.length > 0; i++) {
    const at = random.int(out.length);
    switch (random.int(5)) {
      case 0:
        out[at] = random.int(256);
        break;
      case 1:
        out = Buffer.concat([
          out.subarray(0, at),
          Buffer.from(
            random.pick([[0xff], [0xc3], [0x0d], [0x00], [0xef, 0xbb, 0xbf], [0xed, 0xa0, 0x80]]),
          ),
          out.subarray(at),
        ]);
        break;
      case 2:
        out = Buffer.concat([out.subarray(0, at), out.subarray(at + random.int(64) + 1)]);
        break;
      case 3:
        out = out.subarray(0, at);
        break;
      default: {
        const from = random.int(out.length);
        const piece = out.subarray(from, from + random.int(256) + 1);
        out = Buffer.concat([out.subarray(0, at), piece, out.subarray(at)]);
      }
    }
  }
  return out;
}

/** A mutated manifest: lines added, dropped, repeated or damaged, then maybe bytes damaged. */
function mutateManifest(random, text) {
  const lines = text.split('\n');
  const edits = random.int(5) + 1;
  for (let i = 0; i < edits; i++) {
    const at = random.int(lines.length);
    switch (random.int(6)) {
      case 0:
        lines.splice(
          at,
          0,
          `gen: ${random.pick(STARRY)}`,
          `mod: ${'a'.repeat(130)} -> ${'a'.repeat(130)}`,
        );
        break;
      case 1: {
        const path = randomPath(random);
        lines.splice(
          at,
          0,
          `${random.pick(['mod', 'dir', 'gen', 'alt', 'Mod'])}: ${path}${random.chance(0.5) ? ` -> ${path}` : ''}`,
        );
        break;
      }
      case 2:
        lines.splice(at, 0, `mod: ${JSON.stringify(randomPath(random))} -> "\\ud800\\u0000x"`);
        break;
      case 3:
        lines.splice(at, 1);
        break;
      case 4: {
        // Now and then past what a spread into a call can take (~150,000: issue #12); inserted
        // by concatenation, since a splice with that many arguments overflows here too.
        const length = random.chance(0.03) ? 160_000 : random.int(3000);
        const added = Array.from({ length }, (_, n) => `mod: gone/f${n} -> gone/f${n}`);
        const rest = lines.splice(at);
        for (const line of added) lines.push(line);
        for (const line of rest) lines.push(line);
        break;
      }
      default:
        lines.splice(at, 0, lines[random.int(lines.length)] ?? '');
    }
  }
  const out = Buffer.from(lines.join('\n'));
  return random.chance(0.4) ? damageBytes(random, out) : out;
}

const KEYS = [
  'include',
  'exclude',
  'artifacts',
  'generated',
  'packages',
  'packages-dir',
  'ignore-file',
  'map',
  'rewritten',
  'bogus',
];

function tomlValue(random, depth = 0) {
  switch (random.int(depth > 3 ? 3 : 6)) {
    case 0:
      return JSON.stringify(randomPath(random));
    case 1:
      return String(random.int(1000) - 500);
    case 2:
      return random.chance(0.5) ? 'true' : `"${'x'.repeat(random.pick([1, 1000, 200000]))}"`;
    case 3:
      return `[${Array.from({ length: random.int(4) }, () => tomlValue(random, depth + 1)).join(', ')}]`;
    case 4:
      return `{ ${Array.from({ length: random.int(3) }, () => `${JSON.stringify(randomPath(random))} = ${tomlValue(random, depth + 1)}`).join(', ')} }`;
    default:
      return `${'['.repeat(random.int(1200))}${']'.repeat(random.int(1200))}`;
  }
}

/** A pyproject.toml with a random [tool.manifest] table, dotted headers, maybe damaged bytes. */
function mutatePyproject(random) {
  const lines = ['[project]', 'name = "demo"', 'version = "1.0"'];
  for (const section of ['[tool.manifest]', '[tool.manifest.sdist]', '[tool.manifest.wheel]']) {
    if (random.chance(0.3)) continue;
    lines.push(section);
    for (let i = random.int(4); i > 0; i--)
      lines.push(`${random.pick(KEYS)} = ${tomlValue(random)}`);
  }
  if (random.chance(0.2))
    lines.push(
      `[tool.manifest.${Array.from({ length: random.pick([10, 30000]) }, () => 'a').join('.')}]`,
      'x = 1',
    );
  if (random.chance(0.2))
    lines.push(
      `[tool.manifest.wheel.map]`,
      `"link/x" = "{data}/${random.pick(['bin', 'scripts'])}/x"`,
    );
  const out = Buffer.from(`${lines.join('\n')}\n`);
  return random.chance(0.3) ? damageBytes(random, out) : out;
}

/** Archive bytes damaged where headers live (the start, the zip central directory at the end). */
function mutateArchive(random, bytes) {
  let out = Buffer.from(bytes);
  const edits = random.int(6) + 1;
  for (let i = 0; i < edits && out.length > 0; i++) {
    const region = random.int(3);
    const at =
      region === 0
        ? random.int(Math.min(out.length, 1024))
        : region === 1
          ? Math.max(0, out.length - 1 - random.int(Math.min(out.length, 2048)))
          : random.int(out.length);
    if (random.chance(0.7)) out[at] = random.pick([0x00, 0xff, 0x7f, 0x2e, 0x2f, random.int(256)]);
    else out = damageBytes(random, out);
  }
  return out;
}

/** The fixture projects and archives, materialized once per run. */
function prepareWorkspace(work) {
  const project = join(work, 'project');
  mkdirSync(join(project, 'pkg'), { recursive: true });
  writeFileSync(
    join(project, 'pyproject.toml'),
    '[project]\nname = "demo"\nversion = "1.0"\n[tool.manifest.wheel]\npackages = ["pkg"]\n',
  );
  writeFileSync(join(project, 'pkg/__init__.py'), '');
  for (let i = 0; i < 20; i++) writeFileSync(join(project, `pkg/${'a'.repeat(120)}${i}.py`), '');
  run(['generate'], project);
  const manifest = readFileSync(join(project, 'pyproject-manifest.txt'));
  // Every fixture archive, checked against one fixture project (hatch-demo): a mismatch only adds
  // findings, and the readers and checks are what is fuzzed here.
  const fixture = join(work, 'fixture');
  cpSync(join(repo, 'fixtures/packages/hatch-demo'), fixture, { recursive: true });
  if (existsSync(join(fixture, 'gitignore')))
    renameSync(join(fixture, 'gitignore'), join(fixture, '.gitignore'));
  const archives = [];
  const root = join(repo, 'fixtures/archives');
  for (const backend of readdirSync(root)) {
    for (const name of readdirSync(join(root, backend))) {
      if (/\.(whl|tar\.gz)$/.test(name))
        archives.push({ name, bytes: readFileSync(join(root, backend, name)), project: fixture });
    }
  }
  mkdirSync(join(work, 'dist'), { recursive: true });
  return { project, manifest, archives };
}

let hasTime;

/**
 * Run the CLI with the limits (LIMITS unless given; `env` is added to the child's, and its stdout
 * goes to the descriptor `stdout` when given, else nowhere); returns the outcome and, when a rule
 * broke, why.
 */
export function run(argv, cwd, { limits = LIMITS, env = {}, stdout = 'ignore' } = {}) {
  hasTime ??= existsSync(TIME);
  const node = [`--max-old-space-size=${limits.heapMb}`, bin, ...argv];
  const options = runOptions(cwd, limits, env, stdout);
  const r = hasTime
    ? spawnSync(TIME, ['-f', '\n%M %e', process.execPath, ...node], options)
    : spawnSync(process.execPath, node, options);
  let stderr = r.stderr ?? '';
  let rssKb;
  let seconds;
  if (hasTime) {
    const match = /\n(\d+) ([\d.]+)\n?$/.exec(stderr);
    if (match) {
      rssKb = Number(match[1]);
      seconds = Number(match[2]);
      stderr = stderr.slice(0, match.index);
    }
    // time(1) reports a child's non-zero exit on a line of its own.
    stderr = stderr.replace(
      /\n?Command (exited with non-zero status \d+|terminated by signal \d+)\s*$/,
      '',
    );
  }
  const problems = [];
  if (r.error?.code === 'ENOBUFS') problems.push('over 64 MB on stderr');
  else if (r.error?.code === 'ETIMEDOUT' || r.signal === 'SIGKILL')
    problems.push(`hung over ${limits.seconds} s`);
  else if (r.status === null) problems.push(`killed by ${r.signal}`);
  else if (![0, 1, 2].includes(r.status)) problems.push(`exit ${r.status}`);
  if (/^\s+at .+:\d+:\d+\)?$/m.test(stderr)) problems.push('a stack trace');
  if (/internal error/.test(stderr)) problems.push('an internal error');
  if (rssKb !== undefined && rssKb > limits.rssKb)
    problems.push(`peak RSS ${Math.round(rssKb / 1024)} MB`);
  return { status: r.status, stderr, rssKb, seconds, problems };
}

function runOptions(cwd, limits, env, stdout) {
  return {
    cwd,
    encoding: 'utf8',
    timeout: limits.seconds * 1000,
    killSignal: 'SIGKILL',
    // stdout is not judged, and --json of 160,000 findings is ~95 MB: past a pipe buffer's limit
    // spawnSync kills the child (ENOBUFS), which looked like a hang.
    stdio: ['ignore', stdout, 'pipe'],
    maxBuffer: 64 * 1024 * 1024,
    env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', ...env },
  };
}

/**
 * Issue #12's "1,000,000-entry manifest of missing files" (1,000 missing directories of 1,000
 * files), through every output mode: each run must end with exit 1 under a 450 MB heap (V8 aborts
 * past it) and 1 GB of RSS. Output this size takes time to write (615 MB of --json), so the limit
 * on time is a minute, not LIMITS' 10 s. Not random: `--target million`.
 */
export const MILLION_LIMITS = { seconds: 60, heapMb: 450, rssKb: 1024 * 1024 };

/** Write the million-entry manifest into `project` (its `generate` output, plus the entries). */
function writeMillionManifest(project) {
  const file = join(project, 'pyproject-manifest.txt');
  const generated = readFileSync(file, 'utf8');
  const at = generated.indexOf('dir: p\n');
  const fd = openSync(file, 'w');
  writeSync(fd, generated.slice(0, at));
  const pad = (i) => String(i).padStart(4, '0');
  for (let d = 1; d <= 1000; d++) {
    const lines = [`dir: d${pad(d)}`];
    for (let f = 1; f <= 1000; f++)
      lines.push(`mod: d${pad(d)}/f${pad(f)}.py -> d${pad(d)}/f${pad(f)}.py`);
    writeSync(fd, `${lines.join('\n')}\n`);
  }
  writeSync(fd, generated.slice(at));
  closeSync(fd);
}

/** The million-entry case's runs: argv, env, and what its stdout must hold (then kept). */
const MILLION_RUNS = [
  [['validate'], {}, 'pyproject-manifest.txt: 1000000 errors, 0 warnings (shown in 1000 lines;'],
  [['validate', '--json'], {}],
  [['validate'], { GITHUB_ACTIONS: 'true' }],
  [['diff'], {}],
  [['diff', '--json'], {}],
];

/**
 * Run the million-entry case in each output mode (the first `cases` of them); `log` gets one line
 * per run.
 * @returns the runs that broke a rule ({ argv, env, problems, stderr })
 */
export function checkMillion({ cases = MILLION_RUNS.length, log = () => {} } = {}) {
  const work = mkdtempSync(join(tmpdir(), 'pm-fuzz-million-'));
  try {
    const project = join(work, 'project');
    mkdirSync(join(project, 'p'), { recursive: true });
    writeFileSync(
      join(project, 'pyproject.toml'),
      '[project]\nname = "p"\nversion = "1"\n\n[tool.manifest.wheel]\npackages = ["p"]\n',
    );
    writeFileSync(join(project, 'p/__init__.py'), '');
    run(['generate'], project);
    writeMillionManifest(project);
    const failures = [];
    for (const [argv, env, expected] of MILLION_RUNS.slice(0, cases)) {
      const out = join(work, 'stdout.txt');
      const fd = expected !== undefined ? openSync(out, 'w') : 'ignore';
      const r = run(argv, project, { limits: MILLION_LIMITS, env, stdout: fd });
      if (typeof fd === 'number') closeSync(fd);
      if (r.status !== 1 && r.problems.length === 0) r.problems.push(`exit ${r.status}, not 1`);
      if (expected !== undefined && r.status === 1 && !readFileSync(out, 'utf8').includes(expected))
        r.problems.push(`no "${expected}" on stdout`);
      const shown = `${Object.entries(env)
        .map(([k, v]) => `${k}=${v} `)
        .join('')}manifest ${argv.join(' ')}`;
      const rss = r.rssKb !== undefined ? `, peak RSS ${Math.round(r.rssKb / 1024)} MB` : '';
      const time = r.seconds !== undefined ? `, ${r.seconds} s` : '';
      log(
        `${shown}: exit ${r.status}${rss}${time}${r.problems.length > 0 ? ` FAILED: ${r.problems.join(', ')}` : ''}`,
      );
      if (r.problems.length > 0) failures.push({ argv, env, ...r });
    }
    return failures;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** One case of `target`: write its input, run the commands; returns the first failure or undefined. */
function runCase(target, random, ws, work) {
  if (target === 'manifest') {
    writeFileSync(
      join(ws.project, 'pyproject-manifest.txt'),
      mutateManifest(random, ws.manifest.toString('utf8')),
    );
    for (const argv of [['validate'], ['diff'], ['validate', '--json']]) {
      const r = run(argv, ws.project);
      if (r.problems.length > 0) return { argv, input: 'pyproject-manifest.txt', ...r };
    }
    return undefined;
  }
  if (target === 'pyproject') {
    const saved = readFileSync(join(ws.project, 'pyproject.toml'));
    writeFileSync(join(ws.project, 'pyproject.toml'), mutatePyproject(random));
    try {
      // A NUL cannot be passed in an argument (execve ends the string there).
      const path = randomPath(random).slice(0, 200).replaceAll('\0', '') || 'x';
      for (const argv of [['ls'], ['generate', '--stdout'], ['explain', 'pkg/__init__.py', path]]) {
        const r = run(argv, ws.project);
        if (r.problems.length > 0) return { argv, input: 'pyproject.toml', ...r };
      }
      return undefined;
    } finally {
      writeFileSync(
        join(work, 'last-pyproject.toml'),
        readFileSync(join(ws.project, 'pyproject.toml')),
      );
      writeFileSync(join(ws.project, 'pyproject.toml'), saved);
    }
  }
  const archive = random.pick(ws.archives);
  const file = join(work, 'dist', archive.name);
  writeFileSync(file, mutateArchive(random, archive.bytes));
  for (const argv of [
    ['validate', file],
    ['validate', '--names-only', file],
  ]) {
    const r = run(argv, archive.project);
    if (r.problems.length > 0) return { argv, input: file, ...r };
  }
  return undefined;
}

/**
 * Run `cases` cases (or as many as fit in `seconds`) of each target from `seed`.
 * @returns the first failure ({ target, seed, index, argv, problems, stderr, saved }) or undefined
 */
export function fuzz({ targets = TARGETS, seed = 1, from = 0, cases, seconds, log = () => {} }) {
  if (!existsSync(join(BUILT, 'main.js')))
    throw new Error(`build first: ${BUILT}/main.js is missing (npm run build)`);
  const work = mkdtempSync(join(tmpdir(), 'pm-fuzz-hostile-'));
  // The layout the CLI reads its version from: <package>/package.json beside <package>/dist/cli.
  cpSync(BUILT, join(work, 'package/dist/cli'), { recursive: true });
  cpSync(join(repo, 'package.json'), join(work, 'package/package.json'));
  const built = bin;
  bin = join(work, 'package/dist/cli/main.js');
  const deadline = seconds !== undefined ? Date.now() + seconds * 1000 : Infinity;
  let total = 0;
  try {
    const ws = prepareWorkspace(work);
    for (let index = from; cases === undefined || index < from + cases; index++) {
      if (Date.now() > deadline) break;
      for (const target of targets) {
        const random = createRandom(
          (seed * 1_000_003 + index * 31 + TARGETS.indexOf(target)) >>> 0,
        );
        const failure = runCase(target, random, ws, work);
        total++;
        if (failure !== undefined) {
          const saved = join(tmpdir(), `pm-fuzz-failure-${target}-${seed}-${index}`);
          rmSync(saved, { recursive: true, force: true });
          cpSync(work, saved, { recursive: true });
          return { target, seed, index, saved, ...failure };
        }
      }
      if (index % 10 === 9) log(`${total} cases held`);
    }
    log(`${total} cases held`);
    return undefined;
  } finally {
    bin = built;
    rmSync(work, { recursive: true, force: true });
  }
}

const USAGE =
  'usage: npm run fuzz:hostile -- [--target manifest|pyproject|archive|all] [--seconds N | --cases N] [--seed S] [--from I]\n       npm run fuzz:hostile -- --target million [--cases N]';

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        target: { type: 'string', default: 'all' },
        seconds: { type: 'string' },
        cases: { type: 'string' },
        seed: { type: 'string', default: String(Date.now() % 1_000_000) },
        from: { type: 'string', default: '0' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    console.error(`fuzz:hostile: ${error.message}\n${USAGE}`);
    process.exit(2);
  }
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  if (values.target === 'million') {
    if (!existsSync(bin)) {
      console.error(`fuzz:hostile: build first: ${bin} is missing (npm run build)`);
      process.exit(2);
    }
    const cases = values.cases === undefined ? undefined : Number(values.cases);
    if (cases !== undefined && !(Number.isSafeInteger(cases) && cases > 0)) {
      console.error(USAGE);
      process.exit(2);
    }
    const failures = checkMillion({
      ...(cases !== undefined ? { cases } : {}),
      log: (line) => console.log(`fuzz:hostile: ${line}`),
    });
    for (const failure of failures)
      console.log(
        failure.stderr
          .split('\n')
          .slice(0, 5)
          .map((l) => `    ${l}`)
          .join('\n'),
      );
    console.log(
      `fuzz:hostile: million: ${failures.length === 0 ? 'every output mode held' : `${failures.length} runs FAILED`}`,
    );
    process.exit(failures.length === 0 ? 0 : 1);
  }
  const targets = values.target === 'all' ? TARGETS : [values.target];
  const numbers = ['seconds', 'cases', 'seed', 'from'].map((k) =>
    values[k] === undefined ? undefined : Number(values[k]),
  );
  if (
    !targets.every((t) => TARGETS.includes(t)) ||
    numbers.some((n) => n !== undefined && !(Number.isSafeInteger(n) && n >= 0))
  ) {
    console.error(USAGE);
    process.exit(2);
  }
  const [seconds, cases, seed, from] = numbers;
  console.log(
    `fuzz:hostile: targets ${targets.join(', ')}, seed ${seed}, ${cases !== undefined ? `${cases} cases each` : `${seconds ?? 60} s`}`,
  );
  const failure = fuzz({
    targets,
    seed,
    from,
    ...(cases !== undefined ? { cases } : { seconds: seconds ?? 60 }),
    log: (line) => console.log(`fuzz:hostile: ${line}`),
  });
  if (failure === undefined) process.exit(0);
  console.log(
    [
      `fuzz:hostile: FAILED ${failure.target} case ${failure.index} (seed ${failure.seed}): ${failure.problems.join(', ')}`,
      `  command: manifest ${failure.argv.join(' ')}`,
      `  input:   ${failure.input} (workspace saved in ${failure.saved})`,
      `  replay:  npm run fuzz:hostile -- --target ${failure.target} --seed ${failure.seed} --from ${failure.index} --cases 1`,
      '  stderr:',
      ...failure.stderr
        .split('\n')
        .slice(0, 20)
        .map((l) => `    ${l}`),
    ].join('\n'),
  );
  process.exit(1);
}
