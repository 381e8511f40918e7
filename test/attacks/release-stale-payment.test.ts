import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch, openSession } from '../../src/app/index.js';
import { auditEntries, makeDemoVaults, recordingStepUp, storedPayment, type DemoVault } from '../fixtures/demo/demoVault.js';

// Attack (outside attack run, issue 9): an approved payment a month past its validity was exported with a
// requested execution date in the past. Stale orders must not be approved, submitted or sent to the bank.
const DAY = 24 * 60 * 60 * 1000;
let vaults: Map<string, DemoVault>;
const seededAt = new Date();

beforeAll(async () => {
  vaults = await makeDemoVaults(['alice', 'bob'], { now: seededAt });
});
afterAll(() => {
  for (const v of vaults?.values() ?? []) v.close();
});

const vaultOf = (user: string) => (vaults.get(user) as DemoVault).vault;
/** A session whose clock reads `days` after the seed: the demo policy (90 days) is still valid then. */
const later = (user: string, days: number, stepUp = false) =>
  openSession(vaultOf(user), { now: () => new Date(seededAt.getTime() + days * DAY), ...(stepUp ? { stepUp: recordingStepUp().verifier } : {}) });

describe('when a payment is past its validity (execution date + 30 days)', () => {
  it('is not approved: DOMAIN_PAYMENT_EXPIRED, audited, nothing changes', async () => {
    const result = await dispatch(await later('bob', 40, true), 'payments.approve', { id: 'demo-0005' });
    expect(result).toMatchObject({ ok: false, error: { code: 'DOMAIN_PAYMENT_EXPIRED' } });
    expect(auditEntries(vaultOf('bob')).at(-1)).toMatchObject({ action: 'payments.approve', outcome: 'failed', reason: 'DOMAIN_PAYMENT_EXPIRED' });
    expect(storedPayment(vaultOf('bob'), 'demo-0005')).toMatchObject({ status: 'pending_approval' });
  });

  it('is not submitted: DOMAIN_PAYMENT_EXPIRED', async () => {
    expect(await dispatch(await later('alice', 40), 'payments.submit', { id: 'demo-0002' })).toMatchObject({ ok: false, error: { code: 'DOMAIN_PAYMENT_EXPIRED' } });
    expect(storedPayment(vaultOf('alice'), 'demo-0002')).toMatchObject({ status: 'draft' });
  });

  it('is not exported even though it is marked approved: DOMAIN_PAYMENT_EXPIRED, still approved', async () => {
    expect(await dispatch(await later('alice', 40), 'payments.export', { format: 'pain.001', currency: 'EUR' })).toMatchObject({ ok: false, error: { code: 'DOMAIN_PAYMENT_EXPIRED' } });
    expect(storedPayment(vaultOf('alice'), 'demo-0006')).toMatchObject({ status: 'approved' });
  });
});

describe('when an approved payment asks to be executed on a day already gone', () => {
  it('is not exported (DOMAIN_PAST_EXECUTION_DATE); a new date voids its approvals and it starts over as a draft', async () => {
    expect(await dispatch(await later('alice', 3), 'payments.export', { format: 'pain.001', currency: 'EUR' })).toMatchObject({ ok: false, error: { code: 'DOMAIN_PAST_EXECUTION_DATE' } });
    const session = await later('alice', 3);
    const day = new Date(seededAt.getTime() + 5 * DAY).toISOString().slice(0, 10);
    expect(await dispatch(session, 'payments.edit', { id: 'demo-0006', date: day })).toMatchObject({ ok: true, value: { status: 'draft', approvalsVoided: 1 } });
    expect(await dispatch(session, 'payments.show', { id: 'demo-0006' })).toMatchObject({ ok: true, value: { approvals: [{ userId: 'bob', counts: false }] } });
  });
});
