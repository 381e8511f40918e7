import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEntries, makeDemoVaults, recordingStepUp, storedPayment, type DemoVault } from '../../../test/fixtures/demo/demoVault.js';
import { paymentDigest } from '../../domain/index.js';
import { dispatch } from '../dispatch/dispatch.js';
import { openSession } from '../dispatch/openSession.js';
import { requirePayment } from './records/paymentRecords.js';

/*
 * The demo rules (src/app/demo/demoOrganisation.ts): EUR operating account up to 10,000.00 — Bob E,
 * Carol A; above — Bob A, Carol B; any other account — Bob A, Carol B. Alice has class T everywhere.
 * demo-0004: 48,000.00 EUR pending with Bob's A. demo-0005: 2,300.00 EUR pending, no approvals.
 */
let vaults: Map<string, DemoVault>;
const vaultOf = (user: string) => vaults.get(user) as DemoVault;
const approve = async (user: string, id: string) => dispatch(await openSession(vaultOf(user).vault, { stepUp: recordingStepUp().verifier }), 'payments.approve', { id });
const approvals = (user: string, id: string) =>
  vaultOf(user).vault.db.prepare('SELECT user_id AS userId, signature_class AS cls, payment_digest AS digest, payment_version AS version FROM approvals WHERE payment_id = ? ORDER BY created_at').all(id);

beforeAll(async () => {
  vaults = await makeDemoVaults(['bob', 'carol']);
});
afterAll(() => {
  for (const v of vaults?.values() ?? []) v.close();
});

describe('when a class E approver approves a small payment', () => {
  it('records the approval over the digest and releases the payment alone', async () => {
    expect(await approve('bob', 'demo-0005')).toMatchObject({ ok: true, value: { status: 'approved', signatureClass: 'E', executable: true } });
    const digest = paymentDigest(requirePayment(vaultOf('bob').vault.db, 'demo-0005').payment).toString('hex');
    expect(approvals('bob', 'demo-0005')).toEqual([{ userId: 'bob', cls: 'E', digest, version: 2 }]);
    expect(storedPayment(vaultOf('bob').vault, 'demo-0005')).toMatchObject({ status: 'approved', version: 3 });
  });
});

describe('when a class A approver approves a small payment', () => {
  it('records it and says only an E can still finish (no other A or any B is left)', async () => {
    expect(await approve('carol', 'demo-0005')).toMatchObject({ ok: true, value: { status: 'pending_approval', signatureClass: 'A', executable: false, missing: ['E'] } });
  });
});

describe('when the second signature of a large payment arrives', () => {
  it('A (Bob, earlier) + B (Carol) makes it executable and approved', async () => {
    expect(await approve('carol', 'demo-0004')).toMatchObject({ ok: true, value: { status: 'approved', signatureClass: 'B', executable: true } });
    expect(auditEntries(vaultOf('carol').vault).at(-1)).toMatchObject({ action: 'payments.approve', target: 'demo-0004', outcome: 'allowed', actor: { userId: 'carol' } });
  });
});

describe('when an approval cannot count', () => {
  it('refuses a second approval by the same approver with APP_ALREADY_APPROVED, denied', async () => {
    expect(await approve('bob', 'demo-0004')).toMatchObject({ ok: false, error: { code: 'APP_ALREADY_APPROVED' } });
    expect(auditEntries(vaultOf('bob').vault).at(-1)).toMatchObject({ action: 'payments.approve', outcome: 'denied', reason: 'APP_ALREADY_APPROVED' });
  });

  it('refuses to approve a draft with APP_WRONG_STATUS', async () => {
    expect(await approve('bob', 'demo-0001')).toMatchObject({ ok: false, error: { code: 'APP_WRONG_STATUS' } });
    expect(approvals('bob', 'demo-0001')).toEqual([]);
  });
});
