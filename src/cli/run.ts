/**
 * The CLI: argument parsing (yargs), dispatch to a command, and the one error boundary.
 *
 * Known errors (ManifestError) print one line each and exit 2; anything else is a bug: one line
 * asking for a report, exit 3, and the stack only with --debug. Never a stack trace otherwise.
 * This is the only layer that knows about argv, streams, env, colour and exit codes.
 */
import { createRequire } from 'node:module';
import { isAbsolute, resolve } from 'node:path';
import yargs from 'yargs';
import { findProjectRoot, ManifestError, ManifestErrors, type Target } from '../index.js';
import { runDiff } from './commands/diff.js';
import { runExplain } from './commands/explain.js';
import { runInit } from './commands/init.js';
import { runGenerate } from './commands/generate.js';
import { runLs } from './commands/ls.js';
import { runUpdate } from './commands/update.js';
import { runValidate } from './commands/validate.js';
import { errorJson, printErrors, writeJson, type Context } from './context.js';
import { EXIT_INTERNAL, exitCodeFor } from './exit-code.js';
import type { CliIo } from './io.js';
import { decideColor, makeStyle, type ColorChoice } from './report/style.js';

const COMMANDS = ['generate', 'validate', 'update', 'diff', 'ls', 'explain', 'init'] as const;

function readVersion(): string {
  const require = createRequire(import.meta.url);
  return (require('../../package.json') as { version: string }).version;
}

function buildParser(argv: readonly string[], version: string) {
  return yargs([...argv])
    .scriptName('manifest')
    .usage('manifest <command> [options]\n\nExplicit release manifests for Python projects.')
    .option('root', {
      type: 'string',
      describe: 'project directory (default: nearest directory upward holding pyproject.toml)',
    })
    .option('manifest', {
      type: 'string',
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
            describe: 'skip comparing archive bytes with the tree',
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
        .option('target', { choices: ['sdist', 'wheel'] as const, describe: 'one section only' })
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
      'init',
      'add a minimal [tool.manifest] table to pyproject.toml and write the manifest',
      (y) =>
        y.option('dry-run', {
          type: 'boolean',
          default: false,
          describe: 'print what would be added; write nothing',
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
    const version = readVersion();
    let output = '';
    let parseError: Error | undefined;
    const args = await buildParser(argv, version).parseAsync([...argv], {}, (err, _argv, out) => {
      if (err) parseError = err;
      output = out;
    });
    if (parseError !== undefined) {
      const message = parseError.message.replace(/\s*\n\s*/g, ' ').trim();
      throw new ManifestError('USAGE', message, { hint: 'see `manifest --help`' });
    }
    if (output !== '') {
      // --help or --version.
      io.stdout.write(output.endsWith('\n') ? output : `${output}\n`);
      return 0;
    }
    const command = String(args._[0]);
    const json = args.json;
    const style = makeStyle(decideColor(io, args.color as ColorChoice, json));
    const start = args.root !== undefined ? resolve(io.cwd, args.root) : io.cwd;
    const root = args.root !== undefined ? start : findProjectRoot(start);
    const manifestFile =
      args.manifest !== undefined
        ? isAbsolute(args.manifest)
          ? args.manifest
          : resolve(io.cwd, args.manifest)
        : undefined;
    const ctx: Context = { io, root, manifestFile, json, verbose: args.verbose, style, version };
    switch (command) {
      case 'generate':
        return runGenerate(ctx, { stdout: Boolean(args.stdout) });
      case 'update':
        return runUpdate(ctx, { exitCode: Boolean(args['exit-code']) });
      case 'validate':
        return await runValidate(ctx, {
          archives: ((args.archives as string[] | undefined) ?? []).map(String),
          namesOnly: Boolean(args['names-only']),
        });
      case 'diff':
        return runDiff(ctx);
      case 'ls':
        return runLs(ctx, {
          target: args.target as Target | undefined,
          dest: Boolean(args.dest),
          nul: Boolean(args.z),
        });
      case 'explain':
        return runExplain(ctx, {
          paths: ((args.paths as string[] | undefined) ?? []).map(String),
        });
      case 'init':
        return runInit(ctx, { dryRun: Boolean(args['dry-run']) });
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
        writeJson(base, {
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
