import { CofferError, canonicalJson, type RelayedApproval } from '../../contract/index.js';
import { paymentDigest, paymentDigestBody, type Payment } from '../../domain/index.js';
import { selectApprovalRule, type SignatureClass } from '../../policy/index.js';
import type { UnlockedVault } from '../../vault/index.js';
import { activeApprovals, insertApproval, insertApprovalEvidence, type ApprovalEvidence } from '../commands/records/approvalRecords.js';
import { newRecordId } from '../commands/records/newRecordId.js';
import { paymentResource, requirePayment, requireUnchangedPayment } from '../commands/records/paymentRecords.js';
import { batchDigestInputs } from '../keys/approvalChallenge.js';
import { checkApprovalEvidence } from '../keys/checkApprovalEvidence.js';
import type { PolicyState } from '../policy/verifyCachedOrgPolicy.js';

/** Where the approvals came from: which feed of the gateway, and the entry's position in it. */
export interface RelayedVia {
  feed: 'pending-payments' | 'payment-statuses';
  seq: number;
}

export interface TakenApprovals {
  /** Approvals of other users verified here and stored as approvals of the payment. */
  stored: { paymentId: string; userId: string }[];
  /** Relayed approvals that do not verify here: audited, never stored. */
  refused: { paymentId: string; userId: string; code: 'APP_RELAYED_APPROVAL_REFUSED' }[];
}

/** Statuses in which a payment has no approvals to learn of: a draft is being edited, a cancelled one is over. */
const NOT_APPROVABLE: ReadonlySet<Payment['status']> = new Set(['draft', 'cancelled']);

type Verdict = { evidence: Omit<ApprovalEvidence, 'approvalId'>; signatureClass: SignatureClass; reason?: undefined } | { reason: string; evidence?: undefined };

/**
 * Ensures a relayed approval is one this vault would have counted had it been given here, judged only by the
 * payment as this vault holds it and the bank-signed policy: over the payment's current digest; not by its
 * maker; by a user the policy's rule for this payment gives a class that counts; and its assertion verifies
 * with a key the policy lists for that very user over the digest re-derived here (for a batch, over the batch
 * digest of the digests sent, which must hold this payment's).
 */
async function verdictOn(vault: UnlockedVault, policy: PolicyState, payment: Payment, relayed: RelayedApproval): Promise<Verdict> {
  // Ensure the policy still governs: under an expired one this vault is read-only for its own user (runCommand's
  // readOnly), so it takes no approvals of others either, which a renewed policy may no longer count.
  if (policy.status === 'expired') return { reason: `expected a valid bank-signed policy to judge it by, found the cached policy expired at ${policy.policy.expiresAt} (read-only until the bank sends a new one)` };
  if (policy.status !== 'valid') return { reason: `expected the bank-signed policy to check it against, found none usable (${policy.code})` };
  const digest = paymentDigest(payment).toString('hex');
  // Ensure it is an approval of this payment as it stands here, not of another payment or an older order.
  if (relayed.digest !== digest) return { reason: `expected an approval of payment ${payment.id} at digest ${digest.slice(0, 12)}…, found one of ${relayed.digest.slice(0, 12)}…` };
  // Ensure four eyes: the maker's own approval never counts (the gateway refuses it too, but is not trusted for it).
  if (relayed.userId === payment.createdBy) return { reason: `expected an approver other than the maker ${payment.createdBy}` };
  const rule = selectApprovalRule(policy.policy.approvalRules, paymentResource(payment));
  const signatureClass = rule?.approvers.find((approver) => approver.userId === relayed.userId)?.signatureClass;
  // Ensure the approver may approve this payment at all: a class of its rule, and not T, which never counts.
  if (signatureClass === undefined || signatureClass === 'T') return { reason: `expected an approver with a signature class for this payment's rule, found ${relayed.userId} with ${signatureClass ?? 'none'}` };
  const { approval } = relayed;
  const digestInputs = approval.batch
    ? // The other payments of the batch enter by digest only (id null): their ids are not this vault's to know.
      batchDigestInputs(approval.batch.digests.map((member) => ({ id: member === digest ? payment.id : null, digest: member })), payment)
    : canonicalJson(paymentDigestBody(payment));
  const evidence = { credentialId: approval.credentialId, assertion: JSON.stringify(approval.assertion), digestInputs };
  // Ensure the key is the named user's in the bank-signed policy and the assertion signed this payment (or its batch).
  const checked = await checkApprovalEvidence(vault, policy, relayed.userId, evidence, payment);
  if (checked.reason !== undefined) return { reason: checked.reason };
  return { evidence, signatureClass };
}

/**
 * Takes over the approvals the gateway relayed for `paymentId`, which this vault holds: each by another user,
 * not yet held here for the payment as it is now, is verified here (verdictOn) and either stored as an approval
 * of the payment with its evidence, in one transaction with its `bank.receive-approval` entry, so that
 * `payments.show` lists it and the rule counts it; or refused, `bank.receive-approval` denied
 * APP_RELAYED_APPROVAL_REFUSED, and never stored. The vault's own user's approvals are made here, never taken
 * from the gateway. Nothing here moves the payment's lifecycle: only the bank's signed report does.
 */
export async function takeRelayedApprovals(vault: UnlockedVault, policy: PolicyState, paymentId: string, relayed: readonly RelayedApproval[] | undefined, via: RelayedVia, now: () => Date): Promise<TakenApprovals> {
  const taken: TakenApprovals = { stored: [], refused: [] };
  if (vault.db.prepare('SELECT 1 FROM payments WHERE id = ?').get(paymentId) === undefined) return taken;
  for (const one of relayed ?? []) {
    if (one.userId === vault.userId) continue;
    const { payment } = requirePayment(vault.db, paymentId);
    if (NOT_APPROVABLE.has(payment.status)) break;
    const digest = paymentDigest(payment).toString('hex');
    if (activeApprovals(vault.db, paymentId, digest).some((held) => held.userId === one.userId)) continue;
    const verdict = await verdictOn(vault, policy, payment, one);
    const details = { userId: one.userId, credentialId: one.approval.credentialId, digest: one.digest, feed: via.feed, seq: via.seq, ...(one.approval.batch ? { batchSize: one.approval.batch.digests.length } : {}) };
    if (verdict.reason !== undefined) {
      vault.record([{ action: 'bank.receive-approval', outcome: 'denied', reason: 'APP_RELAYED_APPROVAL_REFUSED', target: paymentId, details: { ...details, problem: verdict.reason } }]);
      taken.refused.push({ paymentId, userId: one.userId, code: 'APP_RELAYED_APPROVAL_REFUSED' });
      continue;
    }
    const { evidence, signatureClass } = verdict;
    try {
      vault.transact({ action: 'bank.receive-approval', target: paymentId, details: { ...details, signatureClass } }, (db) => {
        // Checked against the payment as it was read: one changed meanwhile is not what the approval signed.
        requireUnchangedPayment(db, paymentId, payment.version);
        const approvalId = newRecordId();
        insertApproval(db, { id: approvalId, paymentId, paymentVersion: payment.version, userId: one.userId, paymentDigest: digest, signatureClass, createdAt: now().toISOString() });
        insertApprovalEvidence(db, { approvalId, ...evidence });
      });
    } catch (error) {
      // Changed while it was verified (a command in the window): the approval is taken at the next sync, if it still holds.
      if (error instanceof CofferError && error.code === 'APP_STALE') continue;
      throw error;
    }
    taken.stored.push({ paymentId, userId: one.userId });
  }
  return taken;
}
