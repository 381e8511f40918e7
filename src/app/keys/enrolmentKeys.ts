import { CofferError, type RegistrationResponseJson } from '../../contract/index.js';
import { ed25519PublicKeyFromSeed } from '../../crypto/index.js';
import { enrolmentRegistrationChallenge } from '../../domain/index.js';
import type { UnlockedVault } from '../../vault/index.js';
import { findCredential } from './credentialRecords.js';
import { keyCeremoniesOf } from './keyCeremonies.js';
import { verifyKeyRegistration, type VerifiedKey } from './verifyKeyRegistration.js';

/** A key registered with the enrolment, verified here, waiting for the bank's user id to be stored under. */
export type EnrolmentKey = VerifiedKey;

/** The challenge every registration sent with this vault's enrolment answers: bound to its device key (docs/gateway.md). */
export function enrolmentChallengeOf(vault: UnlockedVault): string {
  return enrolmentRegistrationChallenge(ed25519PublicKeyFromSeed(vault.audit.identity.signer.seed));
}

/**
 * Verifies each registration as the gateway will (WebAuthn L3 §7.1 with @simplewebauthn/server): the
 * enrolment challenge of this vault's device key, the window's origin, the rpId, user verification. Checked
 * here before anything is sent, so a registration made for another device (or another enrolment) is refused
 * with APP_KEY_REJECTED while the activation code is still unspent.
 */
export async function verifyEnrolmentKeys(vault: UnlockedVault, keys: readonly { response: RegistrationResponseJson; name: string }[], now: Date): Promise<EnrolmentKey[]> {
  const rp = keyCeremoniesOf(vault).rp;
  const expectedChallenge = enrolmentChallengeOf(vault);
  const verified: EnrolmentKey[] = [];
  for (const key of keys) {
    const verifiedKey = await verifyKeyRegistration({ ...key, rp, expectedChallenge, now, what: `the registration of key "${key.name}" for this enrolment` });
    // Ensure each key is sent and stored once (its id is the table's key at both ends).
    if (findCredential(vault.db, verifiedKey.id) !== undefined || verified.some((earlier) => earlier.id === verifiedKey.id)) {
      throw new CofferError('APP_KEY_REJECTED', `key ${verifiedKey.id} is already enrolled`);
    }
    verified.push(verifiedKey);
  }
  return verified;
}
