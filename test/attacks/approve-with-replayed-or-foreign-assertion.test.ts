import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch, openSession, type Session } from '../../src/app/index.js';
import { webAuthnStepUp } from '../../src/app/keys/webAuthnStepUp.js';
import type { UnlockedVault } from '../../src/vault/index.js';
import { auditEntries, makeDemoVaults, storedPayment, type DemoVault } from '../fixtures/demo/demoVault.js';
import { approvalProof, enrolKey, stepUpProof } from '../support/hardwareKeys.js';
import { startAuthenticatorBrowser, type AuthenticatorBrowser, type VirtualKey } from '../support/virtualAuthenticator.js';

// Attack: an assertion Bob really made is used for something he did not sign (another payment), or an
// assertion comes from a key that is not Bob's (Carol's key written into Bob's table, or a key he removed).
let browser: AuthenticatorBrowser;
let vaults: Map<string, DemoVault>;
let bob: UnlockedVault;
let session: Session;
let bobsKey: VirtualKey;
let bobsKeyId: string;

beforeAll(async () => {
  browser = await startAuthenticatorBrowser();
  vaults = await makeDemoVaults(['bob', 'carol']);
  bob = (vaults.get('bob') as DemoVault).vault;
  session = await openSession(bob, { stepUp: webAuthnStepUp({ vault: bob }) });
  bobsKey = await browser.newKey();
  bobsKeyId = await enrolKey(session, bobsKey, 'Bob YubiKey');
});
afterAll(async () => {
  for (const demo of vaults?.values() ?? []) demo.close();
  await browser?.close();
});

const approvalsOf = (vault: UnlockedVault, id: string) => vault.db.prepare('SELECT user_id AS userId FROM approvals WHERE payment_id = ?').all(id);

describe("when Bob's assertion over demo-0004 is replayed to approve demo-0005", () => {
  it('refuses it with APP_STEP_UP_FAILED (the challenge is another digest), records no approval, audits the refusal', async () => {
    const proof = await approvalProof(session, bobsKey, 'demo-0004');
    const before = approvalsOf(bob, 'demo-0005');
    const result = await dispatch(session, 'payments.approve', { id: 'demo-0005' }, { stepUpProof: proof });
    expect(result).toMatchObject({ ok: false, error: { code: 'APP_STEP_UP_FAILED' } });
    expect(approvalsOf(bob, 'demo-0005')).toEqual(before);
    expect(auditEntries(bob).at(-1)).toMatchObject({ action: 'payments.approve', target: 'demo-0005', outcome: 'denied', reason: 'APP_STEP_UP_FAILED' });
  });
});

describe("when Carol's key, written into Bob's key table under her name, signs Bob's approval", () => {
  it('refuses it: the key is not one of the acting user’s (APP_STEP_UP_FAILED), audited', async () => {
    const carol = (vaults.get('carol') as DemoVault).vault;
    const carolsKey = await browser.newKey();
    await enrolKey(await openSession(carol, { stepUp: webAuthnStepUp({ vault: carol }) }), carolsKey, 'Carol key');
    const row = carol.db.prepare('SELECT * FROM webauthn_credentials').get() as Record<string, unknown>;
    bob.db.prepare('INSERT INTO webauthn_credentials (id, user_id, public_key, sign_count, transports, aaguid, name, prf_capable, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)').run(
      row.id, 'carol', row.public_key, row.sign_count, row.transports, row.aaguid, row.name, row.prf_capable, row.created_at,
    );
    const result = await dispatch(session, 'payments.approve', { id: 'demo-0005' }, { stepUpProof: await approvalProof(session, carolsKey, 'demo-0005') });
    expect(result).toMatchObject({ ok: false, error: { code: 'APP_STEP_UP_FAILED', message: expect.stringMatching(/not one of bob's keys/) } });
    expect(auditEntries(bob).at(-1)).toMatchObject({ action: 'payments.approve', outcome: 'denied', reason: 'APP_STEP_UP_FAILED' });
  });
});

describe('when Bob approves with a key he removed', () => {
  it('refuses it with APP_STEP_UP_FAILED and records no approval', async () => {
    const spare = await browser.newKey();
    const spareId = await enrolKey(session, spare, 'Spare', await stepUpProof(session, bobsKey));
    expect(await dispatch(session, 'keys.remove', { id: spareId }, { stepUpProof: await stepUpProof(session, bobsKey) })).toMatchObject({ ok: true });
    const result = await dispatch(session, 'payments.approve', { id: 'demo-0005' }, { stepUpProof: await approvalProof(session, spare, 'demo-0005') });
    expect(result).toMatchObject({ ok: false, error: { code: 'APP_STEP_UP_FAILED', message: expect.stringMatching(/removed/) } });
    expect(storedPayment(bob, 'demo-0005')).toMatchObject({ status: 'pending_approval' });
    expect(approvalsOf(bob, 'demo-0005')).toEqual([]);
  });
});

describe('when Bob approves demo-0005 with his key over its digest', () => {
  it('approves it and keeps the assertion, the key and the digest inputs with the approval', async () => {
    const result = await dispatch(session, 'payments.approve', { id: 'demo-0005' }, { stepUpProof: await approvalProof(session, bobsKey, 'demo-0005') });
    expect(result).toMatchObject({ ok: true, value: { status: 'approved', executable: true } });
    const evidence = bob.db.prepare("SELECT e.credential_id AS credentialId, e.assertion, e.digest_inputs AS inputs FROM approval_evidence e JOIN approvals a ON a.id = e.approval_id WHERE a.payment_id = 'demo-0005'").get() as { credentialId: string; assertion: string; inputs: string };
    expect(evidence.credentialId).toBe(bobsKeyId);
    expect(JSON.parse(evidence.inputs)).toMatchObject({ id: 'demo-0005', amountMinor: '230000', currency: 'EUR' });
    expect(JSON.parse(evidence.assertion)).toMatchObject({ id: bobsKeyId, response: { signature: expect.any(String) } });
    expect(await dispatch(session, 'payments.show', { id: 'demo-0005' })).toMatchObject({ ok: true, value: { approvals: [{ userId: 'bob', counts: true }] } });
  });
});
