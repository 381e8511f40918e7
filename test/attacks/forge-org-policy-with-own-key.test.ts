import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch, installOrgPolicy, openSession } from '../../src/app/index.js';
import { demoOrgPolicy } from '../../src/app/demo/demoOrganisation.js';
import { generateJwsKeyPair } from '../../src/crypto/index.js';
import { signOrgPolicy } from '../../src/policy/index.js';
import { auditEntries, CREDITOR_IBAN, EUR_ACCOUNT, makeDemoVault, type DemoVault } from '../fixtures/demo/demoVault.js';

// Attack: Erin (viewer) signs a policy of her own, naming herself maker, with a key pair she made, and
// offers it to the app as if the bank had sent it — through the front door, then straight into the file.
let erin: DemoVault;
let forged: string;
beforeAll(async () => {
  erin = await makeDemoVault('erin');
  const policy = demoOrgPolicy(new Date(Date.now() + 60_000));
  policy.users = policy.users.map((u) => (u.id === 'erin' ? { ...u, roles: ['maker', 'approver'] } : u));
  forged = await signOrgPolicy(policy, generateJwsKeyPair('EdDSA').signingKey);
});
afterAll(() => erin?.close());

describe('when the forged policy is installed like one from the bank', () => {
  it('refuses it with POLICY_BAD_SIGNATURE, keeps the bank\'s policy, and logs the attempt', async () => {
    await expect(installOrgPolicy(erin.vault, forged)).toThrowCode('POLICY_BAD_SIGNATURE');
    expect(auditEntries(erin.vault).at(-1)).toMatchObject({ action: 'policy.install', outcome: 'denied', reason: 'POLICY_BAD_SIGNATURE' });
    const session = await openSession(erin.vault);
    expect(session).toMatchObject({ roles: ['viewer'], policy: { status: 'valid' } });
  });
});

describe('when the forged policy is written into the vault file directly', () => {
  it('leaves the session without roles: her payment is refused with POLICY_BAD_SIGNATURE', async () => {
    erin.vault.db.prepare('UPDATE org_policy SET jws = ?').run(forged);
    const session = await openSession(erin.vault);
    expect(session.policy).toMatchObject({ status: 'unusable', code: 'POLICY_BAD_SIGNATURE' });
    const result = await dispatch(session, 'payments.create', { from: EUR_ACCOUNT, toName: 'Erin Holdings Ltd', toIban: CREDITOR_IBAN, amount: '5000.00', currency: 'EUR' });
    expect(result).toMatchObject({ ok: false, error: { code: 'POLICY_BAD_SIGNATURE' } });
  });
});
