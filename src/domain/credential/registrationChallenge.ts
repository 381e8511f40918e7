import { sha256 } from '../../crypto/index.js';

/** Domain tag of the WebAuthn registration challenge of an enrolment, so it is no other digest of ours. */
export const ENROLMENT_REGISTRATION_TAG = 'coffer/enrolment-credential/v1';

/**
 * The challenge of the WebAuthn registrations a device sends with its enrolment (WebAuthn L3 §7.1 step 8):
 * SHA-256(tag ‖ the 32 bytes of the device's Ed25519 public key), base64url. The enrolment has no round trip
 * for a gateway-issued challenge; binding it to the fresh device key (UNIQUE at the gateway) makes a
 * registration usable for this one enrolment only.
 */
export function enrolmentRegistrationChallenge(devicePublicKey: Uint8Array): string {
  return sha256(Buffer.from(ENROLMENT_REGISTRATION_TAG, 'utf8'), devicePublicKey).toString('base64url');
}
