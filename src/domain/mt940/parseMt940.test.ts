import { describe, expect, it } from 'vitest';
import { dedupeEntries } from '../statement/dedupeEntries.js';
import { parseStatementFile } from '../statement/parseStatementFile.js';
import type { ParsedStatement } from '../statement/parsedStatement.js';
import { readFixtureBytes } from '../../../test/fixtures/domain/vectors.js';

async function read(bytes: Uint8Array): Promise<ParsedStatement[]> {
  return (await parseStatementFile(bytes, { fileName: 'statement.sta' })).statements;
}

const text = (value: string) => new TextEncoder().encode(value);
const MINIMAL = ':20:X\r\n:25:DE89370400440532013000\r\n:28C:1/1\r\n:60F:C250101EUR100,00\r\n';

describe('parseStatementFile on MT940 and MT942', () => {
  describe('when the file holds two German MT940 statements with structured :86: fields (Windows-1252)', () => {
    it('reads the first statement: balances, German subfields, SEPA keywords, a reversal (RD)', async () => {
      const [first] = await read(readFixtureBytes('mt940-dk-two-statements.sta'));
      expect(first).toMatchObject({ format: 'mt940', kind: 'statement', statementId: 'STARTUMS/00112/001', electronicSequence: '00112/001', additionalInfo: 'Saldenabschluss siehe Kontoauszug' });
      expect(first?.account).toMatchObject({ iban: 'DE89370400440532013000', otherId: null, currency: 'EUR' });
      expect(first?.balances.map((b) => [b.type, b.amount.minor, b.date])).toEqual([
        ['OPBD', 1_250_000, '2025-12-30'], ['CLBD', 1_361_650, '2025-12-31'], ['CLAV', 1_361_650, '2025-12-31'], ['FWAV', 1_361_650, '2026-01-02'],
      ]);
      const [credit, debit, reversal] = first?.entries ?? [];
      expect(credit).toMatchObject({
        amount: { minor: 119_000, currency: 'EUR' }, bookingDate: '2025-12-30', valueDate: '2025-12-30', postingText: 'GUTSCHR. UEBERWEISUNG',
        references: { accountServicer: '2512300815', endToEnd: 'RE-2025-0815', customer: null, primaNota: '9310' },
        counterparty: { name: 'Müller & Söhne Maschinenbau GmbH', iban: 'DE44500105175407324931', bankId: 'COBADEFFXXX' },
        remittance: 'Rechnung RE-2025-0815 vom 15.12.2025',
        bankTransactionCode: { proprietary: '166', proprietaryIssuer: 'DK', swiftType: 'NTRF', textKeyExtension: '997' },
      });
      expect(debit).toMatchObject({ amount: { minor: -11_900 }, references: { endToEnd: 'MS-10023', mandate: 'M-99', creditorId: 'DE98ZZZ09999999999' }, remittance: 'Rechnung MS-10023' });
      // RD: reversal of a debit, money back in. Line breaks of the field are not text: "Rücklas" + "tschrift".
      expect(reversal).toMatchObject({ amount: { minor: 4550 }, creditDebit: 'CRDT', reversal: true, remittance: 'Rücklastschrift Beitrag 12/2025' });
      expect(first?.reconciliation.status).toBe('reconciled');
      expect(first?.warnings.map((w) => w.code)).toEqual(['ENCODING_FALLBACK']);
    });

    it('reads the second: a national account, a debit balance, an entry date in the next year, a bad IBAN kept as text', async () => {
      const [, second] = await read(readFixtureBytes('mt940-dk-two-statements.sta'));
      expect(second?.account).toMatchObject({ iban: null, otherId: '76026000/1234567890' });
      expect(second?.balances.map((b) => b.amount.minor)).toEqual([-150_000, -325_000]);
      expect(second?.entries.map((e) => [e.valueDate, e.bookingDate, e.amount.minor])).toEqual([['2025-12-31', '2026-01-02', -200_000], ['2026-01-02', '2026-01-02', 25_000]]);
      expect(second?.entries[1]).toMatchObject({ references: { customer: null, endToEnd: null }, counterparty: { name: 'Anna Schmidt', iban: null, account: 'DE75512108001245126198' } });
      expect(second?.warnings.map((w) => [w.code, w.where])).toEqual([['ENCODING_FALLBACK', 'statement.sta'], ['IBAN_KEPT_AS_TEXT', 'line 31 ?31']]);
      expect(second?.reconciliation.status).toBe('reconciled');
    });
  });

  describe('when the file is an MT942 interim report', () => {
    it('reads it as a report and checks its :90D:/:90C: totals', async () => {
      const [report] = await read(readFixtureBytes('mt942-intraday.sta'));
      expect(report).toMatchObject({ format: 'mt942', kind: 'report', createdAt: '2025-06-12T11:00:00+02:00', balances: [] });
      expect(report?.summary).toEqual({ entries: null, debits: { count: 1, sum: { minor: 11_900, currency: 'EUR' } }, credits: { count: 1, sum: { minor: 119_000, currency: 'EUR' } } });
      expect(report?.reconciliation.checks.map((c) => [c.check, c.ok])).toEqual([['credit-count', true], ['credit-sum', true], ['debit-count', true], ['debit-sum', true]]);
    });

    it('and the day-end MT940 (in a SWIFT FIN envelope) that follows books each entry once', async () => {
      const morning = dedupeEntries([], (await read(readFixtureBytes('mt942-intraday.sta')))[0]?.entries ?? []);
      const [dayEnd] = await read(readFixtureBytes('mt940-swift-dayend.sta'));
      expect(dayEnd?.reconciliation.status).toBe('reconciled');
      const evening = dedupeEntries(morning.fresh, dayEnd?.entries ?? []);
      expect(evening.fresh.map((e) => e.amount.minor)).toEqual([-4550]);
      expect(evening.skipped.map((s) => s.reason.code)).toEqual(['ALREADY_BOOKED', 'ALREADY_BOOKED']);
    });
  });

  describe('when a field is malformed', () => {
    it.each([
      ['a statement line without a type code', `${MINIMAL}:61:250101C10,00\r\n:62F:C250101EUR110,00\r\n`, 'line 5, field :61:: expected a statement line'],
      ['an amount with a decimal point', `${MINIMAL}:61:250101C10.00NTRFNONREF\r\n`, 'line 5, field :61:'],
      ['an impossible value date', `${MINIMAL}:61:250230C10,00NTRFNONREF\r\n`, 'line 5, field :61:: expected a date YYMMDD'],
      ['a balance without a currency', ':20:X\r\n:25:DE89370400440532013000\r\n:60F:C250101100,00\r\n', 'line 3, field :60F:: expected a balance such as C251127EUR1234,56'],
      ['a balance amount with a point', ':20:X\r\n:25:DE89370400440532013000\r\n:60F:C250101EUR100.00\r\n', 'found one with a "."'],
      ['an entry before any currency', ':20:X\r\n:25:DE89370400440532013000\r\n:61:250101C10,00NTRFNONREF\r\n', 'line 3: expected the currency from :60F:'],
      ['no account', ':20:X\r\n:60F:C250101EUR100,00\r\n', 'expected field :25: naming the account, found none'],
    ])('refuses %s with DOMAIN_BAD_STATEMENT naming the line and field', async (_, file, message) => {
      await expect(parseStatementFile(text(file), { format: 'mt940' })).rejects.toMatchObject({ code: 'DOMAIN_BAD_STATEMENT' });
      await expect(parseStatementFile(text(file), { format: 'mt940' })).rejects.toThrow(message);
    });

    it('reads RC (reversal of a credit) as money out', async () => {
      const [statement] = await read(text(`${MINIMAL}:61:250101RC10,00NTRFNONREF\r\n:62F:C250101EUR90,00\r\n`));
      expect(statement?.entries[0]).toMatchObject({ amount: { minor: -1000 }, creditDebit: 'DBIT', reversal: true });
      expect(statement?.reconciliation.status).toBe('reconciled');
    });

    it('reports a closing balance that does not add up', async () => {
      const [statement] = await read(text(`${MINIMAL}:61:250101C10,00NTRFNONREF\r\n:62F:C250101EUR111,00\r\n`));
      expect(statement?.reconciliation.checks).toEqual([expect.objectContaining({ check: 'balance', ok: false, expected: 11_100, found: 11_000 })]);
    });
  });
});
