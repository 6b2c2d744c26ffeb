/**
 * RECORD parsing: the CSV as Python's csv module writes it, and rows that are not path,hash,size.
 */
import { describe, expect, it } from 'vitest';
import { parseRecord, splitCsv } from '../../src/archive/record.js';

describe('splitCsv', () => {
  const cases: [string, string, string[][]][] = [
    [
      'plain rows',
      'a,b,c\nd,e,f\n',
      [
        ['a', 'b', 'c'],
        ['d', 'e', 'f'],
      ],
    ],
    [
      'CRLF line ends',
      'a,b,c\r\nd,e,f\r\n',
      [
        ['a', 'b', 'c'],
        ['d', 'e', 'f'],
      ],
    ],
    ['no final newline', 'a,b,c', [['a', 'b', 'c']]],
    ['quoted comma', '"a,b",x,1\n', [['a,b', 'x', '1']]],
    ['doubled quote', '"say ""hi""",x,1\n', [['say "hi"', 'x', '1']]],
    ['newline inside quotes', '"a\nb",x,1\n', [['a\nb', 'x', '1']]],
    ['empty fields', 'a,,\n', [['a', '', '']]],
    ['blank lines skipped', '\na,b,c\n\n', [['a', 'b', 'c']]],
    ['quote inside a bare field is literal', 'a"b,x,1\n', [['a"b', 'x', '1']]],
  ];
  it.each(cases)('%s', (_name, text, expected) => {
    expect(splitCsv(text).map((r) => r.fields)).toEqual(expected);
  });

  it('numbers records by the line they start on', () => {
    expect(splitCsv('"a\nb",x,1\nc,y,2\n').map((r) => r.line)).toEqual([1, 3]);
  });
});

describe('parseRecord', () => {
  const H = 'sha256=47DEQpj8HBSa-_TImW-5JCeuQeRkm5NMpJWZG3hSuFU';
  const rows: [string, string, object][] = [
    [
      'hashed row',
      `p/a.py,${H},0`,
      { path: 'p/a.py', algorithm: 'sha256', digest: H.slice(7), size: 0 },
    ],
    [
      'RECORD itself',
      'p-1.0.dist-info/RECORD,,',
      { path: 'p-1.0.dist-info/RECORD', algorithm: '', digest: '', size: undefined },
    ],
    ['sha512 row', 'p/a.py,sha512=abc,12', { algorithm: 'sha512', digest: 'abc', size: 12 }],
    ['quoted path with comma', `"p/a,b.py",${H},3`, { path: 'p/a,b.py', size: 3 }],
    ['non-ASCII path', `p/caf\u00e9.txt,${H},3`, { path: 'p/caf\u00e9.txt' }],
  ];
  it.each(rows)('%s', (_name, line, expected) => {
    const { rows: parsed, problems } = parseRecord(`${line}\n`);
    expect(problems).toEqual([]);
    expect(parsed[0]).toMatchObject(expected);
  });

  const problems: [string, string, string][] = [
    ['two fields', 'p/a.py,sha256=x', 'expected 3 fields, found 2'],
    ['four fields', 'p/a.py,sha256=x,1,extra', 'expected 3 fields, found 4'],
    ['hash without =', 'p/a.py,deadbeef,1', 'the hash is not written as algorithm=digest'],
    ['size not a number', 'p/a.py,sha256=x,ten', 'the size is not a decimal number'],
    ['negative size', 'p/a.py,sha256=x,-1', 'the size is not a decimal number'],
  ];
  it.each(problems)('%s is a problem, not an exception', (_name, line, reason) => {
    const result = parseRecord(`ok.py,sha256=x,1\n${line}\n`);
    expect(result.rows.map((r) => r.path)).toEqual(['ok.py']);
    expect(result.problems).toEqual([{ line: 2, reason, text: line }]);
  });
});
