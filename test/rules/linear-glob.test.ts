/**
 * compileLinearGlob (rules/patterns.ts) matches `ignore-file` and `license-files` globs with the
 * §8 matcher instead of picomatch's regular expressions (which backtrack, issue #12). In the syntax
 * both read, they must agree: seeded random globs and paths, both option sets in use.
 */
import picomatch from 'picomatch';
import { describe, expect, it } from 'vitest';
import { compileLinearGlob } from '../../src/rules/patterns.js';

function random(seed: number): (n: number) => number {
  let state = seed;
  return (n) => {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    return state % n;
  };
}

const OPTION_SETS = [
  { dot: true },
  { dot: true, nobrace: true, noextglob: true, posix: true },
] as const;

describe('compileLinearGlob', () => {
  it('agrees with picomatch on globs of the shared syntax (seeded, 80,000 matches)', () => {
    const rnd = random(12);
    const atoms = ['a', 'b', '.', '*', '?', '[ab]', '[a-c]', '\\*', '-', '.git'];
    const segment = (parts: string[]) => {
      let s = '';
      for (let i = 1 + rnd(3); i > 0; i--) s += parts[rnd(parts.length)];
      return s;
    };
    const glob = () =>
      Array.from({ length: 1 + rnd(3) }, () => (rnd(5) === 0 ? '**' : segment(atoms))).join('/');
    const path = () =>
      Array.from({ length: 1 + rnd(4) }, () =>
        segment(['a', 'b', '.', '*', '-', 'ab', '.git', 'x']),
      ).join('/');
    const disagreements: string[] = [];
    for (const options of OPTION_SETS) {
      for (let i = 0; i < 4000; i++) {
        const pattern = glob();
        const linear = compileLinearGlob(pattern, options);
        const pico = picomatch(pattern, options);
        for (let j = 0; j < 10; j++) {
          const p = path();
          if (linear(p) !== pico(p)) disagreements.push(`${pattern} ${p}`);
        }
      }
    }
    expect(disagreements).toEqual([]);
  });

  it('reads [!a] as a class of every character but a (§8), where picomatch misread it', () => {
    const match = compileLinearGlob('[!a]?', { dot: true });
    expect([match('aa'), match('ba'), match('b')]).toEqual([false, true, false]);
  });

  it('keeps picomatch for its own syntax (braces, groups)', () => {
    const braces = compileLinearGlob('**/{.gitignore,.ignore}', { dot: true });
    expect([braces('a/.ignore'), braces('.gitignore'), braces('a/.other')]).toEqual([
      true,
      true,
      false,
    ]);
  });
});
