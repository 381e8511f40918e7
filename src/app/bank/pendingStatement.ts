import { canonicalJson, PENDING_PAYMENT_SIGNATURE_TAG, type PendingPaymentStatement } from '../../contract/index.js';
import { ed25519Sign, ed25519Verify } from '../../crypto/index.js';
import type { VaultDatabase } from '../../vault/index.js';

/** A maker's statement as a vault holds it: what it says of a payment, without the tag and the organisation. */
export type HeldStatement = Pick<PendingPaymentStatement, 'sequence' | 'digest' | 'status'>;

/** The bytes a maker's device signs for a pending payment: RFC 8785 canonical JSON of the statement. */
function statementBytes(statement: Omit<PendingPaymentStatement, 'tag'>): Uint8Array {
  const full: PendingPaymentStatement = { tag: PENDING_PAYMENT_SIGNATURE_TAG, ...statement };
  return new TextEncoder().encode(canonicalJson(full));
}

/** The maker's signature (device key, Ed25519) over a pending payment at `digest` with `status` and `sequence`, base64url. */
export function signPendingStatement(seed: Uint8Array, statement: Omit<PendingPaymentStatement, 'tag'>): string {
  return ed25519Sign(seed, statementBytes(statement)).toString('base64url');
}

/** Whether `signature` (base64url) is the device key's signature over the statement. */
export function verifyPendingStatement(devicePublicKey: Uint8Array, statement: Omit<PendingPaymentStatement, 'tag'>, signature: string): boolean {
  return ed25519Verify(devicePublicKey, statementBytes(statement), Buffer.from(signature, 'base64url'));
}

/** The newest maker's statement this vault holds of a payment (signed here, or believed from the feed), if any. */
export function heldStatement(db: VaultDatabase, paymentId: string): HeldStatement | undefined {
  return db.prepare('SELECT sequence, digest, status FROM pending_statements WHERE payment_id = ?').get(paymentId) as HeldStatement | undefined;
}

/** Keeps `statement` as the newest one of the payment, in the caller's transaction. */
export function holdStatement(db: VaultDatabase, paymentId: string, statement: HeldStatement, now: Date): void {
  db.prepare(
    `INSERT INTO pending_statements (payment_id, sequence, digest, status, recorded_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (payment_id) DO UPDATE SET sequence = excluded.sequence, digest = excluded.digest, status = excluded.status, recorded_at = excluded.recorded_at`,
  ).run(paymentId, statement.sequence, statement.digest, statement.status, now.toISOString());
}
