import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { neutraliseCsvCell } from './neutraliseCsvCell.js';
import { parse } from 'csv-parse/sync';

/** What a reader of our CSV does: one apostrophe comes off a field of apostrophes then a formula start. */
function readBack(cell: string): string {
  return cell.replace(/^'(?='*[=+\-@\t\r\uff1d\uff0b\uff0d\uff20])/, '');
}

describe('neutraliseCsvCell', () => {
  describe('when the text would run as a spreadsheet formula', () => {
    it.each([
      ['=1+1', "'=1+1"],
      ['+49 30 1234', "'+49 30 1234"],
      ['-2+3', "'-2+3"],
      ['@SUM(A1)', "'@SUM(A1)"],
      ['\t=1', "'\t=1"],
      ['=HYPERLINK("http://x","y")', '"\'=HYPERLINK(""http://x"",""y"")"'],
      ['＝1+1', "'＝1+1"],
    ])('writes %j as %j', (text, cell) => {
      expect(neutraliseCsvCell(text)).toBe(cell);
    });
  });

  describe('when the text already starts with apostrophes before a formula start', () => {
    it.each([
      ["'=", "''="],
      ["'=1+1", "''=1+1"],
      ["''+49", "'''+49"],
    ])('writes %j as %j, which reads back as the same text', (text, cell) => {
      expect(neutraliseCsvCell(text)).toBe(cell);
      expect(readBack(cell)).toBe(text);
    });

    // Found by the round-trip property below: the text '= was written as '= and so read back as =.
    it('keeps the record ["\'=", "", ""] exactly through a CSV round trip', () => {
      const texts = ["'=", '', ''];
      const [record] = parse(`${texts.map(neutraliseCsvCell).join(',')}\n`) as string[][];
      expect(record?.map(readBack)).toEqual(texts);
    });
  });

  describe('when the text is plain', () => {
    it.each([
      ['ACME Ltd', 'ACME Ltd'],
      ['Société Générale, Paris', '"Société Générale, Paris"'],
      ['two\nlines', '"two\nlines"'],
      ['say "hi"', '"say ""hi"""'],
      ["'s-Hertogenbosch", "'s-Hertogenbosch"],
    ])('writes %j as %j', (text, cell) => {
      expect(neutraliseCsvCell(text)).toBe(cell);
    });

    it('writes any text as one field that reads back without a formula start', () => {
      fc.assert(
        fc.property(fc.array(fc.string({ maxLength: 12 }).filter((s) => !s.includes('\r')), { minLength: 2, maxLength: 4 }), (texts) => {
          // Read back as the statement readers read CSV (csv-parse, RFC 4180 quoting).
          const [record] = parse(`${texts.map(neutraliseCsvCell).join(',')}\n`) as string[][];
          expect(record?.length).toBe(texts.length);
          record?.forEach((field, index) => {
            expect(field).not.toMatch(/^[=+\-@\t\r]/);
            expect(readBack(field)).toBe(texts[index]);
          });
        }),
      );
    });
  });
});
