import { p256PublicKey, sha256 } from '../../crypto/index.js';

/*
 * DEMO ONLY — PUBLISHED PRIVATE KEYS. The demo's software "hardware keys" (src/app/demo/demoCredentials.ts)
 * are ECDSA P-256 keys derived from these public tags and a user id, so anyone can sign as a demo user. They
 * are defined here, below the app and the gateway, so the gateway can recognise and refuse them without
 * importing the app (issue 12 item 7, issue 13 item 5).
 */

/** SHA-256(tag ‖ user id) is the demo credential's private scalar. */
export const DEMO_CREDENTIAL_KEY_TAG = 'coffer/demo/credential/v1\0';
/** The first 16 bytes of SHA-256(tag ‖ user id) are the demo credential's id. */
export const DEMO_CREDENTIAL_ID_TAG = 'coffer/demo/credential-id/v1\0';

/** The demo credential's private P-256 scalar for `userId` (32 bytes). */
export function demoCredentialPrivateKey(userId: string): Buffer {
  return sha256(Buffer.from(`${DEMO_CREDENTIAL_KEY_TAG}${userId}`, 'utf8'));
}

/** The demo credential's id for `userId`, base64url. */
export function demoCredentialId(userId: string): string {
  return sha256(Buffer.from(`${DEMO_CREDENTIAL_ID_TAG}${userId}`, 'utf8')).subarray(0, 16).toString('base64url');
}

/** The demo credential's public key for `userId` as an uncompressed point (0x04 ‖ x ‖ y). */
export function demoCredentialPoint(userId: string): Buffer {
  return p256PublicKey(demoCredentialPrivateKey(userId));
}

/**
 * Whether a credential is the demo's for any of `userIds`: by its id, or by its public key's x coordinate
 * (a demo key re-registered under another id is still a published key).
 */
export function isDemoCredential(credential: { id: string; x: Uint8Array | undefined }, userIds: Iterable<string>): boolean {
  for (const userId of userIds) {
    if (credential.id === demoCredentialId(userId)) return true;
    if (credential.x !== undefined && Buffer.from(credential.x).equals(demoCredentialPoint(userId).subarray(1, 33))) return true;
  }
  return false;
}
