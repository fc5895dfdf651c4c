import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type CsvSyntaxError, parseCsv } from './csv-parser.js';

function parse(text: string) {
  const records: { row: number; fields: string[] }[] = [];
  const errors: { kind: CsvSyntaxError; row: number; field: number }[] = [];
  parseCsv(text, {
    record: (r) => records.push({ row: r.row, fields: r.texts() }),
    error: (kind, row, field) => errors.push({ kind, row, field }),
  });
  return { records, errors };
}

describe('parseCsv', () => {
  it('splits plain records and numbers rows like a spreadsheet', () => {
    expect(parse('a,b,c\n1,2,3\n4,5,6').records).toEqual([
      { row: 1, fields: ['a', 'b', 'c'] },
      { row: 2, fields: ['1', '2', '3'] },
      { row: 3, fields: ['4', '5', '6'] },
    ]);
  });

  it('handles CRLF, empty fields and a trailing newline', () => {
    expect(parse('a,b\r\n,x\r\ny,\r\n').records).toEqual([
      { row: 1, fields: ['a', 'b'] },
      { row: 2, fields: ['', 'x'] },
      { row: 3, fields: ['y', ''] },
    ]);
  });

  it('skips blank lines but counts them as rows', () => {
    expect(parse('a\n\n1\n\r\n2\n').records).toEqual([
      { row: 1, fields: ['a'] },
      { row: 3, fields: ['1'] },
      { row: 5, fields: ['2'] },
    ]);
  });

  it('reads quoted fields with separators, doubled quotes and line breaks as one row', () => {
    const { records, errors } = parse('a,b\n"x,y","he said ""hi"""\n"two\nlines",z\nlast,1\n');
    expect(errors).toEqual([]);
    expect(records).toEqual([
      { row: 1, fields: ['a', 'b'] },
      { row: 2, fields: ['x,y', 'he said "hi"'] },
      { row: 3, fields: ['two\nlines', 'z'] },
      { row: 4, fields: ['last', '1'] },
    ]);
  });

  it('keeps a quote inside an unquoted field literally', () => {
    expect(parse('a,b\nx"y,2\n').records[1]).toEqual({ row: 2, fields: ['x"y', '2'] });
  });

  it('reads a quoted last field at the end of the text and with CRLF', () => {
    expect(parse('a\n"q"').records[1]).toEqual({ row: 2, fields: ['q'] });
    expect(parse('a,b\r\n"q",1\r\n"r"\r\n').records.slice(1)).toEqual([
      { row: 2, fields: ['q', '1'] },
      { row: 3, fields: ['r'] },
    ]);
  });

  it('reports an unterminated quote at the row where it opens and stops', () => {
    const { records, errors } = parse('a,b,c\n1,2,3\n4,"open,6\n7,8,9\n');
    expect(errors).toEqual([{ kind: 'unterminated_quote', row: 3, field: 1 }]);
    expect(records.map((r) => r.row)).toEqual([1, 2]);
  });

  it('reports text after a closing quote and goes on with the next line', () => {
    const { records, errors } = parse('a,b\n"x"y,1\n2,3\n');
    expect(errors).toEqual([{ kind: 'text_after_quote', row: 2, field: 0 }]);
    expect(records).toEqual([
      { row: 1, fields: ['a', 'b'] },
      { row: 3, fields: ['2', '3'] },
    ]);
  });

  it('gives short and long rows their own field count instead of merging them (unlike udsv)', () => {
    expect(parse('a,b,c\n1,2\n4,5,6,7\n').records).toEqual([
      { row: 1, fields: ['a', 'b', 'c'] },
      { row: 2, fields: ['1', '2'] },
      { row: 3, fields: ['4', '5', '6', '7'] },
    ]);
  });

  it('stays linear on a single column without any separator', () => {
    const text = `v\n${'1\n'.repeat(200_000)}`;
    const start = performance.now();
    expect(parse(text).records.length).toBe(200_001);
    expect(performance.now() - start).toBeLessThan(2000);
  });

  it('reads back whatever a correct writer writes (property)', () => {
    const field = fc.string({ unit: fc.constantFrom('a', 'b', ',', '"', '\n', '\r\n', ' ', '中', '1') });
    const quote = (s: string) => (/[",\r\n]/.test(s) || s === '' ? `"${s.replace(/"/g, '""')}"` : s);
    fc.assert(
      fc.property(
        fc.array(fc.array(field, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 8 }),
        (rows) => {
          // A record of one empty field would be a blank line; writers quote it.
          const text = rows.map((r) => r.map(quote).join(',')).join('\r\n');
          const { records, errors } = parse(text);
          expect(errors).toEqual([]);
          expect(records.map((r) => r.fields)).toEqual(rows);
          expect(records.map((r) => r.row)).toEqual(rows.map((_, i) => i + 1));
        },
      ),
    );
  });
});
