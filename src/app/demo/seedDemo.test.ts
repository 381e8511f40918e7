import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../../test/support/tempDir.js';
import { makeTestVault } from '../../../test/support/testVault.js';
import { parseIban, paymentDigest, PaymentStatus } from '../../domain/index.js';
import { unlockVault, type UnlockedVault } from '../../vault/index.js';
import { activeApprovals, approvalStatusOf } from '../commands/records/approvalRecords.js';
import { paymentFromRow, PAYMENT_SELECT } from '../commands/records/paymentRecords.js';
import { verifyCachedOrgPolicy } from '../policy/verifyCachedOrgPolicy.js';
import { DEMO_ACCOUNTS } from './demoOrganisation.js';
import { generateDemoStatements } from './generateDemoStatements.js';
import { DEMO_BOOKINGS, seedDemo, type DemoSeedReport } from './seedDemo.js';
import { DEMO_PASSWORD, seedDemoVault } from './seedDemoVault.js';

const now = new Date('2026-06-30T10:00:00.000Z');
let vault: UnlockedVault;
let report: DemoSeedReport;

beforeAll(async () => {
  ({ vault } = await makeTestVault());
  report = await seedDemo(vault, { user: 'bob', now });
});
afterAll(() => vault?.lock());

describe('when the demo organisation is seeded in full', () => {
  it('books at least 20,000 statement lines spread over the year before the seed', () => {
    const { n, first, last } = vault.db.prepare('SELECT count(*) AS n, min(booking_date) AS first, max(booking_date) AS last FROM statement_transactions').get() as { n: number; first: string; last: string };
    expect(n).toBeGreaterThanOrEqual(20_000);
    expect(n).toBe(Object.values(DEMO_BOOKINGS).reduce((a, b) => a + b, 0));
    expect(report.transactions).toBe(n);
    expect([first, last]).toEqual(['2025-07-01', '2026-06-30']);
  });

  it('holds three accounts in EUR, USD and GBP with valid IBANs, each balance its opening plus its bookings', () => {
    const rows = vault.db.prepare('SELECT a.iban, a.currency, a.balance_minor AS balance, (SELECT sum(amount_minor) FROM statement_transactions t WHERE t.account_id = a.id) AS booked FROM accounts a ORDER BY a.currency').all() as { iban: string; currency: string; balance: number; booked: number }[];
    expect(rows.map((r) => r.currency)).toEqual(['EUR', 'GBP', 'USD']);
    for (const row of rows) {
      expect(parseIban(row.iban)).toBe(row.iban);
      const opening = DEMO_ACCOUNTS.find((a) => a.iban === row.iban)?.openingMinor;
      expect(row.balance - row.booked).toBe(opening);
    }
  });

  it("has payments in every lifecycle state but executed, which only the bank's signed report makes", () => {
    const statuses = (vault.db.prepare('SELECT DISTINCT status FROM payments').pluck().all() as string[]).sort();
    // A payment stored as executed without the bank's signed report of it reads as tampered, and a demo vault
    // is never enrolled, so it never receives one (coffer sync, docs/security.md).
    expect(statuses).toEqual(PaymentStatus.options.filter((status) => status !== 'executed').sort());
  });

  it('stores approvals that agree with the signed rules: released payments are executable, pending ones not yet', async () => {
    const state = await verifyCachedOrgPolicy(vault.db, { now });
    if (state.status !== 'valid') throw new Error(state.message);
    for (const row of vault.db.prepare(PAYMENT_SELECT).all()) {
      const { payment } = paymentFromRow(row);
      if (['draft', 'cancelled'].includes(payment.status)) continue;
      const status = approvalStatusOf(state.policy, payment, activeApprovals(vault.db, payment.id, paymentDigest(payment).toString('hex')));
      expect(status.executable, payment.id).toBe(payment.status !== 'pending_approval');
    }
  });

  it('installs a policy the pinned bank key verifies, and hands the vault to the chosen user', async () => {
    expect(await verifyCachedOrgPolicy(vault.db, { now })).toMatchObject({ status: 'valid', policy: { orgId: 'demo-nordlicht' } });
    expect(vault.db.prepare("SELECT value FROM vault_meta WHERE key = 'user_id'").pluck().get()).toBe('bob');
    expect(report).toMatchObject({ user: 'bob', roles: ['approver'], payees: 9 });
  });

  it('refuses to seed the same vault twice with APP_VAULT_NOT_EMPTY', async () => {
    await expect(seedDemo(vault, { user: 'alice', now, bookingsPerAccount: 1 })).toThrowCode('APP_VAULT_NOT_EMPTY');
  });
});

describe('the statement generator', () => {
  it('gives the same bookings for the same seed, and others for another', () => {
    const a = generateDemoStatements('EUR', 50, '2026-06-30', 7);
    expect(generateDemoStatements('EUR', 50, '2026-06-30', 7)).toEqual(a);
    expect(generateDemoStatements('EUR', 50, '2026-06-30', 8)).not.toEqual(a);
    expect(a.every((b) => Number.isSafeInteger(b.amountMinor) && b.amountMinor !== 0)).toBe(true);
  });
});

describe('when coffer demo seed is pointed at a new folder', () => {
  it('creates the vault with the demo password, says so, and hands it to the user', async () => {
    const dir = join(tempDir(), 'demo');
    const created = await seedDemoVault(dir, { user: 'erin', bookingsPerAccount: 3 }, () => Promise.reject(new Error('no password asked for a new vault')));
    expect(created).toMatchObject({ createdVault: true, user: 'erin', roles: ['viewer'], transactions: 9 });
    expect(created.passwordHint).toContain(DEMO_PASSWORD);
    expect(created.recoveryCode?.split('-').map((group) => group.length)).toEqual([5, 5, 5, 5, 5, 5]);
    const reopened = await unlockVault(dir, { password: DEMO_PASSWORD }, { autoLockMs: null });
    expect(reopened.userId).toBe('erin');
    reopened.lock();
  });

  it('refuses an unknown user with APP_BAD_INPUT before creating anything', async () => {
    const dir = join(tempDir(), 'demo');
    await expect(seedDemoVault(dir, { user: 'mallory' }, () => Promise.resolve(''))).toThrowCode('APP_BAD_INPUT');
    expect(existsSync(dir)).toBe(false);
  });
});
