import { DEVICE_CREDENTIAL_TAG } from '../../contract/index.js';
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


/**
 * The challenge of a hardware key registered by an enrolled device after its enrolment (POST /v1/credentials):
 * SHA-256(tag ‖ the device's 32-byte Ed25519 public key ‖ a 32-byte salt the device chose), base64url. The
 * vault issues it as its own registration challenge, so one ceremony both adds the key to the vault and can
 * be shown to the gateway, which recomputes it from the device it authenticated.
 */
export function deviceRegistrationChallenge(devicePublicKey: Uint8Array, salt: Uint8Array): string {
  return sha256(Buffer.from(DEVICE_CREDENTIAL_TAG, 'utf8'), devicePublicKey, salt).toString('base64url');
}
