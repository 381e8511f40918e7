import { CofferError, PaymentApproval, PendingPaymentAnswer, type ApprovalSubmission } from '../../contract/index.js';
import type { UnlockedVault } from '../../vault/index.js';
import type { BankConnection } from './bankConnection.js';
import { postForOutcome, type GatewaySigner, type PostOutcome } from './gatewayRequest.js';

export interface PushedApprovals {
  /** Approvals the gateway took: the payment and where it stands now (pending, or accepted on them). */
  sent: { id: string; status: string }[];
  refused: { id: string; code: string }[];
  /** Left for the next sync: the gateway could not be reached. */
  pending: number;
}

interface Unsent {
  approvalId: string;
  paymentId: string;
  digest: string;
  credentialId: string;
  assertion: string;
  digestInputs: string;
}

/** A batch approval's sorted digests, read from the inputs it recorded (as pushPayments' batchOf sends them). */
function batchDigestsOf(digestInputs: string): { batch?: { digests: string[] } } {
  const inputs = JSON.parse(digestInputs) as { batch?: { payments?: { digest: string }[] } };
  const members = inputs.batch?.payments;
  return members === undefined ? {} : { batch: { digests: members.map((member) => member.digest).sort() } };
}

/** The stored evidence as the contract's approval; evidence that does not parse is APP_APPROVAL_TAMPERED (kept, never sent). */
function approvalOf(row: Unsent): PaymentApproval {
  let parsed: ReturnType<typeof PaymentApproval.safeParse> | undefined;
  try {
    parsed = PaymentApproval.safeParse({ credentialId: row.credentialId, assertion: JSON.parse(row.assertion) as unknown, ...batchDigestsOf(row.digestInputs) });
  } catch {
    parsed = undefined;
  }
  if (parsed?.success !== true) throw new CofferError('APP_APPROVAL_TAMPERED', `expected approval ${row.approvalId} with a stored assertion of the contract's shape, found one that is not`);
  return parsed.data;
}

/**
 * The approver's approvals travel: each approval by the vault's user of a payment received from the bank, with
 * its hardware-key assertion and not yet sent, goes to POST /v1/approvals at the digest it signed (a batch
 * approval with its batch's sorted digests). The gateway verifies it and accepts the payment once the rule is
 * met; its answer (pending or accepted, who approved) or its refusal code (SERVER_STALE_APPROVAL when the
 * maker changed the payment since) is kept, one transaction and `bank.send-approval` entry each. An approval
 * this vault voided (the maker changed or withdrew the payment before it left) never leaves: were the maker to
 * share the very same order again, the gateway would count it under the new share, while the approver's vault
 * shows it voided. Such a payment
 * never enters this vault's outbox: the maker's gateway entry is what the bank accepts.
 */
export async function pushApprovals(vault: UnlockedVault, connection: BankConnection, signer: GatewaySigner, now: () => Date): Promise<PushedApprovals> {
  const gateway = new URL(connection.gatewayUrl);
  const result: PushedApprovals = { sent: [], refused: [], pending: 0 };
  const unsent = vault.db
    .prepare(
      `SELECT a.id AS approvalId, a.payment_id AS paymentId, a.payment_digest AS digest, e.credential_id AS credentialId, e.assertion, e.digest_inputs AS digestInputs
         FROM approvals a
         JOIN received_payments r ON r.payment_id = a.payment_id
         JOIN approval_evidence e ON e.approval_id = a.id
         LEFT JOIN sent_approvals s ON s.approval_id = a.id
        WHERE a.user_id = ? AND s.approval_id IS NULL AND a.voided_at IS NULL
        ORDER BY a.created_at, a.id`,
    )
    .all(vault.userId) as Unsent[];
  for (const [index, row] of unsent.entries()) {
    let outcome: PostOutcome<PendingPaymentAnswer>;
    try {
      const submission: ApprovalSubmission = { paymentId: row.paymentId, digest: row.digest, approval: approvalOf(row) };
      outcome = await postForOutcome({ gateway, path: '/v1/approvals', signer, payload: submission }, PendingPaymentAnswer, "the gateway's answer to an approval");
    } catch (error) {
      // Evidence that does not parse is refused here, kept, and never sent (APP_APPROVAL_TAMPERED).
      if (!(error instanceof CofferError) || error.code !== 'APP_APPROVAL_TAMPERED') throw error;
      outcome = { code: error.code };
    }
    if ('unreachable' in outcome) {
      result.pending = unsent.length - index;
      break;
    }
    const refusal = 'code' in outcome ? outcome.code : null;
    const answer = 'answer' in outcome ? outcome.answer : undefined;
    const details = { approval: row.approvalId, digest: row.digest, ...(answer ? { status: answer.status, approvedBy: answer.approvedBy } : {}) };
    vault.transact({ action: 'bank.send-approval', target: row.paymentId, ...(refusal === null ? {} : { outcome: 'denied' as const, reason: refusal }), details }, (db) => {
      db.prepare('INSERT INTO sent_approvals (approval_id, payment_id, digest, sent_at, answer, refusal) VALUES (?, ?, ?, ?, ?, ?)').run(
        row.approvalId, row.paymentId, row.digest, now().toISOString(), answer === undefined ? null : JSON.stringify(answer), refusal,
      );
    });
    if (answer !== undefined) result.sent.push({ id: row.paymentId, status: answer.status });
    else result.refused.push({ id: row.paymentId, code: refusal ?? 'APP_INTERNAL' });
  }
  return result;
}
