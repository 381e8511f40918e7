import type { CommandInput } from '../../api/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEntries, bankingRowCounts, CREDITOR_IBAN, EUR_ACCOUNT, GBP_ACCOUNT, makeDemoVault, USD_ACCOUNT, type DemoVault } from '../../../test/fixtures/demo/demoVault.js';
import { parseCapabilities, type Capability } from '../../policy/index.js';
import { loadCapabilities } from '../policy/loadCapabilities.js';
import { dispatch } from './dispatch.js';
import { openSession } from './openSession.js';

let alice: DemoVault;
beforeAll(async () => {
  alice = await makeDemoVault('alice');
});
afterAll(() => alice?.close());

const capability = (identifier: string, permissions: unknown[]): Capability[] =>
  parseCapabilities([{ name: `${identifier}.json`, json: { $schema: './schema.json', identifier, description: 'test', roles: ['maker'], permissions } }]);

const pay = (from: string, amount: string, currency: 'EUR' | 'GBP' | 'USD'): CommandInput<'payments.create'> => ({ from, toName: 'Scope Test GmbH', toIban: CREDITOR_IBAN, amount, currency });

async function create(capabilities: readonly Capability[] | undefined, order: ReturnType<typeof pay>) {
  const { vault } = alice;
  const rows = bankingRowCounts(vault);
  const result = await dispatch(await openSession(vault, capabilities ? { capabilities } : {}), 'payments.create', order);
  return { result, rows, after: bankingRowCounts(vault), last: auditEntries(vault).at(-1) };
}

function expectDeniedAndAudited(outcome: Awaited<ReturnType<typeof create>>) {
  expect(outcome.result).toMatchObject({ ok: false, error: { code: 'POLICY_DENIED' } });
  expect(outcome.after).toEqual(outcome.rows);
  expect(outcome.last).toMatchObject({ action: 'payments.create', outcome: 'denied', reason: 'POLICY_DENIED', actor: { userId: 'alice' }, details: { permission: 'payments:create' } });
}

describe('when a payment exceeds the maker\'s ceiling in the shipped capability files', () => {
  it('allows exactly the ceiling (EUR 250,000.00)', async () => {
    expect((await create(undefined, pay(EUR_ACCOUNT, '250,000.00', 'EUR'))).result).toMatchObject({ ok: true });
  });

  it('refuses one cent more with POLICY_DENIED and audits it', async () => {
    expectDeniedAndAudited(await create(undefined, pay(EUR_ACCOUNT, '250000.01', 'EUR')));
  });

  it('refuses GBP above its own ceiling (200,000.00) though the EUR one is higher', async () => {
    expectDeniedAndAudited(await create(undefined, pay(GBP_ACCOUNT, '200000.01', 'GBP')));
  });

  it('refuses an edit that lifts a payment over the ceiling, leaving it as it was', async () => {
    const session = await openSession(alice.vault);
    const made = await dispatch(session, 'payments.create', pay(EUR_ACCOUNT, '100.00', 'EUR'));
    if (!made.ok) throw new Error(made.error.message);
    const { id } = made.value as { id: string };
    expect(await dispatch(session, 'payments.edit', { id, amount: '300000.00' })).toMatchObject({ ok: false, error: { code: 'POLICY_DENIED' } });
    expect(alice.vault.db.prepare('SELECT amount_minor AS amount, version FROM payments WHERE id = ?').get(id)).toEqual({ amount: 10000, version: 1 });
    expect(auditEntries(alice.vault).at(-1)).toMatchObject({ action: 'payments.edit', target: id, outcome: 'denied', reason: 'POLICY_DENIED' });
  });
});

describe('when the capability allows one account only', () => {
  const eurOnly = capability('eur-account-maker', [
    { identifier: 'payments:create', allow: [{ accounts: [EUR_ACCOUNT] }] },
    { identifier: 'accounts:read', allow: [{ accounts: [EUR_ACCOUNT] }] },
    { identifier: 'transactions:read', allow: [{ accounts: [EUR_ACCOUNT] }] },
  ]);

  it('allows that account', async () => {
    expect((await create(eurOnly, pay(EUR_ACCOUNT, '10.00', 'EUR'))).result).toMatchObject({ ok: true });
  });

  it('refuses a payment from another account with POLICY_DENIED and audits it', async () => {
    expectDeniedAndAudited(await create(eurOnly, pay(GBP_ACCOUNT, '10.00', 'GBP')));
  });

  it('lists only that account and its bookings, and refuses to list another one by name', async () => {
    const session = await openSession(alice.vault, { capabilities: eurOnly });
    const accounts = await dispatch(session, 'accounts.list', {});
    expect(accounts.ok && (accounts.value as { accounts: { iban: string }[] }).accounts.map((a) => a.iban)).toEqual([EUR_ACCOUNT]);
    const bookings = await dispatch(session, 'transactions.list', { limit: 1000 });
    expect(bookings.ok && new Set((bookings.value as { transactions: { account: string }[] }).transactions.map((t) => t.account))).toEqual(new Set([EUR_ACCOUNT]));
    expect(await dispatch(session, 'transactions.list', { account: GBP_ACCOUNT })).toMatchObject({ ok: false, error: { code: 'POLICY_DENIED' } });
  });
});

describe('when the capability allows one currency only', () => {
  const eurCurrency = capability('eur-maker', [{ identifier: 'payments:create', allow: [{ currencies: ['EUR'] }] }]);

  it('refuses a USD payment with POLICY_DENIED and audits it', async () => {
    expectDeniedAndAudited(await create(eurCurrency, pay(USD_ACCOUNT, '10.00', 'USD')));
  });
});

describe('when one capability allows and another denies', () => {
  const shipped = loadCapabilities();
  const denyGbp = capability('no-gbp-account', [{ identifier: 'payments:create', deny: [{ accounts: [GBP_ACCOUNT] }] }]);

  it('lets the deny win over the shipped allow, audited', async () => {
    expectDeniedAndAudited(await create([...shipped, ...denyGbp], pay(GBP_ACCOUNT, '10.00', 'GBP')));
  });

  it('still allows what the deny does not hit', async () => {
    expect((await create([...shipped, ...denyGbp], pay(EUR_ACCOUNT, '10.00', 'EUR'))).result).toMatchObject({ ok: true });
  });

  it('lets a deny without allow take the permission away entirely, whatever else allows', async () => {
    const denyAll = capability('no-payments', [{ identifier: 'payments:create', deny: [{}] }]);
    expectDeniedAndAudited(await create([...shipped, ...denyAll], pay(EUR_ACCOUNT, '1.00', 'EUR')));
  });
});
