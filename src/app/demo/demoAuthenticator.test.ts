import { afterEach, describe, expect, it } from 'vitest';
import { makeTestVault } from '../../../test/support/testVault.js';
import { generateJwsKeyPair, type JwsSigningKey, type JwsVerificationKey } from '../../crypto/index.js';
import { signOrgPolicy } from '../../policy/index.js';
import type { UnlockedVault } from '../../vault/index.js';
import { openSession } from '../dispatch/openSession.js';
import { insertCredential, markCredentialRemoved } from '../keys/credentialRecords.js';
import { installOrgPolicy } from '../policy/installOrgPolicy.js';
import { DEMO_BANK_VERIFICATION_KEY } from '../policy/bankTrustAnchor.js';
import { demoAuthenticatorFor } from './demoAuthenticator.js';
import { DEMO_BANK_SIGNING_KEY } from './demoBankKey.js';
import { demoCredential } from './demoCredentials.js';
import { DEMO_ORG, demoOrgPolicy } from './demoOrganisation.js';

// Which vaults the desktop shell hands a virtual authenticator with a published demo key: demo vaults only.
const now = new Date();
const opened: UnlockedVault[] = [];
afterEach(() => {
  for (const vault of opened.splice(0)) vault.lock();
});

interface Setup {
  /** The organisation the bank-signed policy names; none: the vault was never enrolled with a bank. */
  orgId?: string | null;
  /** Who signs the policy, and the trust anchor the build pins (the key the session verifies it with). */
  bank?: { signer: JwsSigningKey; anchor: JwsVerificationKey };
  /** The user removed the demo key from the vault. */
  removed?: boolean;
}

/** A vault of user `owner` holding owner's demo key, with a policy that vouches for it, each link as `setup` says. */
async function authenticatorFor(setup: Setup = {}) {
  const { vault } = await makeTestVault();
  opened.push(vault);
  const bank = setup.bank ?? { signer: DEMO_BANK_SIGNING_KEY, anchor: DEMO_BANK_VERIFICATION_KEY };
  const demo = demoCredential('owner');
  if (setup.orgId !== null) {
    const base = demoOrgPolicy(now);
    const owner = { id: 'owner', name: 'Owner', roles: ['approver' as const], credentials: [{ id: demo.id, publicKey: demo.publicKey.toString('base64url') }] };
    const policy = { ...base, orgId: setup.orgId ?? DEMO_ORG.id, users: [...base.users, owner] };
    await installOrgPolicy(vault, await signOrgPolicy(policy, bank.signer), { bankKey: bank.anchor, now });
  }
  vault.transact({ action: 'keys.register', target: demo.id }, (db) => {
    insertCredential(db, { id: demo.id, userId: 'owner', publicKey: demo.publicKey, signCount: 3, transports: ['internal'], aaguid: '00000000-0000-0000-0000-000000000000', name: 'Demo', prfCapable: false, createdAt: now.toISOString() });
    if (setup.removed) markCredentialRemoved(db, demo.id, now);
  });
  const session = await openSession(vault, { bankKey: bank.anchor, now: () => now });
  // Ensure each case turns on its one link: the policy itself verifies wherever there is one.
  expect(session.policy.status).toBe(setup.orgId === null ? 'none' : 'valid');
  return demoAuthenticatorFor(session, bank.anchor);
}

describe('when the vault is a demo vault (demo bank anchor, demo organisation, the demo key vouched for and kept)', () => {
  it('hands out the user\'s demo credential with its PKCS#8 key, rpId, user handle and stored counter', async () => {
    const demo = await authenticatorFor();
    expect(demo).toMatchObject({ userId: 'owner', credentialId: demoCredential('owner').id, rpId: 'bank.example', signCount: 3 });
    // A P-256 PKCS#8 key (RFC 5958) starts with a SEQUENCE; 32-byte user handle as at registration.
    expect(demo?.privateKeyPkcs8[0]).toBe(0x30);
    expect(demo?.userHandle).toHaveLength(32);
  });
});

describe('when the vault is not a demo vault', () => {
  it('hands out nothing when no bank policy governs it, even though its table holds a demo key', async () => {
    expect(await authenticatorFor({ orgId: null })).toBeUndefined();
  });

  it('hands out nothing when the policy is another organisation\'s, though signed by the demo bank', async () => {
    expect(await authenticatorFor({ orgId: 'acme-treasury' })).toBeUndefined();
  });

  it('hands out nothing when the build pins a real bank key, even if that bank signed the demo organisation and key', async () => {
    const realBank = generateJwsKeyPair('EdDSA');
    expect(await authenticatorFor({ bank: { signer: realBank.signingKey, anchor: realBank.verificationKey } })).toBeUndefined();
  });

  it('hands out nothing once the user removed the demo key', async () => {
    expect(await authenticatorFor({ removed: true })).toBeUndefined();
  });
});
