import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch, openSession } from '../../src/app/index.js';
import { demoOrgPolicy } from '../../src/app/demo/demoOrganisation.js';
import { auditEntries, makeDemoVault, recordingStepUp, storedPayment, type DemoVault } from '../fixtures/demo/demoVault.js';

// Attack: Erin holds the approver role, but the approval rules give her class T (she transports, never signs);
// she tries to count as a signature on a payment someone else made.
let erin: DemoVault;
const now = new Date();

beforeAll(async () => {
  const policy = demoOrgPolicy(now);
  policy.users = policy.users.map((u) => (u.id === 'erin' ? { ...u, roles: ['approver'] } : u));
  policy.approvalRules = policy.approvalRules.map((rule) => ({ ...rule, approvers: [...rule.approvers, { userId: 'erin', signatureClass: 'T' as const }] }));
  erin = await makeDemoVault('erin', { policy, now });
});
afterAll(() => erin?.close());

describe('when a class-T user approves a pending payment', () => {
  it('refuses it with APP_NOT_A_SIGNER before asking for her key, records no approval, and logs the refusal', async () => {
    const { verifier, requests } = recordingStepUp();
    const result = await dispatch(await openSession(erin.vault, { stepUp: verifier }), 'payments.approve', { id: 'demo-0005' });
    expect(result).toMatchObject({ ok: false, error: { code: 'APP_NOT_A_SIGNER' } });
    expect(requests).toEqual([]);
    expect(erin.vault.db.prepare("SELECT count(*) AS n FROM approvals WHERE payment_id = 'demo-0005'").get()).toEqual({ n: 0 });
    expect(storedPayment(erin.vault, 'demo-0005')).toMatchObject({ status: 'pending_approval' });
    expect(auditEntries(erin.vault).at(-1)).toMatchObject({ action: 'payments.approve', target: 'demo-0005', outcome: 'denied', reason: 'APP_NOT_A_SIGNER', actor: { userId: 'erin' } });
  });
});

describe('when a class-T user approves a batch of pending payments', () => {
  it('refuses the whole batch with APP_NOT_A_SIGNER before asking for her key, and logs the refusal', async () => {
    const { verifier, requests } = recordingStepUp();
    const session = await openSession(erin.vault, { stepUp: verifier });
    expect(await dispatch(session, 'payments.approve-batch-options', { ids: ['demo-0005', 'demo-0004'] })).toMatchObject({ ok: false, error: { code: 'APP_NOT_A_SIGNER' } });
    const result = await dispatch(session, 'payments.approve-batch', { ids: ['demo-0005', 'demo-0004'] });
    expect(result).toMatchObject({ ok: false, error: { code: 'APP_NOT_A_SIGNER', message: expect.stringMatching(/class T/) } });
    expect(requests).toEqual([]);
    expect(erin.vault.db.prepare("SELECT count(*) AS n FROM approvals WHERE user_id = 'erin'").get()).toEqual({ n: 0 });
    expect(storedPayment(erin.vault, 'demo-0004')).toMatchObject({ status: 'pending_approval' });
    expect(auditEntries(erin.vault).at(-1)).toMatchObject({ action: 'payments.approve-batch', outcome: 'denied', reason: 'APP_NOT_A_SIGNER', actor: { userId: 'erin' } });
  });
});
