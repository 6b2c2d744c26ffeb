/**
 * Grouping findings for the text report: by file, code, section, severity and the first segment
 * of the path, from three findings up; groups stand where their first finding stood, and every
 * finding is kept, in order. The prose of a group line is pinned here for the main codes.
 */
import { describe, expect, it } from 'vitest';
import { describeGroup } from '../../src/describe.js';
import { groupFindings, isFindingGroup } from '../../src/manifest/group.js';
import type { Finding, FindingCode } from '../../src/manifest/types.js';

function finding(code: FindingCode, path: string, extra: Partial<Finding> = {}): Finding {
  return {
    code,
    severity: 'error',
    file: 'dist/p-1.0.tar.gz',
    target: 'sdist',
    path,
    member: `p-1.0/${path}`,
    args: { entry: `mod: ${path} -> ${path}` },
    ...extra,
  };
}

/** The result as one short string per item: a path, or `CODE dir (n)` for a group. */
function shape(findings: Finding[], minimum?: number): string[] {
  return groupFindings(findings, minimum).map((item) =>
    isFindingGroup(item)
      ? `${item.code} ${item.dir || '.'} (${item.findings.length})`
      : `${item.code} ${item.path}`,
  );
}

describe('groupFindings', () => {
  it('groups by the first segment, named by the deepest common directory', () => {
    const findings = [
      finding('ARCHIVE_MISSING_FILE', 'docs/api/a.md'),
      finding('ARCHIVE_MISSING_FILE', 'docs/api/b.md'),
      finding('ARCHIVE_MISSING_FILE', 'docs/guide/c.md'),
      finding('ARCHIVE_MISSING_FILE', 'src/p/x/1.py'),
      finding('ARCHIVE_MISSING_FILE', 'src/p/x/2.py'),
      finding('ARCHIVE_MISSING_FILE', 'src/p/x/y/3.py'),
    ];
    expect(shape(findings)).toEqual([
      'ARCHIVE_MISSING_FILE docs (3)',
      'ARCHIVE_MISSING_FILE src/p/x (3)',
    ]);
  });

  it('keeps fewer than the minimum as they are, and the order of first appearance', () => {
    const findings = [
      finding('ARCHIVE_EXTRA_FILE', 'a.txt'),
      finding('ARCHIVE_MISSING_FILE', 'docs/1.md'),
      finding('ARCHIVE_MISSING_FILE', 'tests/t.py'),
      finding('ARCHIVE_MISSING_FILE', 'docs/2.md'),
      finding('ARCHIVE_EXTRA_FILE', 'b.txt'),
      finding('ARCHIVE_MISSING_FILE', 'docs/3.md'),
    ];
    expect(shape(findings)).toEqual([
      'ARCHIVE_EXTRA_FILE a.txt',
      'ARCHIVE_MISSING_FILE docs (3)',
      'ARCHIVE_MISSING_FILE tests/t.py',
      'ARCHIVE_EXTRA_FILE b.txt',
    ]);
    expect(shape(findings, 2)).toEqual([
      'ARCHIVE_EXTRA_FILE . (2)',
      'ARCHIVE_MISSING_FILE docs (3)',
      'ARCHIVE_MISSING_FILE tests/t.py',
    ]);
  });

  it('never mixes files, codes, sections or severities', () => {
    const findings = [
      finding('ARCHIVE_MISSING_FILE', 'd/1'),
      finding('ARCHIVE_MISSING_FILE', 'd/2', { file: 'dist/other.tar.gz' }),
      finding('ARCHIVE_CONTENT_MISMATCH', 'd/3'),
      finding('ARCHIVE_MISSING_FILE', 'd/4', { target: 'wheel' }),
      finding('ARCHIVE_MISSING_FILE', 'd/5', { severity: 'warning' }),
    ];
    expect(shape(findings)).toHaveLength(5);
  });

  it('keeps every finding, in order, inside its group', () => {
    const findings = ['z/3', 'z/1', 'z/2'].map((p) => finding('ARCHIVE_EXTRA_FILE', p));
    const [group] = groupFindings(findings);
    expect(isFindingGroup(group!) && group.findings).toEqual(findings);
  });
});

describe('describeGroup', () => {
  it('an archive group: located at the directory as stored, the fix for each direction', () => {
    const missing = ['docs/a.md', 'docs/b.md', 'docs/c.md', 'docs/d.md'].map((p, i) =>
      finding('ARCHIVE_MISSING_FILE', p, {
        args: { entry: `mod: ${p} -> ${p}`, entryLine: 5 + i },
      }),
    );
    const [group] = groupFindings(missing);
    expect(isFindingGroup(group!) && describeGroup(group)).toBe(
      'dist/p-1.0.tar.gz:p-1.0/docs/: error[ARCHIVE_MISSING_FILE] [sdist] 4 listed files under docs/ are not in the archive (manifest lines 5–8): docs/a.md, docs/b.md, docs/c.md, and 1 more (hint: the build ships less than the rules say: to follow the build, add "/docs/" to [tool.manifest.sdist] exclude (or narrow its include) and run `manifest update`; otherwise rebuild, or make the build ship them)',
    );
    const extra = ['x/1', 'x/2', 'x/3'].map((p) =>
      finding('ARCHIVE_EXTRA_FILE', p, { args: { backendExclude: 'MANIFEST.in `prune DIR`' } }),
    );
    const [extraGroup] = groupFindings(extra);
    expect(isFindingGroup(extraGroup!) && describeGroup(extraGroup)).toBe(
      'dist/p-1.0.tar.gz:p-1.0/x/: error[ARCHIVE_EXTRA_FILE] [sdist] the archive holds 3 files under x/ that the manifest does not list: x/1, x/2, x/3 (hint: the build ships more than the rules say: exclude them from the build (MANIFEST.in `prune DIR`), or, to follow the build, select them in [tool.manifest.sdist] (generated if the build writes them) and run `manifest update`)',
    );
  });

  it('a manifest group: located at its first line, with the span of lines', () => {
    const stale = [12, 13, 20].map((line, i) => ({
      ...finding('STALE_ENTRY', `docs/${i}.md`, { file: 'pyproject-manifest.txt', line }),
      member: undefined,
    })) as Finding[];
    const [group] = groupFindings(stale);
    expect(isFindingGroup(group!) && describeGroup(group)).toBe(
      'pyproject-manifest.txt:12: error[STALE_ENTRY] [sdist] 3 entries under docs/ are no longer produced by the rules (lines 12–20): docs/0.md, docs/1.md, docs/2.md (hint: run `manifest update`, or change [tool.manifest] if the files should still ship)',
    );
  });

  it('a code without its own group wording: the count, then the first finding', () => {
    const rows = ['p/a.py', 'p/b.py', 'p/c.py'].map((p) =>
      finding('RECORD_SIZE_MISMATCH', p, {
        file: 'dist/p-1.0-py3-none-any.whl',
        target: 'wheel',
        member: p,
        args: { recordLine: 1, recorded: '1', actual: 2 },
      }),
    );
    const [group] = groupFindings(rows);
    expect(isFindingGroup(group!) && describeGroup(group)).toBe(
      'dist/p-1.0-py3-none-any.whl:p/: error[RECORD_SIZE_MISMATCH] 3 findings under p/; the first: RECORD line 1 says size 1, the file has 2 bytes: p/a.py, p/b.py, p/c.py',
    );
  });
});
