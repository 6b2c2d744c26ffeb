/**
 * Copies of this checkout as it is now (tracked and untracked files, less what git ignores), for
 * tests that install or hook the package the way users get it, and the copy-paste snippets of
 * docs/ci.md that those tests exercise.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { repoRoot } from '../cli/harness.js';

/** Copy the working tree of this repository into `dest`. */
export function copyWorkingTree(dest: string): void {
  const files = execFileSync('git', ['ls-files', '-z', '-c', '-o', '--exclude-standard'], {
    cwd: repoRoot,
    encoding: 'utf8',
  })
    .split('\0')
    .filter((p) => p !== '');
  for (const file of files) {
    try {
      mkdirSync(dirname(join(dest, file)), { recursive: true });
      cpSync(join(repoRoot, file), join(dest, file));
    } catch {
      // Deleted in the working tree but still tracked: not part of what would be committed.
    }
  }
}

/** The fenced block after `<!-- snippet: name -->` in `file` (repository-relative). */
export function readSnippet(name: string, file = 'docs/ci.md'): string {
  const text = readFileSync(join(repoRoot, file), 'utf8');
  const match = new RegExp(`<!-- snippet: ${name} -->\\s*\`\`\`\\w*\\n([\\s\\S]*?)\`\`\``).exec(
    text,
  );
  if (!match) throw new Error(`${file} has no snippet "${name}"`);
  return match[1]!;
}
