import { approvalStatus, type ApprovalStatus, type OrgPolicy, type SignatureClass } from '../../../policy/index.js';
import type { Payment } from '../../../domain/index.js';
import type { VaultDatabase } from '../../../vault/index.js';

export interface ApprovalRecord {
  id: string;
  userId: string;
  paymentVersion: number;
  paymentDigest: string;
  signatureClass: SignatureClass | null;
  createdAt: string;
  voidedAt: string | null;
}

export function listApprovals(db: VaultDatabase, paymentId: string): ApprovalRecord[] {
  return db
    .prepare(
      `SELECT id, user_id AS userId, payment_version AS paymentVersion, payment_digest AS paymentDigest,
              signature_class AS signatureClass, created_at AS createdAt, voided_at AS voidedAt
         FROM approvals WHERE payment_id = ? ORDER BY created_at, id`,
    )
    .all(paymentId) as ApprovalRecord[];
}

/** Approvals that still count: not voided, and over the digest of the payment as it is now. */
export function activeApprovals(db: VaultDatabase, paymentId: string, digestHex: string): ApprovalRecord[] {
  return listApprovals(db, paymentId).filter((approval) => approval.voidedAt === null && approval.paymentDigest === digestHex);
}

export function insertApproval(db: VaultDatabase, approval: Omit<ApprovalRecord, 'voidedAt'> & { paymentId: string }): void {
  db.prepare(
    `INSERT INTO approvals (id, payment_id, payment_version, user_id, payment_digest, signature_class, created_at, voided_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, NULL)`,
  ).run(approval.id, approval.paymentId, approval.paymentVersion, approval.userId, approval.paymentDigest, approval.signatureClass, approval.createdAt);
}

/** Voids every approval still standing (an edited payment is no longer what was signed); returns how many. */
export function voidApprovals(db: VaultDatabase, paymentId: string, now: Date): number {
  return db.prepare('UPDATE approvals SET voided_at = ? WHERE payment_id = ? AND voided_at IS NULL').run(now.toISOString(), paymentId).changes;
}

/** The rule engine's answer for this payment and the approvals that count. */
export function approvalStatusOf(policy: OrgPolicy, payment: Payment, approvals: readonly ApprovalRecord[]): ApprovalStatus {
  return approvalStatus({
    payment: { id: payment.id, account: payment.debtorIban, currency: payment.currency, amountMinor: payment.amountMinor, createdBy: payment.createdBy },
    approvals,
    rules: policy.approvalRules,
    users: policy.users,
  });
}

/** What an approval keeps of the ceremony that made it (table approval_evidence, docs/signing.md). */
export interface ApprovalEvidence {
  approvalId: string;
  credentialId: string;
  /** The assertion's JSON form, as verified. */
  assertion: string;
  /** RFC 8785 canonical JSON of the payment fields the digest was computed from. */
  digestInputs: string;
}

export function insertApprovalEvidence(db: VaultDatabase, evidence: ApprovalEvidence): void {
  db.prepare('INSERT INTO approval_evidence (approval_id, credential_id, assertion, digest_inputs) VALUES (?, ?, ?, ?)').run(
    evidence.approvalId,
    evidence.credentialId,
    evidence.assertion,
    evidence.digestInputs,
  );
}

export function approvalEvidence(db: VaultDatabase, approvalId: string): ApprovalEvidence | undefined {
  return db
    .prepare('SELECT approval_id AS approvalId, credential_id AS credentialId, assertion, digest_inputs AS digestInputs FROM approval_evidence WHERE approval_id = ?')
    .get(approvalId) as ApprovalEvidence | undefined;
}
