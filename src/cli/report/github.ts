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

/** One workflow-command line (with trailing newline). */
export function formatAnnotation(annotation: Annotation, workspace: string): string {
  const props: string[] = [];
  if (annotation.file !== undefined) {
    const abs = resolve(annotation.file);
    const rel = relative(workspace, abs);
    const shown = rel.startsWith('..') || isAbsolute(rel) ? abs : rel.split(sep).join('/');
    props.push(`file=${escapeProperty(shown)}`);
    if (annotation.line !== undefined) props.push(`line=${annotation.line}`);
    if (annotation.column !== undefined) props.push(`col=${annotation.column}`);
  }
  props.push(`title=${escapeProperty(annotation.title)}`);
  return `::${annotation.level} ${props.join(',')}::${escapeData(annotation.message)}\n`;
}
