import { verifyRegistrationResponse } from '@simplewebauthn/server';
import { CofferError, type RegistrationResponseJson } from '../../contract/index.js';
import type { CredentialRecord } from './credentialRecords.js';
import type { RelyingParty } from './relyingParty.js';

/** A key whose registration verified, before it is stored under a user. */
export type VerifiedKey = Omit<CredentialRecord, 'userId' | 'lastUsedAt' | 'removedAt'>;

/**
 * Verifies a browser's registration response (WebAuthn L3 §7.1, with @simplewebauthn/server): `expectedChallenge`,
 * the window's origin, the rpId, user verification. A failure is APP_KEY_REJECTED saying `what` does not verify.
 */
export async function verifyKeyRegistration(request: {
  response: RegistrationResponseJson;
  name: string;
  rp: RelyingParty;
  expectedChallenge: string | ((challenge: string) => boolean);
  now: Date;
  what: string;
}): Promise<VerifiedKey> {
  const { response, rp, what } = request;
  let verification: Awaited<ReturnType<typeof verifyRegistrationResponse>>;
  try {
    verification = await verifyRegistrationResponse({
      // The library's JSON type is a structural twin of ours (its optional members are looser).
      response: response as Parameters<typeof verifyRegistrationResponse>[0]['response'],
      expectedChallenge: request.expectedChallenge,
      expectedOrigin: rp.origin,
      expectedRPID: rp.rpId,
      requireUserVerification: true,
    });
  } catch (cause) {
    const reason = (cause instanceof Error ? cause.message : String(cause)).split('\n')[0]?.slice(0, 300);
    throw new CofferError('APP_KEY_REJECTED', `${what} does not verify: ${reason}`, { cause });
  }
  const info = verification.registrationInfo;
  if (!verification.verified || info === undefined) throw new CofferError('APP_KEY_REJECTED', `${what} does not verify`);
  return {
    id: info.credential.id,
    publicKey: Buffer.from(info.credential.publicKey),
    signCount: info.credential.counter,
    transports: response.response.transports ?? [],
    aaguid: info.aaguid,
    name: request.name,
    prfCapable: response.clientExtensionResults.prf?.enabled === true,
    createdAt: request.now.toISOString(),
  };
}
