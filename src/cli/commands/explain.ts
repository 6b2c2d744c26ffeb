/**
 * `manifest explain PATH...`: for each path, whether it ships in the sdist and the wheel, at which
 * DEST, and the rule that decided. Paths are taken relative to the working directory, like git's.
 * Owns the wording of explanations (they are not findings, so they are not in describe.ts).
 */
import { isAbsolute, relative, resolve, sep } from 'node:path';
import {
  explainPaths,
  ManifestError,
  type PathExplanation,
  type RuleRef,
  type TargetExplanation,
} from '../../index.js';
import { writeJson, type Context, projectOptions } from '../context.js';
import { header } from './generate.js';

export interface ExplainFlags {
  paths: string[];
}

/**
 * A rule as a reader finds it: `src/.gitignore:3: build/`,
 * `pyproject.toml:14: tool.manifest.exclude[0] = "/docs"`, `built-in: __pycache__/`.
 */
export function describeRule(rule: RuleRef): string {
  const at = `${rule.source}${rule.line !== undefined ? `:${rule.line}` : ''}`;
  switch (rule.kind) {
    case 'ignore-file':
      return `${at}: ${rule.pattern ?? ''}`;
    case 'config':
    case 'project': {
      // A map pair's pattern is `SRC -> DEST`, and its key already names SRC.
      const shown = rule.pattern?.includes(' -> ') ? rule.pattern.split(' -> ')[1] : rule.pattern;
      const value = shown !== undefined ? ` = ${JSON.stringify(shown)}` : '';
      return `${at}: ${rule.key ?? ''}${value}`;
    }
    case 'package-detection':
      return rule.pattern !== undefined
        ? `${rule.source}: project.name, detected as ${rule.pattern}`
        : `${rule.source}: project.name, detected as no package`;
    case 'default':
      return `built-in rule: ${rule.pattern ?? ''}`;
    case 'backend':
      return `${at}: ${rule.key ?? ''} (${rule.reason ?? rule.pattern ?? ''})`;
  }
}

function hidden(dir: string | undefined): string {
  return dir !== undefined ? `its directory ${dir}/ is ` : '';
}

/** Why it ships or not, in words. */
function describeReason(t: TargetExplanation): string {
  const rule = describeRule(t.rule);
  switch (t.step) {
    case 'builtin':
      return `${hidden(t.hiddenBy)}excluded by a ${rule}`;
    case 'ignored':
      return `${hidden(t.hiddenBy)}ignored by ${rule}`;
    case 'scope':
      return `outside the wheel packages (${rule})`;
    case 'no-package':
      return `no wheel package: ${t.message ?? 'not found'}`;
    case 'include':
      return `not matched by include (${rule})`;
    case 'exclude':
      return `excluded by ${rule}`;
    case 'selected':
      if (t.rule.kind === 'default') return 'the sdist takes the project tree, less ignored files';
      if (t.rule.kind === 'package-detection' || t.rule.key?.includes('.packages'))
        return `in the wheel package (${rule})`;
      return `selected by ${rule}`;
    case 'artifact':
      return `an artifact: ${rule}`;
    case 'forced':
      return t.rule.kind === 'default'
        ? 'always shipped (pyproject.toml)'
        : `always shipped: named by ${rule}`;
    case 'mapped':
      return `mapped by ${rule}`;
    case 'generated':
      return `written by the build: gen: line from ${rule}`;
    case 'directory':
      return 'no rule excludes the directory as a whole; each file below it decides for itself';
  }
}

function overrideNote(t: TargetExplanation): string | undefined {
  const o = t.overrides;
  if (o === undefined || o.step === 'selected' || o.step === 'scope' || o.step === 'no-package')
    return undefined;
  const earlier: TargetExplanation = {
    target: t.target,
    ships: false,
    dests: [],
    step: o.step,
    rule: o.rule,
    ...(o.hiddenBy !== undefined ? { hiddenBy: o.hiddenBy } : {}),
  };
  return `although ${describeReason(earlier)}`;
}

function renderTarget(t: TargetExplanation): string[] {
  const label = t.target.padEnd(5);
  let head: string;
  if (t.step === 'directory') {
    head = t.ships
      ? `ships: ${t.files === 1 ? '1 file' : `${t.files ?? 0} files`} below it`
      : 'nothing below it ships';
  } else if (t.ships) head = `ships as ${t.dests.join(' and ')}`;
  else head = 'not shipped';
  const lines = [`  ${label}  ${head}`, `         ${describeReason(t)}`];
  const note = overrideNote(t);
  if (note !== undefined) lines.push(`         ${note}`);
  if (t.generatedBy !== undefined && t.step !== 'generated') {
    lines.push(`         listed as gen: (the build writes it): ${describeRule(t.generatedBy)}`);
  }
  if (t.reincludedBy !== undefined) {
    lines.push(`         re-included by ${describeRule(t.reincludedBy)}`);
  }
  if (t.rewrittenBy !== undefined) {
    lines.push(
      `         listed as alt: (the build rewrites its bytes): ${describeRule(t.rewrittenBy)}`,
    );
  }
  return lines;
}

function renderPath(e: PathExplanation): string {
  const note =
    e.kind === 'missing'
      ? ' (does not exist: what would happen if it were created)'
      : e.kind === 'dir'
        ? '/'
        : '';
  return [
    `${e.path === '' ? '.' : e.path}${note}`,
    ...renderTarget(e.sdist),
    ...renderTarget(e.wheel),
  ].join('\n');
}

/** A command-line path (relative to the working directory) as a project-relative path. */
function toProjectPath(ctx: Context, raw: string): string {
  const abs = isAbsolute(raw) ? raw : resolve(ctx.io.cwd, raw);
  const rel = relative(ctx.root, abs);
  if (rel.startsWith('..') || isAbsolute(rel)) {
    throw new ManifestError('USAGE', `${raw} is outside the project ${ctx.root}`, {
      hint: 'name paths inside the project (or pass --root)',
    });
  }
  const path = rel.split(sep).join('/');
  return raw.endsWith('/') && path !== '' ? `${path}/` : path;
}

export async function runExplain(ctx: Context, flags: ExplainFlags): Promise<number> {
  const paths = flags.paths.map((p) => toProjectPath(ctx, p));
  const { explanations } = explainPaths({
    ...projectOptions(ctx),
    paths,
  });
  if (ctx.json) {
    await writeJson(ctx, { ...header(ctx, 'explain'), paths: explanations });
    return 0;
  }
  ctx.io.stdout.write(`${explanations.map(renderPath).join('\n\n')}\n`);
  return 0;
}
