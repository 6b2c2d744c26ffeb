/**
 * The CLI: argument parsing (yargs), dispatch to a command, and the one error boundary.
 *
 * Known errors (ManifestError) print one line each and exit 2; anything else is a bug: one line
 * asking for a report, exit 3, and the stack only with --debug. Never a stack trace otherwise.
 * This is the only layer that knows about argv, streams, env, colour and exit codes.
 *
 * Start-up matters (`validate` runs in pre-commit on every commit): an ordinary command line
 * (a known command, known flags, nothing to report) is read by `parseSimple`, and yargs and each
 * command's module are loaded only when needed. Anything else (help, version, an unknown or
 * malformed flag, a missing positional) goes to yargs, so its messages stay the only ones.
 */
import { createRequire } from 'node:module';
import { isAbsolute, resolve } from 'node:path';
import type { Argv } from 'yargs';
import { findProjectRoot, ManifestError, ManifestErrors, type Target } from '../index.js';
import { errorJson, printErrors, writeJson, type Context } from './context.js';
import { EXIT_INTERNAL, exitCodeFor } from './exit-code.js';
import type { CliIo } from './io.js';
import { decideColor, makeStyle, type ColorChoice } from './report/style.js';

const COMMANDS = [
  'generate',
  'validate',
  'update',
  'diff',
  'ls',
  'explain',
  'init',
  'export',
] as const;

function readVersion(): string {
  const require = createRequire(import.meta.url);
  return (require('../../package.json') as { version: string }).version;
}

/** The parsed command line, as yargs gives it for the options below. */
type ParsedArgs = Record<string, unknown> & { _: (string | number)[] };

type FlagKind = 'boolean' | 'string' | readonly string[];

const GLOBAL_FLAGS: Readonly<Record<string, FlagKind>> = {
  root: 'string',
  manifest: 'string',
  json: 'boolean',
  color: ['auto', 'always', 'never'],
  verbose: 'boolean',
  debug: 'boolean',
  cache: 'boolean',
};

/** Each command's own flags and, for the last two, its variadic positional (`name..`). */
const COMMAND_FLAGS: Readonly<Record<string, Readonly<Record<string, FlagKind>>>> = {
  generate: { stdout: 'boolean' },
  validate: { 'names-only': 'boolean' },
  update: { 'exit-code': 'boolean' },
  diff: {},
  ls: { target: ['sdist', 'wheel'], dest: 'boolean', z: 'boolean' },
  explain: {},
  init: { 'dry-run': 'boolean', 'hatch-hook': 'boolean' },
  export: { backend: 'string' },
};
const POSITIONALS: Readonly<Record<string, { name: string; required: boolean }>> = {
  validate: { name: 'archives', required: false },
  init: { name: 'archives', required: false },
  explain: { name: 'paths', required: true },
};

function camelCase(name: string): string {
  return name.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
}

/**
 * Parse an ordinary command line without yargs: `--name`, `--name value`, `--name=value` for
 * known flags (and `-z` for ls), each at most once, positionals only where the command takes them.
 * Returns what yargs would, or undefined for anything else (help, version, `--no-…`, `--`, an
 * unknown flag, a bad choice, a missing value or positional), which yargs then handles and reports.
 */
export function parseSimple(argv: readonly string[]): ParsedArgs | undefined {
  const command = argv.find((a) => !a.startsWith('-'));
  if (command === undefined || !Object.hasOwn(COMMAND_FLAGS, command)) return undefined;
  const flags: Record<string, FlagKind> = { ...GLOBAL_FLAGS, ...COMMAND_FLAGS[command] };
  const positional = POSITIONALS[command];
  const values: Record<string, unknown> = {};
  const rest: string[] = [];
  let seenCommand = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    let name: string;
    let value: string | undefined;
    if (arg === '-z' && command === 'ls') name = 'z';
    else if (arg.startsWith('--') && arg.length > 2 && !arg.startsWith('--no-')) {
      const eq = arg.indexOf('=');
      name = eq === -1 ? arg.slice(2) : arg.slice(2, eq);
      value = eq === -1 ? undefined : arg.slice(eq + 1);
    } else if (arg.startsWith('-')) return undefined;
    else {
      if (!seenCommand && arg === command) seenCommand = true;
      else if (positional !== undefined) rest.push(arg);
      else return undefined;
      continue;
    }
    const kind = Object.hasOwn(flags, name) ? flags[name] : undefined;
    if (kind === undefined || Object.hasOwn(values, name)) return undefined;
    if (kind === 'boolean') {
      if (value !== undefined) return undefined;
      values[name] = true;
      continue;
    }
    if (value === undefined) {
      const next = argv[i + 1];
      if (next === undefined || next.startsWith('-')) return undefined;
      value = next;
      i++;
    }
    if (typeof kind !== 'string' && !kind.includes(value)) return undefined;
    values[name] = value;
  }
  // The command word must stand on its own (`--root ls` names a directory, not the command).
  if (!seenCommand) return undefined;
  if (positional?.required === true && rest.length === 0) return undefined;
  const args: ParsedArgs = { _: [command] };
  for (const [name, kind] of Object.entries(flags)) {
    const value =
      values[name] ?? (kind === 'boolean' ? false : name === 'color' ? 'auto' : undefined);
    if (value === undefined) continue;
    args[name] = value;
    if (name.includes('-')) args[camelCase(name)] = value;
  }
  if (positional !== undefined && rest.length > 0) args[positional.name] = rest;
  return args;
}

function buildParser(yargs: (argv: string[]) => Argv, argv: readonly string[], version: string) {
  return yargs([...argv])
    .scriptName('manifest')
    .usage('manifest <command> [options]\n\nExplicit release manifests for Python projects.')
    .option('root', {
      type: 'string',
      requiresArg: true,
      describe: 'project directory (default: nearest directory upward holding pyproject.toml)',
    })
    .option('manifest', {
      type: 'string',
      requiresArg: true,
      describe: 'manifest file, relative to the root',
      default: undefined,
    })
    .option('json', {
      type: 'boolean',
      default: false,
      describe: 'print machine-readable JSON on stdout',
    })
    .option('color', {
      choices: ['auto', 'always', 'never'] as const,
      default: 'auto' as const,
      describe: 'colour output',
    })
    .option('verbose', {
      type: 'boolean',
      default: false,
      describe: 'more detail (e.g. TOML code frames)',
    })
    .option('debug', {
      type: 'boolean',
      default: false,
      describe: 'print stack traces of internal errors',
    })
    .option('cache', {
      type: 'boolean',
      default: false,
      describe:
        'reuse the result of an identical earlier run when nothing it read has changed (ls, validate, update, diff; docs/performance.md)',
    })
    .command('generate', 'write the manifest from the rules in pyproject.toml', (y) =>
      y.option('stdout', {
        type: 'boolean',
        default: false,
        describe: 'print the manifest instead of writing it',
      }),
    )
    .command(
      'validate [archives..]',
      'check the manifest against the tree (and built archives)',
      (y) =>
        y
          .positional('archives', {
            type: 'string',
            array: true,
            describe: 'built sdists (.tar.gz) and wheels (.whl)',
          })
          .option('names-only', {
            type: 'boolean',
            default: false,
            describe:
              'check names only: read no member bytes (no comparison with the tree, no RECORD hashes)',
          }),
    )
    .command('update', 'regenerate the manifest and report what changed', (y) =>
      y.option('exit-code', {
        type: 'boolean',
        default: false,
        describe: 'exit 1 when the file changed (for pre-commit)',
      }),
    )
    .command('diff', 'show how the manifest would change (exit 1 if it would)')
    .command('ls', 'list the selected tree paths without writing anything', (y) =>
      y
        .option('target', {
          choices: ['sdist', 'wheel'] as const,
          requiresArg: true,
          describe: 'one section only',
        })
        .option('dest', {
          type: 'boolean',
          default: false,
          describe: 'print archive paths (needs --target)',
        })
        .option('z', {
          type: 'boolean',
          default: false,
          describe: 'end each path with NUL instead of newline',
        }),
    )
    .command(
      'explain <paths..>',
      'say whether each path ships, where, and which rule decided',
      (y) =>
        y.positional('paths', {
          type: 'string',
          array: true,
          describe: 'files or directories (they need not exist)',
        }),
    )
    .command(
      'init [archives..]',
      'add a minimal [tool.manifest] table to pyproject.toml and write the manifest',
      (y) =>
        y
          .positional('archives', {
            type: 'string',
            array: true,
            describe: 'infer the table from these built archives (one sdist, one wheel)',
          })
          .option('dry-run', {
            type: 'boolean',
            default: false,
            describe: 'print what would be added; write nothing',
          })
          .option('hatch-hook', {
            type: 'boolean',
            default: false,
            describe:
              'also write hatch_build.py, a hatchling hook that fails a build differing from the manifest',
          }),
    )
    .command(
      'export',
      "print the named backend's file-selection config reproducing the manifest",
      (y) =>
        y.option('backend', {
          type: 'string',
          describe: 'setuptools, hatchling, flit, poetry or pdm',
        }),
    )
    .demandCommand(1, `name a command: ${COMMANDS.join(', ')}`)
    .recommendCommands()
    .strict()
    .version(version)
    .help()
    .alias('h', 'help')
    .wrap(100)
    .exitProcess(false)
    .showHelpOnFail(false);
}

/**
 * Run the CLI with `argv` (without node and script) against `io`; resolves to the exit code.
 * @example process.exitCode = await run(process.argv.slice(2), nodeIo)
 */
export async function run(argv: readonly string[], io: CliIo): Promise<number> {
  const wantsJson = argv.includes('--json');
  const debug = argv.includes('--debug');
  const fallbackStyle = makeStyle(false);
  const base = { io, root: io.cwd, style: fallbackStyle, verbose: argv.includes('--verbose') };
  try {
    if (argv.length === 1 && argv[0] === '--version') {
      // What yargs prints, without loading it.
      io.stdout.write(`${readVersion()}\n`);
      return 0;
    }
    let args = parseSimple(argv);
    if (args === undefined) {
      const { default: yargs } = await import('yargs');
      let output = '';
      let parseError: Error | undefined;
      args = (await buildParser(yargs, argv, readVersion()).parseAsync(
        [...argv],
        {},
        (err, _argv, out) => {
          if (err) parseError = err;
          output = out;
        },
      )) as ParsedArgs;
      if (parseError !== undefined) {
        const message = (parseError as Error).message.replace(/\s*\n\s*/g, ' ').trim();
        throw new ManifestError('USAGE', message, { hint: 'see `manifest --help`' });
      }
      if (output !== '') {
        // --help or --version.
        io.stdout.write(output.endsWith('\n') ? output : `${output}\n`);
        return 0;
      }
    }
    const command = String(args._[0]);
    const json = args.json === true;
    const style = makeStyle(decideColor(io, args.color as ColorChoice, json));
    const rootArg = args.root as string | undefined;
    const manifestArg = args.manifest as string | undefined;
    // `--root=` (or `--root ""`): an empty value would silently mean the working directory.
    for (const [flag, value] of [
      ['root', rootArg],
      ['manifest', manifestArg],
    ] as const) {
      if (value === '')
        throw new ManifestError('USAGE', `--${flag} needs a value`, {
          hint: flag === 'root' ? 'pass --root DIR' : 'pass --manifest FILE',
        });
    }
    const start = rootArg !== undefined ? resolve(io.cwd, rootArg) : io.cwd;
    const root =
      rootArg !== undefined
        ? start
        : findProjectRoot(
            start,
            command === 'init' ? ['pyproject.toml', 'setup.py', 'setup.cfg'] : undefined,
          );
    const manifestFile =
      manifestArg !== undefined
        ? isAbsolute(manifestArg)
          ? manifestArg
          : resolve(io.cwd, manifestArg)
        : undefined;
    const verbose = args.verbose === true;
    // The version (package.json, read through the module loader) only for the commands that print
    // it: most never do.
    let version: string | undefined;
    const ctx: Context = {
      io,
      root,
      manifestFile,
      json,
      verbose,
      style,
      get version() {
        return (version ??= readVersion());
      },
    };
    // Each command's module is loaded only when it runs.
    switch (command) {
      case 'generate': {
        const { runGenerate } = await import('./commands/generate.js');
        return await runGenerate(ctx, { stdout: Boolean(args.stdout) });
      }
      case 'update': {
        const { runUpdate } = await import('./commands/update.js');
        return await runUpdate(ctx, { exitCode: Boolean(args['exit-code']) });
      }
      case 'validate': {
        const { runValidate } = await import('./commands/validate.js');
        return await runValidate(ctx, {
          archives: ((args.archives as string[] | undefined) ?? []).map(String),
          namesOnly: Boolean(args['names-only']),
        });
      }
      case 'diff': {
        const { runDiff } = await import('./commands/diff.js');
        return await runDiff(ctx);
      }
      case 'ls': {
        const { runLs } = await import('./commands/ls.js');
        return await runLs(ctx, {
          target: args.target as Target | undefined,
          dest: Boolean(args.dest),
          nul: Boolean(args.z),
        });
      }
      case 'explain': {
        const { runExplain } = await import('./commands/explain.js');
        return await runExplain(ctx, {
          paths: ((args.paths as string[] | undefined) ?? []).map(String),
        });
      }
      case 'init': {
        const { runInit } = await import('./commands/init.js');
        return await runInit(ctx, {
          dryRun: Boolean(args['dry-run']),
          hatchHook: Boolean(args['hatch-hook']),
          archives: ((args.archives as string[] | undefined) ?? []).map(String),
        });
      }
      case 'export': {
        const { runExport } = await import('./commands/export.js');
        return await runExport(ctx, { backend: args.backend as string | undefined });
      }
      default:
        throw new ManifestError('USAGE', `unknown command "${command}"`, {
          hint: `use one of ${COMMANDS.join(', ')}`,
        });
    }
  } catch (error) {
    const errors =
      error instanceof ManifestErrors
        ? [...error.errors]
        : error instanceof ManifestError
          ? [error]
          : undefined;
    if (errors !== undefined) {
      const code = exitCodeFor({ errorCodes: errors.map((e) => e.code) });
      if (wantsJson) {
        await writeJson(base, {
          schemaVersion: 1,
          tool: 'pyproject-manifest',
          command: argv.find((a) => (COMMANDS as readonly string[]).includes(a)) ?? null,
          ok: false,
          exitCode: code,
          errors: errors.map((e) => errorJson(base, e)),
        });
      }
      printErrors(base, errors);
      return code;
    }
    const message = error instanceof Error ? error.message : String(error);
    io.stderr.write(
      `manifest: internal error: ${message.split('\n')[0]} (please report it; rerun with --debug for a stack trace)\n`,
    );
    if (debug && error instanceof Error && error.stack) io.stderr.write(`${error.stack}\n`);
    return EXIT_INTERNAL;
  }
}
