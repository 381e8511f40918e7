import { CofferError } from '../../contract/index.js';
import { paymentDigest, type Payment } from '../../domain/index.js';
import { approvalChallenge, type ApprovalChallenge } from './approvalChallenge.js';
import type { UnlockedVault } from '../../vault/index.js';
import { activeApprovals, approvalEvidence, type ApprovalRecord } from '../commands/records/approvalRecords.js';
import type { PolicyState } from '../policy/verifyCachedOrgPolicy.js';
import { findCredential } from './credentialRecords.js';
import { keyCeremoniesOf } from './keyCeremonies.js';
import { verifyKeyAssertion } from './verifyKeyAssertion.js';

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

/**
 * The public key an approval must verify against: the approver's key in the bank-signed policy, or for the
 * vault's own user also a key enrolled here. Another user's key is never taken from the vault's own table,
 * which whoever holds the data key can write (issue 12 item 4).
 */
function approverKey(vault: UnlockedVault, policy: PolicyState, userId: string, credentialId: string): { id: string; publicKey: Uint8Array } | undefined {
  const signed = policy.status === 'valid' || policy.status === 'expired' ? policy.policy.users.find((user) => user.id === userId)?.credentials : undefined;
  const vouched = signed?.find((credential) => credential.id === credentialId);
  if (vouched !== undefined) return { id: vouched.id, publicKey: Buffer.from(vouched.publicKey, 'base64url') };
  if (userId !== vault.userId) return undefined;
  const own = findCredential(vault.db, credentialId);
  return own !== undefined && own.userId === userId ? own : undefined;
}

type Checked = { proof: ApprovalProof; reason?: undefined } | { proof?: undefined; reason: string };

async function check(vault: UnlockedVault, policy: PolicyState, approval: ApprovalRecord, payment: Payment): Promise<Checked> {
  const evidence = approvalEvidence(vault.db, approval.id);
  if (evidence === undefined) return { reason: 'it carries no hardware-key assertion' };
  const credential = approverKey(vault, policy, approval.userId, evidence.credentialId);
  if (credential === undefined) return { reason: `key ${evidence.credentialId} is not a key of ${approval.userId} that the bank or this vault vouches for` };
  let assertion: unknown;
  try {
    assertion = JSON.parse(evidence.assertion);
  } catch {
    return { reason: 'its stored assertion is not JSON' };
  }
  try {
    // The challenge comes from the payment as it is now (and, for a batch, the batch recorded with it).
    const challenge = approvalChallenge(evidence.digestInputs, payment);
    await verifyKeyAssertion({ assertion, expectedChallenge: challenge.challenge, rp: keyCeremoniesOf(vault).rp, credential });
    return { proof: { approval, credential, assertion, challenge } };
  } catch (error) {
    if (error instanceof CofferError) return { reason: error.message };
    throw error;
  }
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
