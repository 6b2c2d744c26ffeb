/**
 * The exit-code decision, table-driven: 0 ok, 1 a check failed, 2 input error, 3 internal error;
 * the worst outcome wins and warnings alone never fail.
 */
import { describe, expect, it } from 'vitest';
import { exitCodeFor, type Outcome } from '../../src/cli/exit-code.js';
import type { Finding } from '../../src/index.js';

const finding = (code: Finding['code'], severity: Finding['severity'] = 'error'): Finding => ({
  code,
  severity,
  file: 'pyproject-manifest.txt',
  path: 'x',
  args: {},
});

describe('exitCodeFor', () => {
  it.each<[string, Outcome, number]>([
    ['nothing to report', {}, 0],
    ['no findings, no errors', { findings: [], errorCodes: [] }, 0],
    ['a warning only', { findings: [finding('ARCHIVE_CASE_COLLISION', 'warning')] }, 0],
    ['an error finding', { findings: [finding('UNLISTED_FILE')] }, 1],
    ['a changed file (update --exit-code, diff)', { changed: true }, 1],
    ['a user error', { errorCodes: ['CONFIG_UNKNOWN_KEY'] }, 2],
    [
      'a user error beats findings',
      { findings: [finding('STALE_ENTRY')], errorCodes: ['MANIFEST_SYNTAX'] },
      2,
    ],
    [
      'an internal error beats everything',
      { internal: true, errorCodes: ['USAGE'], changed: true },
      3,
    ],
  ])('%s → %i', (_name, outcome, expected) => {
    expect(exitCodeFor(outcome)).toBe(expected);
  });
});
