import { constantTimeEqual, p256PrivateKeyPkcs8, type JwsVerificationKey } from '../../crypto/index.js';
import type { Session } from '../dispatch/openSession.js';
import { findCredential } from '../keys/credentialRecords.js';
import { keyCeremoniesOf } from '../keys/keyCeremonies.js';
import { userHandleFor } from '../keys/userHandle.js';
import { BANK_VERIFICATION_KEY, DEMO_BANK_VERIFICATION_KEY } from '../policy/bankTrustAnchor.js';
import { demoCredential, isDemoCredential } from './demoCredentials.js';
import { DEMO_ORG } from './demoOrganisation.js';

/*
 * DEMO ONLY. What the desktop shell hands Chromium's virtual authenticator (CDP WebAuthn.addCredential) so that
 * a demo vault approves without a physical key. It carries a private key; it stays in the shell's process and
 * never reaches the renderer.
 */

export interface DemoAuthenticator {
  /** Whose key it is (the vault's user). */
  userId: string;
  /** base64url credential id, as WebAuthn's JSON and the vault's table name it. */
  credentialId: string;
  rpId: string;
  /** PKCS#8 DER of the demo P-256 private key (published: src/app/demo/demoCredentials.ts). */
  privateKeyPkcs8: Buffer;
  /** The user handle a registration in this vault would have given (resident credentials carry one). */
  userHandle: Buffer;
  /** The counter the vault stored last: the software authenticator goes on from there. */
  signCount: number;
}

function sameKey(a: JwsVerificationKey, b: JwsVerificationKey): boolean {
  return a.alg === b.alg && a.publicKey.length === b.publicKey.length && constantTimeEqual(a.publicKey, b.publicKey);
}

/**
 * The demo authenticator of a session, or undefined when the vault is not a demo vault. A demo vault is one
 * where every link holds (docs/security.md "The demo authenticator"):
 * 1. the policy's trust anchor, the key the session verified the organisation policy with, is the demo bank's
 *    (a real build pins its bank's key, so this never holds there, whatever the vault contains);
 * 2. that verified policy is the demo organisation's and vouches for the user's demo credential (id and public
 *    key), as only the demo bank does;
 * 3. the user still holds that credential in the vault (not removed), with the same public key.
 * The key handed out is worthless outside the demo: only the demo bank vouches for it, and it is published.
 */
export function demoAuthenticatorFor(session: Session, trustAnchor: JwsVerificationKey = BANK_VERIFICATION_KEY): DemoAuthenticator | undefined {
  const { policy, vault, userId } = session;
  // Ensure the build trusts the demo bank: a real deployment's anchor ends the question here.
  if (!sameKey(trustAnchor, DEMO_BANK_VERIFICATION_KEY)) return undefined;
  // Ensure a verified policy (signature, organisation, no rollback) of the demo organisation governs the vault.
  if (policy.status !== 'valid' && policy.status !== 'expired') return undefined;
  if (policy.policy.orgId !== DEMO_ORG.id) return undefined;
  const demo = demoCredential(userId);
  const vouched = policy.policy.users.find((user) => user.id === userId)?.credentials?.find((credential) => credential.id === demo.id);
  // Ensure the bank vouches for exactly the published key, not a key of the same id.
  if (vouched === undefined || !isDemoCredential(userId, vouched.id, Buffer.from(vouched.publicKey, 'base64url'))) return undefined;
  const held = findCredential(vault.db, demo.id);
  // Ensure the user keeps it: a removed demo key stays removed, in the window too.
  if (held === undefined || held.userId !== userId || held.removedAt !== null || !isDemoCredential(userId, held.id, held.publicKey)) return undefined;
  return {
    userId,
    credentialId: demo.id,
    rpId: keyCeremoniesOf(vault).rp.rpId,
    privateKeyPkcs8: p256PrivateKeyPkcs8(demo.privateKey),
    userHandle: userHandleFor(vault.vaultId, userId),
    signCount: held.signCount,
  };
}
