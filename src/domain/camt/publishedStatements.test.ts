import { describe, expect, it } from 'vitest';
import { parseStatementFile } from '../statement/parseStatementFile.js';
import type { ParsedStatement } from '../statement/parsedStatement.js';
import { describeWithVectors, readVectorBytes } from '../../../test/support/vectors.js';

// The nine published camt.053 files of ../shared/vectors/statements (see its README: sources, licences).
// Every expected count and sum below was computed independently of Coffer, with Python's ElementTree
// and Decimal over the same files (entries per Stmt, Sts, Amt, CdtDbtInd, Bal, TxsSummry), and written
// down by hand. Each statement's account is mapped to a test account of ours: the files name their
// banks' accounts, not the demo organisation's, and only that mapping is added here.
const TEST_ACCOUNTS: Record<string, string> = {
  NL77ABNA0574908765: 'test-eur-abn',
  NL08INGB0000001234: 'test-eur-ing',
  FI8529501800030574: 'test-eur-nordea',
  DD01100056869: 'test-usd-gs',
  '60000635': 'test-gbp-gs-empty',
  GB36GSLD04296250000970: 'test-gbp-gs',
  NL26VAYB8060476890: 'test-eur-genkgo',
};

interface Expected {
  format: string;
  account: { iban: string | null; otherId: string | null };
  entries: number;
  booked: number;
  /** Net of booked entries per currency, minor units. */
  net: Record<string, number>;
  status: 'reconciled' | 'differs' | 'unchecked';
  /** The checks that must fail: name → [expected, found]. */
  failing?: Record<string, [number, number]>;
}

const PUBLISHED: Record<string, Expected[]> = {
  '01_abnamro_example_v02.xml': [{ format: 'camt.053.001.02', account: { iban: 'NL77ABNA0574908765', otherId: null }, entries: 13, booked: 13, net: { EUR: -90_000 }, status: 'reconciled' }],
  '02_ing_nl_example_v02.xml': [{ format: 'camt.053.001.02', account: { iban: 'NL08INGB0000001234', otherId: null }, entries: 9, booked: 9, net: { EUR: 60_500 }, status: 'reconciled' }],
  // The published account IBAN has wrong check digits (anonymised): kept as text, matched as otherId.
  '03_nordea_example_v02.xml': [{ format: 'camt.053.001.02', account: { iban: null, otherId: 'FI8529501800030574' }, entries: 6, booked: 6, net: { EUR: 860_000 }, status: 'reconciled' }],
  // Anonymised sample: one EUR entry in a USD statement, a summary of 14 entries for 15, balances that do not add up.
  '04_goldmansachs_us_v02.xml': [{
    format: 'camt.053.001.02', account: { iban: null, otherId: 'DD01100056869' }, entries: 15, booked: 15, net: { USD: 6000, EUR: -2906 }, status: 'differs',
    failing: {
      'entry-currency': [0, 1], 'entry-count': [14, 15], 'net-sum': [4000, 6000], 'credit-count': [9, 10], 'credit-sum': [9000, 10_000],
      'debit-count': [5, 4], 'debit-sum': [5000, 4000], balance: [-84_666_515, -84_362_620],
    },
  }],
  '05_goldmansachs_uk_v02.xml': [
    { format: 'camt.053.001.02', account: { iban: null, otherId: '60000635' }, entries: 0, booked: 0, net: {}, status: 'reconciled' },
    // Summary right (Sum "600", "200.0000"), balances off by 108.35 in the published sample.
    { format: 'camt.053.001.02', account: { iban: 'GB36GSLD04296250000970', otherId: null }, entries: 6, booked: 6, net: { GBP: -20_000 }, status: 'differs', failing: { balance: [33_442_512_642, 33_442_501_807] } },
  ],
  '13_genkgo_v02_multi_statement.xml': [
    { format: 'camt.053.001.02', account: { iban: 'NL26VAYB8060476890', otherId: null }, entries: 1, booked: 1, net: { EUR: 885 }, status: 'reconciled' },
    { format: 'camt.053.001.02', account: { iban: 'NL26VAYB8060476890', otherId: null }, entries: 1, booked: 1, net: { EUR: -700 }, status: 'reconciled' },
  ],
  // Closing balance in SEK (DBIT 27.00) against an EUR opening balance: flagged, not reconciled.
  '14_genkgo_v03.xml': [{ format: 'camt.053.001.03', account: { iban: null, otherId: 'NL26VAYB8060476890' }, entries: 1, booked: 1, net: { EUR: 885 }, status: 'differs', failing: { balance: [-2700, 2700] } }],
  '15_genkgo_v04.xml': [{ format: 'camt.053.001.04', account: { iban: null, otherId: 'NL26VAYB8060476890' }, entries: 1, booked: 1, net: { EUR: 885 }, status: 'differs', failing: { balance: [-2700, 2700] } }],
  '16_genkgo_v08.xml': [{ format: 'camt.053.001.08', account: { iban: null, otherId: 'NL26VAYB8060476890' }, entries: 1, booked: 1, net: { EUR: 885 }, status: 'differs', failing: { balance: [-2700, 2700] } }],
};

async function read(file: string): Promise<ParsedStatement[]> {
  return (await parseStatementFile(readVectorBytes(`statements/${file}`), { fileName: file })).statements;
}

function net(statement: ParsedStatement): Record<string, number> {
  const sums: Record<string, number> = {};
  for (const entry of statement.entries.filter((e) => e.booked)) sums[entry.amount.currency] = (sums[entry.amount.currency] ?? 0) + entry.amount.minor;
  return sums;
}

describeWithVectors('parseStatementFile on the published camt.053 statements', () => {
  describe.each(Object.entries(PUBLISHED))('%s', (file, expected) => {
    it('reads every statement and every entry, with the net sum and reconciliation computed independently', async () => {
      const statements = await read(file);
      expect(statements).toHaveLength(expected.length);
      statements.forEach((statement, index) => {
        const want = expected[index] as Expected;
        expect(statement.format).toBe(want.format);
        expect({ iban: statement.account.iban, otherId: statement.account.otherId }).toEqual(want.account);
        expect(TEST_ACCOUNTS[statement.account.iban ?? statement.account.otherId ?? '']).toBeDefined();
        expect(statement.entries).toHaveLength(want.entries);
        expect(statement.entries.filter((entry) => entry.booked)).toHaveLength(want.booked);
        expect(net(statement)).toEqual(want.net);
        expect(statement.reconciliation.status).toBe(want.status);
        const failing = Object.fromEntries(statement.reconciliation.checks.filter((c) => !c.ok).map((c) => [c.check, [c.expected, c.found]]));
        expect(failing).toEqual(want.failing ?? {});
        // Every booked entry has its own identity: nothing merges two bookings of one file.
        expect(new Set(statement.entries.map((entry) => entry.identity)).size).toBe(statement.entries.length);
      });
    });
  });

  it('ABN AMRO: books the three pairs sharing an AcctSvcrRef, reads "01.00", keeps bad counterparty IBANs as text', async () => {
    const [statement] = await read('01_abnamro_example_v02.xml');
    const entries = statement?.entries ?? [];
    expect(entries.filter((e) => e.references.accountServicer === '3095D4322561460S0PS').map((e) => e.amount.minor)).toEqual([100, 1000]);
    expect(entries.filter((e) => e.references.accountServicer === '1402P5518750498B0AO')).toHaveLength(2);
    expect(entries[5]?.amount).toEqual({ minor: -100, currency: 'EUR' });
    expect(entries[3]?.details).toHaveLength(10);
    expect(entries[11]).toMatchObject({ reversal: true, returnReason: 'MS03', creditDebit: 'DBIT' });
    expect(entries[1]?.counterparty).toMatchObject({ name: 'NAAM', iban: null, account: 'NL46ABNA0499998748', bankId: 'ABNANL2A' });
    expect(statement?.warnings).toContainEqual(expect.objectContaining({ code: 'IBAN_KEPT_AS_TEXT', where: 'Stmt[0]/Ntry[1]/NtryDtls/TxDtls/RltdPties/DbtrAcct/Id/IBAN' }));
    expect(entries[0]?.additionalInfo).toBe('11.11.111.111 Naam Adres 7 2960 Dorp');
  });

  it('ING: two entries with the same AcctSvcrRef and NtryRef are both booked, the second a reversal (MD06)', async () => {
    const [statement] = await read('02_ing_nl_example_v02.xml');
    const [seventh, eighth] = [statement?.entries[7], statement?.entries[8]];
    expect(seventh?.references).toMatchObject({ accountServicer: '3101963431841', entry: '021514017743280167000000001' });
    expect(eighth?.references).toMatchObject({ accountServicer: '3101963431841', entry: '021514017743280167000000001' });
    expect([seventh?.reversal, eighth?.reversal, eighth?.returnReason]).toEqual([false, true, 'MD06']);
    expect(seventh?.identity).not.toBe(eighth?.identity);
    expect(statement?.entries[4]?.returnReason).toBe('AC04');
    expect(statement?.reconciliation.checks.map((c) => c.check)).toEqual(['entry-count', 'entry-sum', 'credit-count', 'credit-sum', 'debit-count', 'debit-sum', 'balance']);
  });

  it('Nordea: joins Ustrd lines cut at 35 characters without a space, keeps the creditor reference', async () => {
    const [statement] = await read('03_nordea_example_v02.xml');
    expect(statement?.entries[1]?.remittance).toBe('Free text max 140 characters and max 35 characters in one line');
    expect(statement?.entries[2]?.references.creditorReference).toBe('RF332348236');
    expect(statement?.entries[2]?.remittance).toBe('RF332348236');
  });

  it('Goldman Sachs UK: reads AddtlTxInf and a summary written "600" and "200.0000"', async () => {
    const [, statement] = await read('05_goldmansachs_uk_v02.xml');
    expect(statement?.entries[0]?.details[0]?.additionalInfo).toBe('Desc: -');
    expect(statement?.summary).toEqual({
      entries: { count: 6, sum: { minor: 60_000, currency: 'GBP' }, net: { minor: -20_000, currency: 'GBP' } },
      credits: { count: 2, sum: { minor: 20_000, currency: 'GBP' } },
      debits: { count: 4, sum: { minor: 40_000, currency: 'GBP' } },
    });
  });

  it('genkgo: entries without AcctSvcrRef or NtryRef are booked; V08 takes the booking date from DtTm', async () => {
    const statements = await read('13_genkgo_v02_multi_statement.xml');
    expect(statements.map((s) => s.entries[0]?.references.accountServicer ?? s.entries[0]?.references.entry ?? null)).toEqual([null, null]);
    expect(statements.map((s) => s.entries[0]?.counterparty?.name)).toEqual(['Company Name 1', 'Company Name 2']);
    const [v08] = await read('16_genkgo_v08.xml');
    expect(v08?.entries[0]?.bookingDate).toBe('2014-12-31');
  });
});
