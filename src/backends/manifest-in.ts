/**
 * MANIFEST.in, as setuptools 66 reads and applies it, and its translation into gitignore-style
 * patterns for one ordered `include` list.
 *
 * setuptools reads the file with distutils' TextFile (`#` starts a comment unless written `\#`,
 * a trailing `\` joins the next line, whitespace stripped, blank lines skipped), splits each line
 * on whitespace, and applies the commands in order to one list of files (egg_info.py FileList):
 *
 * | command                       | files                                                         |
 * | ----------------------------- | ------------------------------------------------------------- |
 * | `include PAT…`                | `glob(PAT)`: matched segment by segment, not recursive        |
 * | `exclude PAT…`                | removed: `translate_pattern(PAT)` on the whole path           |
 * | `recursive-include DIR PAT…`  | `glob(DIR/**\/PAT, recursive=True)`                           |
 * | `recursive-exclude DIR PAT…`  | removed: `translate_pattern(DIR/**\/PAT)`                     |
 * | `global-include PAT…`         | every file matching `translate_pattern(**\/PAT)`              |
 * | `global-exclude PAT…`         | removed: `translate_pattern(**\/PAT)`                         |
 * | `graft DIR`                   | every file below each directory `glob(DIR)` finds             |
 * | `prune DIR`                   | removed: `translate_pattern(DIR/**)`                          |
 *
 * A file's fate is decided by the last command that matches it, which is exactly gitignore's
 * "the last matching pattern decides" once no pattern can match a directory: the list ends with
 * `!*\/`, which un-matches every directory, so a file is never taken or dropped because of its
 * parent (gitignore(5): "It is not possible to re-include a file if a parent directory of that
 * file is excluded"). Adding commands become patterns, removing ones become `!` patterns.
 *
 * The two matchers differ, and the translation keeps the difference: `glob` (the adding
 * commands) uses fnmatch, where `[a-z]` is a range and a `**` segment outside a recursive glob is
 * just `*`; `translate_pattern` (the removing commands and global-include) escapes every
 * character of a class, so `[a-z]` means the three characters `a`, `-`, `z`, and a pattern with
 * an empty segment (`exclude docs/`, `a//b`) matches nothing at all (`prune docs/` is fine:
 * `os.path.join` adds no second `/`). Both match a leading `.` with `*`.
 */

import { readClass } from './fnmatch.js';

/** One command line of MANIFEST.in. */
export interface TemplateCommand {
  /** 1-based line where the command starts. */
  line: number;
  /** The command as setuptools sees it (comments stripped, joined, whitespace collapsed). */
  text: string;
  action: string;
  words: string[];
}

/** A command translated: patterns for the ordered include list, and what could not be. */
export interface TranslatedCommand {
  patterns: string[];
  /** One line each, naming the command. */
  problems: string[];
}

/** distutils' TextFile with setuptools' options: the logical lines of MANIFEST.in. */
export function parseManifestIn(text: string): TemplateCommand[] {
  const out: TemplateCommand[] = [];
  let buildup = '';
  let startLine = 0;
  text.split(/\r?\n/).forEach((raw, index) => {
    let line = raw;
    // A `#` starts a comment unless escaped as `\#`.
    const hash = /(^|[^\\])#/.exec(line);
    if (hash !== null) line = line.slice(0, hash.index + hash[1]!.length);
    line = line.replace(/\\#/g, '#');
    if (buildup !== '') line = `${buildup}${line.trimStart()}`;
    else startLine = index + 1;
    line = line.trim();
    if (line.endsWith('\\')) {
      buildup = line.slice(0, -1);
      return;
    }
    buildup = '';
    if (line === '') return;
    const words = line.split(/\s+/);
    out.push({ line: startLine, text: words.join(' '), action: words[0]!, words: words.slice(1) });
  });
  if (buildup.trim() !== '') {
    const words = buildup.trim().split(/\s+/);
    out.push({ line: startLine, text: words.join(' '), action: words[0]!, words: words.slice(1) });
  }
  return out;
}

/** Escape a gitignore-special character that is literal in the source syntax. */
function literalChar(c: string): string {
  return c === '\\' ? '\\\\' : c;
}

/**
 * One path segment as gitignore syntax, from fnmatch (the adding commands: `*`, `?` and ranges
 * mean the same; `\` is literal; `[^…]` is a literal `^`) or from setuptools' translate_pattern
 * (the removing commands: a class is a set of literal characters, since re.escape keeps `a-z`
 * from being a range). An unclosed `[` is literal in both.
 */
function toGitignore(segment: string, literalClasses: boolean): string {
  let out = '';
  for (let i = 0; i < segment.length; i++) {
    const c = segment[i]!;
    const cls = c === '[' ? readClass(segment, i) : undefined;
    if (cls === undefined) {
      out += c === '[' ? '\\[' : literalChar(c);
      continue;
    }
    const members = literalClasses
      ? [...cls.members].map((k) => `\\${k}`).join('')
      : cls.members.replace(/[\\[^]/g, (m, offset: number) =>
          m === '^' && offset > 0 ? m : `\\${m}`,
        );
    out += `[${cls.negate ? '!' : ''}${members}]`;
    i = cls.end;
  }
  return out;
}

type Flavour = 'glob' | 'recursive-glob' | 'regex';

/** `os.path.join(a, b)` on POSIX: no `/` added after one that is there. */
function pyJoin(a: string, b: string): string {
  return a === '' || a.endsWith('/') ? `${a}${b}` : `${a}/${b}`;
}

/**
 * A project-relative pattern of the given flavour, anchored at the root, as a gitignore pattern;
 * undefined when setuptools would match nothing with it.
 */
function anchored(pattern: string, flavour: Flavour): string | undefined {
  const segments = pattern.split('/');
  if (segments.some((s, i) => s === '' && i < segments.length)) {
    // glob tolerates `a//b` and a trailing `/`; translate_pattern then matches nothing.
    if (flavour === 'regex') return undefined;
  }
  const parts = segments.filter((s) => s !== '');
  if (parts.length === 0) return undefined;
  // A leading `./`: glob finds `./x`, and a removing command then matches that same `./x` entry.
  if (parts[0] === '.') parts.shift();
  if (parts.length === 0) return undefined;
  if (parts.some((s) => s === '.' || s === '..')) return undefined;
  const converted = parts.map((s) => {
    if (s === '**') return flavour === 'glob' ? '*' : '**';
    return toGitignore(s, flavour === 'regex');
  });
  return `/${converted.join('/')}`;
}

/** `**\/PAT` (global-include/exclude): unanchored when PAT has no `/`. */
function anywhere(pattern: string): string | undefined {
  const body = anchored(pattern, 'regex');
  if (body === undefined) return undefined;
  const rest = body.slice(1);
  if (rest.includes('/')) return `**/${rest}`;
  return /^[!#]/.test(rest) ? `\\${rest}` : rest;
}

/**
 * Translate one MANIFEST.in command into patterns of the ordered include list (`!` = removed).
 * @param from how to name the command in messages, e.g. `MANIFEST.in:3`
 */
export function translateCommand(command: TemplateCommand, from: string): TranslatedCommand {
  const { action, words } = command;
  const patterns: string[] = [];
  const problems: string[] = [];
  const nothing = (what: string): void => {
    problems.push(
      `${from}: \`${command.text}\`: ${what} matches nothing in setuptools (no rule written)`,
    );
  };
  const add = (pattern: string | undefined, negate: boolean, what: string): void => {
    if (pattern === undefined) nothing(what);
    else patterns.push(negate ? `!${pattern}` : pattern);
  };
  if (words.some((w) => w.startsWith('./')) && /exclude|prune/.test(action)) {
    problems.push(
      `${from}: \`${command.text}\`: setuptools removes only what was added as \`./…\`; the rule removes the file however it was added`,
    );
  }
  const needs = (count: number, exact = false): boolean => {
    if (exact ? words.length === count : words.length >= count) return true;
    problems.push(
      `${from}: \`${command.text}\`: setuptools skips this line (wrong number of arguments)`,
    );
    return false;
  };
  const absolute = words.find((w) => w.startsWith('/'));
  if (absolute !== undefined) {
    problems.push(`${from}: \`${command.text}\`: setuptools skips this line (an absolute path)`);
    return { patterns, problems };
  }
  switch (action) {
    case 'include':
      if (needs(1)) for (const w of words) add(anchored(w, 'glob'), false, w);
      break;
    case 'exclude':
      if (needs(1)) for (const w of words) add(anchored(w, 'regex'), true, w);
      break;
    case 'global-include':
      if (needs(1)) for (const w of words) add(anywhere(w), false, w);
      break;
    case 'global-exclude':
      if (needs(1)) for (const w of words) add(anywhere(w), true, w);
      break;
    case 'recursive-include':
      if (needs(2))
        for (const w of words.slice(1))
          add(anchored(pyJoin(words[0]!, `**/${w}`), 'recursive-glob'), false, w);
      break;
    case 'recursive-exclude':
      if (needs(2))
        for (const w of words.slice(1))
          add(anchored(pyJoin(words[0]!, `**/${w}`), 'regex'), true, w);
      break;
    case 'graft':
      if (needs(1, true)) {
        const dir = words[0]!.replace(/\/+$/, '');
        if (dir === '.' || dir === '') patterns.push('*');
        else add(anchored(`${dir}/**`, 'glob')?.replace(/\/\*$/, '/**'), false, words[0]!);
      }
      break;
    case 'prune':
      if (needs(1, true)) add(anchored(pyJoin(words[0]!, '**'), 'regex'), true, words[0]!);
      break;
    default:
      problems.push(`${from}: \`${command.text}\`: setuptools skips this line (unknown command)`);
  }
  return { patterns, problems };
}
