import type { CommandInput } from '../../api/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEntries, bankingRowCounts, CREDITOR_IBAN, EUR_ACCOUNT, GBP_ACCOUNT, makeDemoVault, storedPayment, type DemoVault } from '../../../test/fixtures/demo/demoVault.js';
import { dispatchUnknown } from '../dispatch/dispatch.js';
import { openSession } from '../dispatch/openSession.js';

let alice: DemoVault;
beforeAll(async () => {
  alice = await makeDemoVault('alice');
});
afterAll(() => alice?.close());

const run = async (name: string, input: unknown) => dispatchUnknown(await openSession(alice.vault), name, input);
const order = { from: 'de89 3704 0044 0532 0130 00', toName: 'Ørsted Kabel A/S', toIban: CREDITOR_IBAN, toBic: 'bnpafrpp', amount: '1,234.56', currency: 'EUR', reference: 'PO 7781'} satisfies CommandInput<'payments.create'>;

describe('when alice creates a payment', () => {
  it('stores a draft in integer minor units with normalised IBAN and BIC, executing today', async () => {
    const result = await run('payments.create', order);
    if (!result.ok) throw new Error(result.error.message);
    const { id } = result.value as { id: string };
    expect(id).toMatch(/^[0-9a-f]{32}$/);
    const shown = await run('payments.show', { id });
    expect(shown).toMatchObject({
      ok: true,
      value: { payment: { debtorIban: EUR_ACCOUNT, creditor: { bic: 'BNPAFRPP' }, amountMinor: 123456, amount: '1234.56', status: 'draft', remittanceInfo: 'PO 7781', executionDate: new Date().toISOString().slice(0, 10) } },
    });
  });

  for (const [label, change, code, field] of [
    ['an account the organisation does not hold', { from: 'AT611904300234573201' }, 'APP_UNKNOWN_ACCOUNT', ''],
    ['a currency other than the account\'s', { currency: 'USD' }, 'APP_BAD_INPUT', 'currency'],
    ['an execution date in the past', { date: '2001-01-01' }, 'APP_BAD_INPUT', 'date'],
    ['a creditor that is the debtor account', { toIban: EUR_ACCOUNT }, 'DOMAIN_BAD_PAYMENT', ''],
    ['a name with a bidirectional override', { toName: 'ACME\u202Eevil' }, 'APP_BAD_INPUT', 'toName'],
    ['a zero amount', { amount: '0.00' }, 'DOMAIN_BAD_PAYMENT', ''],
  ] as const) {
    it(`refuses ${label} with ${code} and creates nothing`, async () => {
      const rows = bankingRowCounts(alice.vault);
      const result = await run('payments.create', { ...order, ...change });
      expect(result).toMatchObject({ ok: false, error: { code } });
      if (field && !result.ok) expect(result.error.message.startsWith(`${field}: `)).toBe(true);
      expect(bankingRowCounts(alice.vault)).toEqual(rows);
    });
  }
});

describe('when a payment pending approval is edited', () => {
  // 47,500.00 EUR falls in the large band: Bob A, Carol B, Alice T; Bob's A no longer counts.
  it('goes back to draft, voids the approvals collected, and needs every signature again', async () => {
    const before = await run('payments.show', { id: 'demo-0004' });
    expect(before).toMatchObject({ ok: true, value: { approval: { executable: false, missing: ['B'] }, approvals: [{ userId: 'bob', counts: true }] } });
    const edited = await run('payments.edit', { id: 'demo-0004', amount: '47,500.00', reference: 'Warehouse works, 2nd instalment (corrected)' });
    expect(edited).toMatchObject({ ok: true, value: { status: 'draft', version: 3, approvalsVoided: 1 } });
    expect(auditEntries(alice.vault).at(-1)).toMatchObject({ action: 'payments.edit', target: 'demo-0004', outcome: 'allowed', details: { fromVersion: 2, toVersion: 3 } });
    const after = await run('payments.show', { id: 'demo-0004' });
    expect(after).toMatchObject({ ok: true, value: { payment: { amountMinor: 4_750_000 }, approvals: [{ userId: 'bob', counts: false }], approval: { executable: false, missing: ['A+B'] } } });
    expect(await run('payments.submit', { id: 'demo-0004' })).toMatchObject({ ok: true, value: { status: 'pending_approval', version: 4 } });
  });

  it('restates the amount when the currency changes, and refuses otherwise', async () => {
    expect(await run('payments.edit', { id: 'demo-0001', currency: 'GBP' })).toMatchObject({ ok: false, error: { code: 'APP_BAD_INPUT', message: expect.stringMatching(/^amount: /) } });
    expect(await run('payments.edit', { id: 'demo-0003', from: EUR_ACCOUNT })).toMatchObject({ ok: false, error: { code: 'APP_BAD_INPUT', message: expect.stringMatching(/^currency: /) } });
    expect(await run('payments.edit', { id: 'demo-0003', from: EUR_ACCOUNT, currency: 'EUR', amount: '820.00' })).toMatchObject({ ok: true, value: { status: 'draft' } });
  });

  it('refuses to edit a payment queued for the bank with DOMAIN_PAYMENT_LOCKED', async () => {
    expect(await run('payments.edit', { id: 'demo-0008', amount: '1.00' })).toMatchObject({ ok: false, error: { code: 'DOMAIN_PAYMENT_LOCKED' } });
    expect(storedPayment(alice.vault, 'demo-0008')).toMatchObject({ status: 'queued', amount_minor: 9_100_00 });
  });

  it('refuses an edit that changes nothing', async () => {
    expect(await run('payments.edit', { id: 'demo-0001' })).toMatchObject({ ok: false, error: { code: 'APP_BAD_INPUT' } });
  });
});

describe('when payments move along their lifecycle', () => {
  it('submits a draft and cancels another, each audited with from and to', async () => {
    expect(await run('payments.submit', { id: 'demo-0002' })).toMatchObject({ ok: true, value: { status: 'pending_approval' } });
    expect(await run('payments.cancel', { id: 'demo-0001' })).toMatchObject({ ok: true, value: { status: 'cancelled' } });
    expect(auditEntries(alice.vault).at(-1)).toMatchObject({ action: 'payments.cancel', target: 'demo-0001', details: { from: 'draft', to: 'cancelled' } });
  });

  it('refuses to cancel a payment already submitted to the bank with DOMAIN_ILLEGAL_TRANSITION, audited as failed', async () => {
    expect(await run('payments.cancel', { id: 'demo-0009' })).toMatchObject({ ok: false, error: { code: 'DOMAIN_ILLEGAL_TRANSITION', message: 'cannot go from submitted to cancelled' } });
    expect(auditEntries(alice.vault).at(-1)).toMatchObject({ action: 'payments.cancel', outcome: 'failed', reason: 'DOMAIN_ILLEGAL_TRANSITION' });
  });

  it('refuses an unknown payment with APP_NOT_FOUND', async () => {
    expect(await run('payments.submit', { id: 'no-such-payment' })).toMatchObject({ ok: false, error: { code: 'APP_NOT_FOUND' } });
  });

  it('lists by status and by account', async () => {
    const queued = await run('payments.list', { status: 'queued' });
    expect(queued.ok && (queued.value as { payments: { id: string }[] }).payments.map((p) => p.id)).toEqual(['demo-0008']);
    const gbp = await run('payments.list', { account: GBP_ACCOUNT });
    // demo-0003 moved to the EUR account above.
    expect(gbp.ok && (gbp.value as { payments: { id: string }[] }).payments.map((p) => p.id)).toEqual(['demo-0007']);
  });
});

describe('when payees are kept', () => {
  it('adds one with its IBAN normalised and lists it', async () => {
    const added = await run('payees.add', { name: 'Nordsee Fisch GmbH', iban: 'at61 1904 3002 3457 3201' });
    expect(added).toMatchObject({ ok: true, value: { iban: 'AT611904300234573201' } });
    const listed = await run('payees.list', {});
    expect(listed.ok && (listed.value as { payees: { name: string }[] }).payees.map((p) => p.name)).toContain('Nordsee Fisch GmbH');
  });
});
