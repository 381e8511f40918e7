import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { describeOnEachStore } from '../../../test/support/gatewayStores.js';
import { DEMO_ACCOUNTS, verifyOrgPolicy } from '../../policy/index.js';
import { loadBankKey } from '../bank/bankKey.js';
import { currentPolicy } from '../bank/issueOrgPolicy.js';
import { verifyGatewayAudit } from '../bank/verifyGatewayAudit.js';
import { seedDemoBank } from './seedDemoBank.js';

const NOW = Date.parse('2026-03-02T09:00:00Z');

describeOnEachStore('seed-demo', (stores) => {
  it('creates the demo organisation, its signed policy and a year of statements', async () => {
    const store = await stores.fresh();
    const report = await seedDemoBank(store, 'demo', NOW);
    const stored = await currentPolicy(store.db, 'demo-nordlicht');
    const bankKey = await loadBankKey(store.db, NOW);
    const policy = await verifyOrgPolicy(stored?.jws ?? '', bankKey.verificationKey, new Date(NOW), { orgId: 'demo-nordlicht' });
    expect(policy.users.map((user) => `${user.id}:${user.roles.join()}`)).toEqual(['alice:maker', 'bob:approver', 'carol:approver', 'dave:auditor', 'erin:viewer']);
    expect(policy.approvalRules).toHaveLength(3);
    const span = await store.db
      .selectFrom('statement_entries')
      .select([sql<string>`min(booking_date)`.as('first'), sql<string>`max(booking_date)`.as('last'), sql<number>`count(*)`.as('n')])
      .executeTakeFirstOrThrow();
    expect(Number(span.n)).toBe(report.statementEntries);
    // The year ends on the last weekday before the seed day (2026-03-01 is a Sunday).
    expect([span.first >= '2025-03-02', span.last]).toEqual([true, '2026-02-27']);
    expect(report.statementEntries).toBeGreaterThan(3 * 260 * 2);
    expect(await verifyGatewayAudit(store.db)).toBe(report.policyVersion);
  });

  it('opens each account so that its balance stays positive all year, and at least its demo figure', async () => {
    const store = await stores.fresh();
    await seedDemoBank(store, 'demo', NOW);
    const accounts = await store.db.selectFrom('accounts').select(['iban', 'opening_balance_minor', 'opening_balance_date']).execute();
    for (const demo of DEMO_ACCOUNTS) {
      const account = accounts.find((row) => row.iban === demo.iban);
      const lowest = await store.db.selectFrom('statement_feed').select(sql<number>`min(balance_after_minor)`.as('lowest')).where('iban', '=', demo.iban).executeTakeFirstOrThrow();
      const first = await store.db.selectFrom('statement_entries').select(sql<string>`min(booking_date)`.as('day')).where('iban', '=', demo.iban).executeTakeFirstOrThrow();
      expect(Number(account?.opening_balance_minor)).toBeGreaterThanOrEqual(demo.openingMinor);
      expect(Number(lowest.lowest)).toBeGreaterThanOrEqual(demo.openingMinor);
      expect(account?.opening_balance_date).toBe(first.day);
    }
  });

  it('refuses to seed twice with SERVER_EXISTS', async () => {
    const store = await stores.fresh();
    await seedDemoBank(store, 'demo', NOW);
    await expect(seedDemoBank(store, 'demo', NOW)).toThrowCode('SERVER_EXISTS');
  });
});
