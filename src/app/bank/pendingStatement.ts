import { canonicalJson, PENDING_PAYMENT_SIGNATURE_TAG, type PendingPaymentStatement } from '../../contract/index.js';
import { ed25519Sign, ed25519Verify } from '../../crypto/index.js';

/** The bytes a maker's device signs for a pending payment: RFC 8785 canonical JSON of the statement. */
function statementBytes(statement: Omit<PendingPaymentStatement, 'tag'>): Uint8Array {
  const full: PendingPaymentStatement = { tag: PENDING_PAYMENT_SIGNATURE_TAG, ...statement };
  return new TextEncoder().encode(canonicalJson(full));
}

/** The maker's signature (device key, Ed25519) over a pending payment at `digest` with `status`, base64url. */
export function signPendingStatement(seed: Uint8Array, statement: Omit<PendingPaymentStatement, 'tag'>): string {
  return ed25519Sign(seed, statementBytes(statement)).toString('base64url');
}

/** Whether `signature` (base64url) is the device key's signature over the statement. */
export function verifyPendingStatement(devicePublicKey: Uint8Array, statement: Omit<PendingPaymentStatement, 'tag'>, signature: string): boolean {
  return ed25519Verify(devicePublicKey, statementBytes(statement), Buffer.from(signature, 'base64url'));
}
