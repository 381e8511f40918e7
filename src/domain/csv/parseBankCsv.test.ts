import { describe, expect, it } from 'vitest';
import { parseStatementFile } from '../statement/parseStatementFile.js';
import type { ParsedStatement } from '../statement/parsedStatement.js';
import { readFixture, readFixtureBytes } from '../../../test/fixtures/domain/vectors.js';

async function read(bytes: Uint8Array, columns?: string): Promise<ParsedStatement[]> {
  return (await parseStatementFile(bytes, { format: 'csv', ...(columns ? { columns } : {}) })).statements;
}

async function one(name: string, columns?: string): Promise<ParsedStatement> {
  const [statement, ...rest] = await read(readFixtureBytes(name), columns);
  expect(rest).toEqual([]);
  return statement as ParsedStatement;
}

const text = (value: string) => new TextEncoder().encode(value);
const rows = (s: ParsedStatement) => s.entries.map((e) => [e.status, e.bookingDate, e.valueDate, e.amount.minor]);

describe('parseStatementFile on bank CSV exports', () => {
  it('Sparkasse CSV-CAMT (Windows-1252): pending rows reported, dd.mm.yy dates, thousands dots, formula cells, a bad IBAN kept as text', async () => {
    const statement = await one('csv-sparkasse-camt.csv');
    expect(statement.format).toBe('csv:sparkasse-camt');
    expect(statement.csv?.mapping).toMatchObject({ dialect: 'sparkasse-camt', encoding: 'windows-1252', delimiter: ';', decimal: ',', headerLine: 1 });
    expect(statement.csv?.mapping.columns).toMatchObject({ bookingDate: { index: 2, header: 'Buchungstag' }, amount: { index: 15, header: 'Betrag' }, counterpartyName: { index: 12 }, status: { index: 17, header: 'Info' } });
    expect(statement.account.iban).toBe('DE89370400440532013000');
    expect(rows(statement)).toEqual([
      ['PDNG', '2025-12-05', '2025-12-09', -114_341],
      ['BOOK', '2025-12-03', '2025-12-03', 11_900],
      ['BOOK', '2025-12-02', '2025-12-02', -226_000],
      ['BOOK', '2025-12-01', '2025-12-01', -5500],
      ['BOOK', '2025-11-30', '2025-11-30', -750],
    ]);
    expect(statement.entries[1]).toMatchObject({ postingText: 'GUTSCHR. UEBERWEISUNG', references: { endToEnd: 'RE-2025-0815' }, counterparty: { name: 'Müller & Söhne GmbH', iban: 'DE44500105175407324931', bankId: 'COBADEFFXXX' } });
    expect(statement.entries[2]?.references).toMatchObject({ mandate: 'M-99', creditorId: 'DE98ZZZ09999999999', endToEnd: 'MS-10023' });
    expect(statement.entries[3]?.counterparty).toMatchObject({ iban: null, account: 'DE75512108001245126198' });
    expect(statement.entries[4]?.counterparty).toBeNull();
    expect(statement.csv?.formulaCells).toEqual([
      { line: 5, column: 12, header: 'Beguenstigter/Zahlungspflichtiger' },
      { line: 5, column: 5, header: 'Verwendungszweck' },
    ]);
    expect(statement.warnings.map((w) => [w.code, w.where])).toEqual([['ENCODING_FALLBACK', 'file'], ['IBAN_KEPT_AS_TEXT', 'line 5']]);
  });

  it('Sparkasse CSV-MT940: SEPA keywords glued into the purpose are split out', async () => {
    const statement = await one('csv-sparkasse-mt940.csv');
    expect(statement.format).toBe('csv:sparkasse-mt940');
    expect(statement.entries[0]).toMatchObject({
      remittance: 'Rechnung 11063225', references: { endToEnd: '11063225-1', mandate: '41310-1', creditorId: 'DE98ZZZ09999999999' },
      counterparty: { name: 'Dienstleister GmbH', iban: 'DE12500105170648489890', bankId: 'HASPDEHHXXX' },
    });
    expect(statement.entries[1]).toMatchObject({ remittance: 'Rechnung RE-2025-0815', counterparty: { ultimateName: 'Handel Holding' }, amount: { minor: 119_000 } });
  });

  it('Commerzbank (UTF-8 with BOM): amounts without decimals, the payment text in Buchungstext', async () => {
    const statement = await one('csv-commerzbank.csv');
    expect(statement.format).toBe('csv:commerzbank');
    expect(statement.csv?.mapping.encoding).toBe('utf-8');
    expect(statement.entries.map((e) => [e.bookingDate, e.amount.minor, e.postingText])).toEqual([['2025-05-02', -204_000, 'Dauerauftrag'], ['2025-04-30', -1070, 'Zinsen/Entgelte'], ['2025-04-29', 110_000, 'Gutschrift']]);
    expect(statement.entries[0]?.remittance).toContain('MIETE MAI 2025');
    expect(statement.account.iban).toBe('DE02120300000000202051');
    expect(statement.warnings).toEqual([]);
  });

  it('DKB: account and balance from the lines above the table, payer or payee by the sign, "2.987" is 2987.00', async () => {
    const statement = await one('csv-dkb.csv');
    expect(statement.format).toBe('csv:dkb');
    expect(statement.account).toMatchObject({ iban: 'DE42120300001033738756', name: 'Girokonto' });
    expect(statement.balances).toEqual([{ type: 'CLBD', amount: { minor: 123_456, currency: 'EUR' }, date: '2026-01-31' }]);
    expect(statement.csv?.mapping.headerLine).toBe(5);
    expect(rows(statement)).toEqual([['PDNG', '2026-01-31', null, -6230], ['BOOK', '2026-01-30', '2026-01-30', -1790], ['BOOK', '2026-01-29', '2026-01-29', 298_700], ['BOOK', '2026-01-28', '2026-01-28', -100_100]]);
    expect(statement.entries.map((e) => e.counterparty?.name)).toEqual(['Tankstelle Nord', 'Muster Markt GmbH', 'Beispiel AG', 'Versicherung AG']);
    expect(statement.entries[1]?.references.customer).toBe('100000000000001');
    expect(statement.reconciliation.notChecked).toContain('no opening balance (OPBD or PRCD)');
  });

  it('ING (Windows-1252): preamble, two Währung columns, newest first, the balance column checked row by row', async () => {
    const statement = await one('csv-ing.csv');
    expect(statement.format).toBe('csv:ing');
    expect(statement.account).toMatchObject({ iban: 'DE89370400440532013000', name: 'Girokonto', ownerName: 'Coffer Test GmbH' });
    expect(statement.period).toEqual({ from: '2025-12-01', to: '2025-12-09' });
    expect(statement.csv?.mapping.columns).toMatchObject({ balanceAfter: { index: 6 }, amount: { index: 8 }, currency: { index: 9 } });
    expect(statement.entries.map((e) => [e.amount.minor, e.counterparty?.name])).toEqual([[-20_000, 'Hausverwaltung Nord'], [-3999, 'Telefon AG'], [119_000, 'Beispiel Handel GmbH']]);
    expect(statement.reconciliation.status).toBe('reconciled');
    expect(statement.reconciliation.checks.map((c) => [c.check, c.ok])).toEqual([['running-balance', true], ['balance', true]]);
  });

  it('ING: the older header (Valuta, Kategorie) and the newer one with Notiz read the same columns', async () => {
    const older = 'Buchung;Valuta;Auftraggeber/Empfänger;Buchungstext;Kategorie;Verwendungszweck;Saldo;Währung;Betrag;Währung\n09.01.2020;09.01.2020;Telefon AG;Lastschrift;Shopping;Rechnung 0120;1.188,32;EUR;-1,62;EUR\n';
    const newer = 'Buchung;Wertstellungsdatum;Auftraggeber/Empfänger;Buchungstext;Notiz;Verwendungszweck;Saldo;Währung;Betrag;Währung\n09.01.2020;09.01.2020;Telefon AG;Lastschrift;meine Notiz;Rechnung 0120;1.188,32;EUR;-1,62;EUR\n';
    for (const file of [older, newer]) {
      const [statement] = await read(text(file));
      expect(statement?.format).toBe('csv:ing');
      expect(statement?.entries[0]).toMatchObject({ remittance: 'Rechnung 0120', amount: { minor: -162, currency: 'EUR' }, postingText: 'Lastschrift' });
    }
  });

  it('ING: a balance column that does not add up is reported with the line', async () => {
    const latin1 = Buffer.from(readFixtureBytes('csv-ing.csv')).toString('latin1');
    const [statement] = await read(Buffer.from(latin1.replace('3.150,01;EUR;-39,99', '3.150,02;EUR;-39,99'), 'latin1'));
    expect(statement?.reconciliation.status).toBe('differs');
    expect(statement?.reconciliation.checks[0]).toMatchObject({ check: 'running-balance', ok: false, message: expect.stringContaining('line 16: the balance after booking is not') });
  });

  it('Atruvia (Volksbanken, GLS): own IBAN from every row, balance after booking, the closing posting without a party', async () => {
    const statement = await one('csv-atruvia.csv');
    expect(statement.format).toBe('csv:atruvia');
    expect(statement.account.iban).toBe('DE02120300000000202051');
    expect(rows(statement)).toEqual([['BOOK', '2025-12-01', '2025-12-01', 17_500], ['BOOK', '2025-12-01', '2025-12-01', -45_311], ['BOOK', '2025-11-28', '2025-11-30', -600]]);
    expect(statement.entries[1]?.references).toMatchObject({ mandate: 'M-200-002', creditorId: 'DE98ZZZ09999999999' });
    expect(statement.entries[2]).toMatchObject({ counterparty: null, postingText: 'Abschluss', remittance: 'Abschluss per 30.11.2025' });
    expect(statement.reconciliation.status).toBe('reconciled');
  });

  it('Targobank: no header row, debit and credit columns, the own IBAN in quotes', async () => {
    const statement = await one('csv-targobank.csv');
    expect(statement.format).toBe('csv:targobank');
    expect(statement.csv?.mapping).toMatchObject({ headerLine: null, decimal: ',' });
    expect(statement.account.iban).toBe('DE02120300000000202051');
    expect(statement.entries.map((e) => [e.bookingDate, e.amount.minor])).toEqual([['2025-11-03', -500], ['2025-11-04', -695], ['2025-11-10', 8316]]);
    expect(statement.entries[2]?.remittance).toBe('Gutschrift Stadtwerke Nord Erstattung Strom 2025');
    const dots = readFixture('csv-targobank.csv').replace(';-5,00;', ';-5.00;').replace(';-6,95;', ';-6.95;').replace(';83,16;', ';83.16;');
    expect((await read(text(dots)))[0]?.csv?.mapping.decimal).toBe('.');
  });

  it("Coffer's own columns still read as before", async () => {
    const statement = await one('statement.csv');
    expect(statement.format).toBe('csv:coffer');
    expect(statement.entries.map((e) => [e.references.accountServicer, e.amount.minor])).toEqual([
      ['2025030300117843', 1_250_000], ['2025030300118002', -123_456], ['2025030300118003', -750], ['2025030300118004', 98_000], ['2025030300118006', -1999],
    ]);
    expect(statement.csv?.formulaCells.map((c) => [c.line, c.header])).toEqual([[7, 'counterparty_name'], [7, 'remittance_info']]);
  });

  it('passes over a line under the table, with a warning (Deutsche Bank "Kontostand")', async () => {
    const file = 'Buchungstag;Wert;Umsatzart;Begünstigter / Auftraggeber;Verwendungszweck;IBAN / Kontonummer;BIC;Kundenreferenz;Mandatsreferenz;Gläubiger ID;Fremde Gebühren;Betrag;Abweichender Empfänger;Anzahl der Aufträge;Anzahl der Schecks;Soll;Haben;Währung\n'
      + '30.6.2026;30.6.2026;SEPA Lastschrift;Bank AG;Darlehen;DE02120300000000202051;;NOTPROVIDED;;;;-1.000,00;;;;-1.000,00;;EUR\n'
      + '29.6.2026;29.6.2026;SEPA Überweisung;Max Mustermann;Miete;DE75512108001245126199;;;;;;;;;;;750;EUR\n'
      + 'Kontostand;30.6.2026;;;1.200,00;EUR\n';
    const [statement] = await read(text(file));
    expect(statement?.format).toBe('csv:deutsche-bank');
    expect(statement?.entries.map((e) => e.amount.minor)).toEqual([-100_000, 75_000]);
    expect(statement?.warnings).toEqual([expect.objectContaining({ code: 'CSV_LINE_IGNORED', where: 'line 4' })]);
  });

  describe('when the user gives the columns', () => {
    it('reads a file without a header row, dates dd.mm.yy and amounts with thousands dots', async () => {
      const [statement] = await read(text('31.12.24;Miete Januar;-1.234,56;Hausverwaltung Nord\n02.01.25;Erstattung;80,00;Anna Schmidt\n'), 'date=1,text=2,amount=3,name=4,currency=EUR');
      expect(statement?.format).toBe('csv:columns');
      expect(statement?.entries.map((e) => [e.bookingDate, e.amount.minor, e.counterparty?.name, e.remittance])).toEqual([
        ['2024-12-31', -123_456, 'Hausverwaltung Nord', 'Miete Januar'],
        ['2025-01-02', 8000, 'Anna Schmidt', 'Erstattung'],
      ]);
      expect(statement?.csv?.mapping).toMatchObject({ dialect: 'columns', headerLine: null, columns: { bookingDate: { index: 1, header: null }, amount: { index: 3 } } });
    });

    it('takes columns by their header text and passes over lines above the header', async () => {
      const file = 'Export vom 01.02.2025\n\nDatum;Text;Wert\n31.01.2025;Gebühr;-7,50\n';
      const [statement] = await read(text(file), 'date=Datum,amount=Wert,text=Text,currency=EUR');
      expect(statement?.entries.map((e) => [e.bookingDate, e.amount.minor, e.remittance])).toEqual([['2025-01-31', -750, 'Gebühr']]);
      expect(statement?.csv?.mapping.headerLine).toBe(3);
    });

    it('answers a mapping that does not fit with the line, the column, what it holds and the file\'s columns', async () => {
      const sparkasse = readFixtureBytes('csv-sparkasse-camt.csv');
      await expect(read(sparkasse, 'date=1,amount=15')).rejects.toThrow('columns: expected dates such as 31.12.2024 in column 1 (date=1), found none in any row; the first row is: 1 Auftragskonto, 2 Buchungstag');
      await expect(read(sparkasse, 'date=2,amount=4,currency=EUR')).rejects.toThrow(
        'line 2, column 4 (Buchungstext) as amount: expected an amount such as 1.234,56, found text; this file\'s columns are: 1 Auftragskonto, 2 Buchungstag, 3 Valutadatum, 4 Buchungstext',
      );
      await expect(read(sparkasse, 'date=2,amount=15')).rejects.toThrow('expected a currency column or currency=XXX in the columns, found neither');
    });
  });

  describe('when Coffer does not know the export', () => {
    it('says what it found — separator and columns — and how to give a mapping, not "an unknown column 1"', async () => {
      const file = 'Wann;Wofür;Wieviel\n31.12.24;Miete;-1.200,00\n';
      const failure = read(text(file));
      await expect(failure).rejects.toMatchObject({ code: 'DOMAIN_BAD_CSV' });
      await expect(read(text(file))).rejects.toThrow('line 1: expected the header row of a bank export Coffer knows');
      await expect(read(text(file))).rejects.toThrow('found a ";"-separated table whose first row is: 1 Wann, 2 Wofür, 3 Wieviel; give the columns instead: field=column pairs');
    });

    it('reads a header with the usual names as "generic" and returns the mapping to check', async () => {
      const [statement] = await read(text('Datum;Betrag;Verwendungszweck;Währung\n31.12.2024;1.234,56;Zinsen;EUR\n'));
      expect(statement?.format).toBe('csv:generic');
      expect(statement?.entries[0]).toMatchObject({ bookingDate: '2024-12-31', amount: { minor: 123_456, currency: 'EUR' }, remittance: 'Zinsen' });
    });

    it('refuses a quote that is never closed, naming the line', async () => {
      const file = readFixture('csv-commerzbank.csv').replace('Dauerauftrag;HAUSVERWALTUNG', 'Dauerauftrag;"HAUSVERWALTUNG');
      await expect(read(text(file))).rejects.toMatchObject({ code: 'DOMAIN_BAD_CSV' });
      await expect(read(text(file))).rejects.toThrow('expected ";"-separated CSV with quotes around whole fields, found a quote that is never closed');
    });

    it('refuses an amount column mixing decimal commas and points, asking which', async () => {
      await expect(read(text('Datum;Betrag;Währung\n31.12.2024;1,50;EUR\n30.12.2024;2.50;EUR\n'))).rejects.toThrow('set decimal=comma or decimal=dot');
    });
  });
});
