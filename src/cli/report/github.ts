/**
 * GitHub Actions workflow commands: `::error file=…,line=…,title=…::message`, emitted in addition to
 * the normal output when GITHUB_ACTIONS=true. File paths are relative to GITHUB_WORKSPACE (the
 * checkout) so the annotation lands on the right file in the pull request.
 */
import { isAbsolute, relative, resolve, sep } from 'node:path';

/** Escape a property value or message as the Actions runner expects. */
function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export interface Annotation {
  level: 'error' | 'warning';
  /** Absolute path of the file concerned, when there is one. */
  file?: string;
  line?: number;
  column?: number;
  title: string;
  message: string;
}

export function isGithubActions(env: Readonly<Record<string, string | undefined>>): boolean {
  return env.GITHUB_ACTIONS === 'true';
}

/**
 * The `file=` value: relative to the workspace when inside it, escaped. The last answer is kept: a
 * million annotations name one or two files (path.resolve and path.relative per annotation; #12).
 */
function shownFile(file: string, workspace: string): string {
  if (last?.file === file && last.workspace === workspace) return last.shown;
  const abs = resolve(file);
  const rel = relative(workspace, abs);
  const shown = escapeProperty(
    rel.startsWith('..') || isAbsolute(rel) ? abs : rel.split(sep).join('/'),
  );
  last = { file, workspace, shown };
  return shown;
}

let last: { file: string; workspace: string; shown: string } | undefined;

/** One workflow-command line (with trailing newline). */
export function formatAnnotation(annotation: Annotation, workspace: string): string {
  const props: string[] = [];
  if (annotation.file !== undefined) {
    props.push(`file=${shownFile(annotation.file, workspace)}`);
    if (annotation.line !== undefined) props.push(`line=${annotation.line}`);
    if (annotation.column !== undefined) props.push(`col=${annotation.column}`);
  }
  props.push(`title=${escapeProperty(annotation.title)}`);
  return `::${annotation.level} ${props.join(',')}::${escapeData(annotation.message)}\n`;
}
