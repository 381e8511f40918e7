import { verifyRegistrationResponse } from '@simplewebauthn/server';
import { cose, decodeCredentialPublicKey } from '@simplewebauthn/server/helpers';
import { CofferError, type RegistrationResponseJson } from '../../contract/index.js';
import { isDemoCredential } from '../../domain/index.js';
import { DEMO_USERS } from '../../policy/index.js';
import type { RelyingParty } from './relyingParty.js';

export interface RegisteredCredential {
  id: string;
  /** COSE_Key bytes. */
  publicKey: Uint8Array;
  signCount: number;
  aaguid: string;
}

export interface VerifyCredentialRegistrationOpts {
  response: RegistrationResponseJson;
  /**
   * The challenge (base64url) the registration must have signed, bound to the device that sends it: the
   * enrolment's (enrolmentRegistrationChallenge) or a later one's (deviceRegistrationChallenge).
   */
  challenge: string;
  userId: string;
  rp: RelyingParty;
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0]?.slice(0, 300) ?? '';
}

/** The x coordinate of an EC2 COSE key (the demo keys are P-256), undefined for other key types. */
function ec2X(publicKey: Uint8Array): Uint8Array | undefined {
  try {
    const key = decodeCredentialPublicKey(publicKey as Uint8Array<ArrayBuffer>);
    return cose.isCOSEPublicKeyEC2(key) ? key.get(cose.COSEKEYS.x) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * One WebAuthn registration (WebAuthn L3 §7.1), sent with an enrolment or by an enrolled device later, verified
 * with @simplewebauthn/server: the challenge is the one bound to the sending device's key, the origin and rpId
 * the bank's, user verification was done. A credential of the demo (published private keys) is refused whoever it claims to be.
 */
export async function verifyCredentialRegistration(opts: VerifyCredentialRegistrationOpts): Promise<RegisteredCredential> {
  let verification: Awaited<ReturnType<typeof verifyRegistrationResponse>>;
  try {
    verification = await verifyRegistrationResponse({
      // The library's JSON type is a structural twin of ours (its optional members are looser).
      response: opts.response as Parameters<typeof verifyRegistrationResponse>[0]['response'],
      expectedChallenge: opts.challenge,
      expectedOrigin: opts.rp.origin,
      expectedRPID: opts.rp.rpId,
      requireUserVerification: true,
    });
  } catch (cause) {
    throw new CofferError('SERVER_BAD_CREDENTIAL', `expected a WebAuthn registration bound to this device, found one that does not verify: ${firstLine(cause)}`, { cause });
  }
  const info = verification.registrationInfo;
  // Ensure the library verified it (it answers false rather than throwing for some failures).
  if (!verification.verified || info === undefined) throw new CofferError('SERVER_BAD_CREDENTIAL', 'expected a WebAuthn registration that verifies, found one that does not');
  // Ensure user verification (PIN, biometrics): WebAuthn §7.1 step 15.
  if (!info.userVerified) throw new CofferError('SERVER_BAD_CREDENTIAL', 'expected a registration with user verification (UV flag), found none');
  const candidates = new Set([opts.userId, ...DEMO_USERS.map((user) => user.id)]);
  // Ensure no published demo key becomes a real user's: by id, and by public key under any id.
  if (isDemoCredential({ id: info.credential.id, x: ec2X(info.credential.publicKey) }, candidates)) {
    throw new CofferError('SERVER_DEMO_CREDENTIAL', `expected a hardware key of the user's own, found the demo's key ${info.credential.id}, whose private key is published`);
  }
  return { id: info.credential.id, publicKey: info.credential.publicKey, signCount: info.credential.counter, aaguid: info.aaguid };
}
