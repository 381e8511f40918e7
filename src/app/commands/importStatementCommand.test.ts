import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addAccount, auditEntries, entryTextWithoutIds, EUR_ACCOUNT, makeDemoVaultCopies, type DemoVault } from '../../../test/fixtures/demo/demoVault.js';
import { readFixture, readFixtureBytes } from '../../../test/fixtures/domain/vectors.js';
import { writeZip } from '../../../test/fixtures/domain/writeZip.js';
import { balanceOf, imported } from '../../../test/support/statementImport.js';
import { ibanFromAccountId } from '../../domain/index.js';
import { LEGACY_IDENTITY_VERSION, legacyEntryIdentity, type UnlockedVault } from '../../vault/index.js';
import { dispatch } from '../dispatch/dispatch.js';
import { openSession } from '../dispatch/openSession.js';

// Coffer's own fixtures (test/fixtures/domain): the demo EUR account's camt.053.001.08 day (five bookings,
// PRCD 10,000.00 → CLBD); an account's intraday camt.052 report at 11:00 (two bookings and a pending card
// payment) and its day-end camt.053 (the two again at other positions, the card payment booked, two
// identical fees, a salary batch); the same day as MT942 and MT940; a DK MT940 file of two accounts.
const OPERATING = 'DE02120300000000202051';
const file = (name: string, bytes: Uint8Array = readFixtureBytes(name)) => ({ name, bytes });

const balance = balanceOf;
const bookings = (vault: UnlockedVault, iban: string) =>
  vault.db.prepare('SELECT t.amount_minor AS amount, t.entry_ref AS ref, t.statement_id AS statement, t.position FROM statement_transactions t JOIN accounts a ON a.id = t.account_id WHERE a.iban = ? AND t.statement_id IS NOT NULL ORDER BY t.rowid').all(iban) as { amount: number; ref: string | null; statement: string; position: number }[];

let vaults: DemoVault[];
let next = 0;
/** A demo vault of its own, with the operating account the fixtures name. */
function freshVault(): UnlockedVault {
  const vault = (vaults[next++] as DemoVault).vault;
  addAccount(vault, { iban: OPERATING, currency: 'EUR' });
  return vault;
}
beforeAll(async () => {
  vaults = await makeDemoVaultCopies('alice', 8);
});
afterAll(() => vaults?.forEach((v) => v.close()));

describe('when a camt.053 statement is imported twice', () => {
  it('books its five entries once, moves the balance by their sum, and audits each import without amounts', async () => {
    const vault = freshVault();
    const before = balance(vault, EUR_ACCOUNT);
    const first = await imported(vault, { file: file('camt053-v08-multi-entry.xml') });
    expect(first).toMatchObject({ imported: 5, skipped: 0, differing: 0, container: 'file' });
    expect(first.statements[0]).toMatchObject({
      format: 'camt.053.001.08', kind: 'statement', statementId: '2025-03-03-DE89370400440532013000', entries: 5, imported: 5, skipped: [],
      account: { iban: EUR_ACCOUNT, currency: 'EUR', matchedBy: 'iban' }, importedNet: { amountMinor: 723_794, amount: '7,237.94', currency: 'EUR' },
      reconciliation: { status: 'reconciled' }, acceptedUnreconciled: false, csv: null,
    });
    expect(balance(vault, EUR_ACCOUNT) - before).toBe(12_500_00 - 1_234_56 - 7_50 + 980_00 - 5_000_00);
    const entry = auditEntries(vault).at(-1);
    expect(entry).toMatchObject({ action: 'statements.import', outcome: 'allowed', target: 'camt053-v08-multi-entry.xml', details: { formats: ['camt.053.001.08'], entries: 5, imported: 5, reconciliation: { reconciled: 1, differs: 0, unchecked: 0 } } });
    // The log carries no amounts and no balances: not the net, not the closing balance.
    expect(entryTextWithoutIds(entry)).not.toMatch(/723794|7237|17237/);

    const again = await imported(vault, { file: file('camt053-v08-multi-entry.xml') });
    expect(again).toMatchObject({ imported: 0, skipped: 5 });
    expect(again.statements[0]?.skipped).toEqual([{
      reason: 'ALREADY_BOOKED', count: 5, entries: '1–5', status: null,
      from: { statementId: '2025-03-03-DE89370400440532013000', file: 'camt053-v08-multi-entry.xml', entries: '1–5' },
      message: '5 already booked from statement 2025-03-03-DE89370400440532013000 entries 1–5',
    }]);
    expect(balance(vault, EUR_ACCOUNT) - before).toBe(7_237_94);
    expect(vault.db.prepare('SELECT count(*) AS n FROM statements').get()).toEqual({ n: 2 });
  });
});

describe('when an intraday report is followed by the day-end statement', () => {
  it('books each booking once: the report\'s two, then the statement\'s four others, saying which were booked before', async () => {
    const vault = freshVault();
    const report = await imported(vault, { file: file('camt052-v08-intraday.xml') });
    expect(report.statements[0]).toMatchObject({ kind: 'report', imported: 2, skipped: [{ reason: 'NOT_BOOKED', count: 1, entries: '3', status: 'PDNG', message: '1 not booked (PDNG)' }] });
    const dayEnd = await imported(vault, { file: file('camt053-v08-dayend.xml') });
    expect(dayEnd.statements[0]).toMatchObject({
      imported: 4,
      skipped: [{ reason: 'ALREADY_BOOKED', count: 2, entries: '2, 4', from: { statementId: 'RPT-20250612-1100', entries: '1–2' }, message: '2 already booked from statement RPT-20250612-1100 entries 1–2' }],
      reconciliation: { status: 'reconciled' },
    });
    // Six bookings in all, netting what the day-end statement says: closing 10,510.50 − opening 10,000.00.
    const rows = bookings(vault, OPERATING);
    expect(rows).toHaveLength(6);
    expect(rows.reduce((sum, r) => sum + r.amount, 0)).toBe(510_50);
    // The two identical fees (same AcctSvcrRef, same content) are two bookings.
    expect(rows.filter((r) => r.ref === '2025061200009').map((r) => r.amount)).toEqual([-750, -750]);
    expect(balance(vault, OPERATING)).toBe(510_50);
  });

  it('does the same for an MT942 interim report and the MT940 day-end statement', async () => {
    const vault = freshVault();
    expect(await imported(vault, { file: file('mt942-intraday.sta') })).toMatchObject({ imported: 2, statements: [{ format: 'mt942', kind: 'report' }] });
    const dayEnd = await imported(vault, { file: file('mt940-swift-dayend.sta') });
    expect(dayEnd.statements[0]).toMatchObject({ format: 'mt940', imported: 1, skipped: [{ reason: 'ALREADY_BOOKED', count: 2, from: { statementId: 'INTRADAY0612/41/1' } }] });
    expect(bookings(vault, OPERATING).reduce((sum, r) => sum + r.amount, 0)).toBe(1190_00 - 119_00 - 45_50);
  });
});

describe('when a ZIP holds the report and the day-end statement', () => {
  it('books both in one import, the day-end\'s repeats of the report skipped as repeated in this import', async () => {
    const vault = freshVault();
    const zip = writeZip([{ name: 'C52/intraday.xml', data: readFixture('camt052-v08-intraday.xml') }, { name: 'C53/dayend.xml', data: readFixture('camt053-v08-dayend.xml') }]);
    const result = await imported(vault, { file: file('download.zip', zip) });
    expect(result).toMatchObject({ container: 'zip', imported: 6, skipped: 3 });
    expect(result.statements.map((s) => [s.source.member, s.format, s.imported, s.skipped.map((g) => g.message)])).toEqual([
      ['C52/intraday.xml', 'camt.052.001.08', 2, ['1 not booked (PDNG)']],
      ['C53/dayend.xml', 'camt.053.001.08', 4, ['2 repeated in this import, booked from statement RPT-20250612-1100 entries 1–2']],
    ]);
    expect(await imported(vault, { file: file('download.zip', zip) })).toMatchObject({ imported: 0, skipped: 9 });
    expect(bookings(vault, OPERATING).map((r) => r.amount).reduce((a, b) => a + b, 0)).toBe(510_50);
  });
});

describe('when a statement names its account without an IBAN', () => {
  it('finds a German "BLZ/Konto" (MT940 :25:) by the IBAN it stands for, and a bank\'s own number by other_id', async () => {
    const vault = freshVault();
    const derived = ibanFromAccountId('76026000/1234567890') as string;
    addAccount(vault, { iban: derived, currency: 'EUR' });
    const result = await imported(vault, { file: file('mt940-dk-two-statements.sta') });
    expect(result.statements.map((s) => [s.account.iban, s.account.matchedBy, s.imported])).toEqual([[EUR_ACCOUNT, 'iban', 3], [derived, 'derived-iban', 2]]);
    expect(balance(vault, derived)).toBe(-2000_00 + 250_00);

    const usd = freshVaultWithout();
    addAccount(usd, { iban: 'DE75512108001245126199', currency: 'USD', otherId: '8876543210' });
    expect(await imported(usd, { file: file('camt053-v08-apphdr.xml') })).toMatchObject({ imported: 2, statements: [{ account: { iban: 'DE75512108001245126199', matchedBy: 'other-id' } }] });
  });
});

function freshVaultWithout(): UnlockedVault {
  return (vaults[next++] as DemoVault).vault;
}

describe('when the vault holds bookings from before entry identities (schema 3)', () => {
  it('skips a re-imported entry matching one by reference, date and amount, and books the twin the first version lost (issue 10)', async () => {
    const vault = freshVault();
    // What the first version stored of the day-end file: one row per AcctSvcrRef, so only one of the two 7.50 fees.
    const legacy = [['2025061200007', -4550], ['2025061200002', -11_900], ['2025061200009', -750], ['2025061200001', 119_000], ['2025061200010', -50_000]] as const;
    const insert = vault.db.prepare(
      "INSERT INTO statement_transactions (account_id, entry_identity, identity_version, entry_ref, booking_date, amount_minor, currency, credit_debit) VALUES (?, ?, ?, ?, '2025-06-12', ?, 'EUR', ?)",
    );
    for (const [ref, amount] of legacy) {
      const identity = legacyEntryIdentity({ entryRef: ref, bookingDate: '2025-06-12', amountMinor: amount, currency: 'EUR' });
      insert.run(`account-${OPERATING.toLowerCase()}`, identity, LEGACY_IDENTITY_VERSION, ref, amount, amount < 0 ? 'DBIT' : 'CRDT');
    }
    const result = await imported(vault, { file: file('camt053-v08-dayend.xml') });
    expect(result.statements[0]).toMatchObject({
      imported: 1,
      skipped: [{ reason: 'ALREADY_BOOKED', count: 5, entries: '1–4, 6', from: { statementId: null, file: null }, message: expect.stringContaining('before Coffer kept entry identities') }],
    });
    expect(bookings(vault, OPERATING)).toEqual([{ amount: -750, ref: '2025061200009', statement: '20250612-DE02120300000000202051', position: 5 }]);
  });
});

describe('when the progress of a long import is watched', () => {
  it('reports bookings done of the total, ending with all of them', async () => {
    const vault = freshVault();
    const seen: { done: number; total: number }[] = [];
    const result = await dispatch(await openSession(vault), 'statements.import', { file: file('camt053-v08-dayend.xml') }, { onProgress: (p) => seen.push(p) });
    expect(result).toMatchObject({ ok: true });
    expect(seen.at(0)).toEqual({ done: 0, total: 6 });
    expect(seen.at(-1)).toEqual({ done: 6, total: 6 });
  });
});
