import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseCsv } from './parseCsv.js';

// An RFC 4180 writer written for this test only: quote every field, double its quotes.
function writeCsv(rows: string[][], lineEnd: string): string {
  return rows.map((row) => row.map((field) => `"${field.replaceAll('"', '""')}"`).join(',')).join(lineEnd) + lineEnd;
}

describe('parseCsv', () => {
  describe('when the text is RFC 4180 CSV', () => {
    it('splits fields and records, with quotes, commas and line breaks inside quoted fields', () => {
      expect(parseCsv('a,b\r\n"x, ""y""\r\nz",\r\n')).toEqual([
        { line: 1, fields: ['a', 'b'] },
        { line: 2, fields: ['x, "y"\r\nz', ''] },
      ]);
    });

    it('accepts LF line ends, a missing last line end, a BOM and empty lines', () => {
      expect(parseCsv('\ufeffa\n\nb,c')).toEqual([
        { line: 1, fields: ['a'] },
        { line: 3, fields: ['b', 'c'] },
      ]);
    });

    it('gives back any table written by an independent writer, with the line each record starts on', () => {
      const field = fc.string({ unit: fc.constantFrom('a', 'Z', '0', ' ', ',', '"', '\n', '\r\n', 'é', '='), maxLength: 8 });
      const table = fc.array(fc.array(field, { minLength: 2, maxLength: 5 }), { minLength: 1, maxLength: 8 });
      fc.assert(
        fc.property(table, fc.constantFrom('\r\n', '\n'), (rows, lineEnd) => {
          const records = parseCsv(writeCsv(rows, lineEnd));
          expect(records.map((record) => record.fields)).toEqual(rows);
          let line = 1;
          records.forEach((record, index) => {
            expect(record.line).toBe(line);
            line += 1 + (rows[index] ?? []).join('').split('\n').length - 1;
          });
        }),
      );
    });
  });

  describe('when the text breaks RFC 4180', () => {
    it.each([
      ['a quote inside an unquoted field', 'a,b\nc,d"e\n', 2],
      ['text after a closing quote', 'a\n"b"c\n', 2],
      ['a quote never closed', 'a\nb\n"c,\nd\n', 3],
      ['a bare CR', 'a\rb\n', 1],
      ['too many fields', `${'x,'.repeat(70)}x\n`, 1],
      ['a huge field', `a\n"${'x'.repeat(10_001)}"\n`, 2],
    ])('refuses %s with DOMAIN_BAD_CSV naming line %i', async (_, text, line) => {
      await expect(() => parseCsv(text)).toThrowCode('DOMAIN_BAD_CSV');
      expect(() => parseCsv(text)).toThrow(`line ${line}:`);
    });
  });
});
