import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addAccount, auditEntries, bankingRowCounts, EUR_ACCOUNT, GBP_ACCOUNT, makeDemoVaultCopies, USD_ACCOUNT, type DemoVault } from '../../../test/fixtures/demo/demoVault.js';
import { describeWithVectors, readVectorBytes } from '../../../test/support/vectors.js';
import { importInto, imported } from '../../../test/support/statementImport.js';
import type { UnlockedVault } from '../../vault/index.js';

// The nine published camt.053 files of ../shared/vectors/statements (see its README), read from there and
// never changed. Their counts, nets and reconciliation were computed independently of Coffer (Python's
// ElementTree and Decimal; src/domain/camt/publishedStatements.test.ts). Each statement's account is mapped
// to an account of the demo organisation: an account row with the file's IBAN, or the file's own account
// number stored as a demo account's `other_id` (statements that name no valid IBAN).
const BY_IBAN = [['NL77ABNA0574908765', 'EUR'], ['NL08INGB0000001234', 'EUR'], ['GB36GSLD04296250000970', 'GBP'], ['NL26VAYB8060476890', 'EUR']] as const;
const BY_NUMBER = [['FI8529501800030574', EUR_ACCOUNT], ['DD01100056869', USD_ACCOUNT], ['60000635', GBP_ACCOUNT]] as const;

interface Expected {
  /** Booked entries of each statement, and how the account was found. */
  statements: { booked: number; matchedBy: string; status: string; failing?: string[] }[];
  /** Net of the booked entries per currency, minor units. */
  net: Record<string, number>;
}

const PUBLISHED: Record<string, Expected> = {
  '01_abnamro_example_v02.xml': { statements: [{ booked: 13, matchedBy: 'iban', status: 'reconciled' }], net: { EUR: -90_000 } },
  '02_ing_nl_example_v02.xml': { statements: [{ booked: 9, matchedBy: 'iban', status: 'reconciled' }], net: { EUR: 60_500 } },
  '03_nordea_example_v02.xml': { statements: [{ booked: 6, matchedBy: 'other-id', status: 'reconciled' }], net: { EUR: 860_000 } },
  '04_goldmansachs_us_v02.xml': {
    statements: [{ booked: 15, matchedBy: 'other-id', status: 'differs', failing: ['entry-currency', 'entry-count', 'net-sum', 'credit-count', 'credit-sum', 'debit-count', 'debit-sum', 'balance'] }],
    net: { USD: 6000, EUR: -2906 },
  },
  '05_goldmansachs_uk_v02.xml': {
    statements: [{ booked: 0, matchedBy: 'other-id', status: 'reconciled' }, { booked: 6, matchedBy: 'iban', status: 'differs', failing: ['balance'] }],
    net: { GBP: -20_000 },
  },
  '13_genkgo_v02_multi_statement.xml': { statements: [{ booked: 1, matchedBy: 'iban', status: 'reconciled' }, { booked: 1, matchedBy: 'iban', status: 'reconciled' }], net: { EUR: 885 - 700 } },
  '14_genkgo_v03.xml': { statements: [{ booked: 1, matchedBy: 'derived-iban', status: 'differs', failing: ['balance'] }], net: { EUR: 885 } },
  '15_genkgo_v04.xml': { statements: [{ booked: 1, matchedBy: 'derived-iban', status: 'differs', failing: ['balance'] }], net: { EUR: 885 } },
  '16_genkgo_v08.xml': { statements: [{ booked: 1, matchedBy: 'derived-iban', status: 'differs', failing: ['balance'] }], net: { EUR: 885 } },
};

function mapAccounts(vault: UnlockedVault): void {
  for (const [iban, currency] of BY_IBAN) addAccount(vault, { iban, currency });
  for (const [number, iban] of BY_NUMBER) vault.db.prepare('UPDATE accounts SET other_id = ? WHERE iban = ?').run(number, iban);
}

const netOf = (vault: UnlockedVault) =>
  Object.fromEntries((vault.db.prepare('SELECT currency, sum(amount_minor) AS net FROM statement_transactions WHERE statement_record_id IS NOT NULL GROUP BY currency').all() as { currency: string; net: number }[]).map((r) => [r.currency, r.net]));
const balances = (vault: UnlockedVault) => Object.fromEntries((vault.db.prepare('SELECT iban, balance_minor AS b FROM accounts').all() as { iban: string; b: number }[]).map((r) => [r.iban, r.b]));

describeWithVectors('statements.import on the published camt.053 statements', () => {
  const files = Object.entries(PUBLISHED);
  let vaults: DemoVault[];
  beforeAll(async () => {
    vaults = await makeDemoVaultCopies('alice', files.length);
    for (const { vault } of vaults) mapAccounts(vault);
  });
  afterAll(() => vaults?.forEach((v) => v.close()));

  describe.each(files.map(([file, expected], index) => ({ file, expected, index })))('$file', ({ file, expected, index }) => {
    const input = () => ({ file: { name: file, bytes: readVectorBytes(`statements/${file}`) } });
    const differs = expected.statements.some((s) => s.status === 'differs');

    it(`books every booked entry with the right net and reconciliation${differs ? ', once the difference is accepted' : ''}, and nothing when imported again`, async () => {
      const { vault } = vaults[index] as DemoVault;
      const before = balances(vault);
      if (differs) {
        const rows = bankingRowCounts(vault);
        expect(await importInto(vault, input())).toMatchObject({ ok: false, error: { code: 'APP_UNRECONCILED' } });
        expect(bankingRowCounts(vault)).toEqual(rows);
        expect(auditEntries(vault).at(-1)).toMatchObject({ outcome: 'failed', reason: 'APP_UNRECONCILED', details: { acceptUnreconciled: false } });
      }
      const result = await imported(vault, { ...input(), ...(differs ? { acceptUnreconciled: true } : {}) });
      expect(result.statements.map((s) => ({
        booked: s.imported, matchedBy: s.account.matchedBy, status: s.reconciliation.status,
        ...(s.reconciliation.status === 'differs' ? { failing: s.reconciliation.checks.filter((c) => !c.ok).map((c) => c.check) } : {}),
      }))).toEqual(expected.statements);
      expect(result.statements.every((s) => s.skipped.length === 0 && s.acceptedUnreconciled === (s.reconciliation.status === 'differs'))).toBe(true);
      expect(netOf(vault)).toEqual(expected.net);
      // Each account's balance moved by the net of its own currency only.
      const after = balances(vault);
      const moved = Object.values(expected.net).length === 1 ? Object.values(expected.net)[0] : expected.net.USD;
      expect(Object.values(after).reduce((a, b) => a + b, 0) - Object.values(before).reduce((a, b) => a + b, 0)).toBe(moved);
      expect(auditEntries(vault).at(-1)).toMatchObject({ outcome: 'allowed', details: { acceptUnreconciled: differs, imported: result.imported } });

      const again = await imported(vault, { ...input(), acceptUnreconciled: true });
      expect(again.imported).toBe(0);
      expect(again.statements.map((s) => s.skipped.reduce((n, g) => n + (g.reason === 'ALREADY_BOOKED' ? g.count : 0), 0))).toEqual(expected.statements.map((s) => s.booked));
      expect(balances(vault)).toEqual(after);
    });
  });
});
