import { paymentDigest, type Payment } from '../../domain/index.js';
import type { ApprovalChallenge } from './approvalChallenge.js';
import { checkApprovalEvidence } from './checkApprovalEvidence.js';
import type { UnlockedVault } from '../../vault/index.js';
import { activeApprovals, approvalEvidence, type ApprovalRecord } from '../commands/records/approvalRecords.js';
import type { PolicyState } from '../policy/verifyCachedOrgPolicy.js';

export interface TamperedApproval {
  id: string;
  userId: string;
  /** Why it counts for nothing (no secret in it). */
  reason: string;
}

/** What made a counted approval count: the key it verified against and what it signed (for outside verifiers). */
export interface ApprovalProof {
  approval: ApprovalRecord;
  credential: { id: string; publicKey: Uint8Array };
  /** The stored assertion, parsed. */
  assertion: unknown;
  challenge: ApprovalChallenge;
}

export interface VerifiedApprovals {
  /** Approvals over the payment as it is now whose stored assertion verifies: the only ones that count. */
  counted: ApprovalRecord[];
  /** What made each counted approval count, in the same order. */
  proofs: ApprovalProof[];
  tampered: TamperedApproval[];
}

async function check(vault: UnlockedVault, policy: PolicyState, approval: ApprovalRecord, payment: Payment): Promise<{ proof: ApprovalProof; reason?: undefined } | { proof?: undefined; reason: string }> {
  const result = await checkApprovalEvidence(vault, policy, approval.userId, approvalEvidence(vault.db, approval.id), payment);
  return result.checked === undefined ? { reason: result.reason } : { proof: { approval, ...result.checked } };
}

/**
 * Re-verifies every approval that claims the payment as it is now (docs/signing.md): the challenge is derived
 * again from the stored payment (for a batch approval, the batch digest of the recorded batch, which must hold
 * this payment as it is now), and each stored assertion must verify against its approver's key. A row without
 * a valid assertion counts for nothing; each one is recorded in the log as tampering (`approvals.verify`,
 * denied APP_APPROVAL_TAMPERED).
 */
export async function verifyApprovals(vault: UnlockedVault, policy: PolicyState, payment: Payment): Promise<VerifiedApprovals> {
  const digest = paymentDigest(payment);
  const counted: ApprovalRecord[] = [];
  const proofs: ApprovalProof[] = [];
  const tampered: TamperedApproval[] = [];
  for (const approval of activeApprovals(vault.db, payment.id, digest.toString('hex'))) {
    const checked = await check(vault, policy, approval, payment);
    if (checked.proof !== undefined) {
      counted.push(approval);
      proofs.push(checked.proof);
    } else tampered.push({ id: approval.id, userId: approval.userId, reason: checked.reason });
  }
  if (tampered.length > 0) {
    vault.record([
      {
        action: 'approvals.verify',
        outcome: 'denied',
        reason: 'APP_APPROVAL_TAMPERED',
        target: payment.id,
        details: { approvals: tampered.map((t) => t.id), users: tampered.map((t) => t.userId) },
      },
    ]);
  }
  return { counted, proofs, tampered };
}
