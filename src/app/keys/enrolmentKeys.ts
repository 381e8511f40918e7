import { verifyRegistrationResponse } from '@simplewebauthn/server';
import { CofferError, type RegistrationResponseJson } from '../../contract/index.js';
import { ed25519PublicKeyFromSeed } from '../../crypto/index.js';
import { enrolmentRegistrationChallenge } from '../../domain/index.js';
import type { UnlockedVault } from '../../vault/index.js';
import { findCredential, type CredentialRecord } from './credentialRecords.js';
import { keyCeremoniesOf } from './keyCeremonies.js';

/** A key registered with the enrolment, verified here, waiting for the bank's user id to be stored under. */
export type EnrolmentKey = Omit<CredentialRecord, 'userId' | 'lastUsedAt' | 'removedAt'>;

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
    let verification: Awaited<ReturnType<typeof verifyRegistrationResponse>>;
    try {
      verification = await verifyRegistrationResponse({
        // The library's JSON type is a structural twin of ours (its optional members are looser).
        response: key.response as Parameters<typeof verifyRegistrationResponse>[0]['response'],
        expectedChallenge,
        expectedOrigin: rp.origin,
        expectedRPID: rp.rpId,
        requireUserVerification: true,
      });
    } catch (cause) {
      const reason = (cause instanceof Error ? cause.message : String(cause)).split('\n')[0]?.slice(0, 300);
      throw new CofferError('APP_KEY_REJECTED', `the registration of key "${key.name}" does not verify for this enrolment: ${reason}`, { cause });
    }
    const info = verification.registrationInfo;
    if (!verification.verified || info === undefined) throw new CofferError('APP_KEY_REJECTED', `the registration of key "${key.name}" does not verify for this enrolment`);
    // Ensure each key is sent and stored once (its id is the table's key at both ends).
    if (findCredential(vault.db, info.credential.id) !== undefined || verified.some((earlier) => earlier.id === info.credential.id)) {
      throw new CofferError('APP_KEY_REJECTED', `key ${info.credential.id} is already enrolled`);
    }
    verified.push({
      id: info.credential.id,
      publicKey: Buffer.from(info.credential.publicKey),
      signCount: info.credential.counter,
      transports: key.response.response.transports ?? [],
      aaguid: info.aaguid,
      name: key.name,
      prfCapable: key.response.clientExtensionResults.prf?.enabled === true,
      createdAt: now.toISOString(),
    });
  }
  return verified;
}
