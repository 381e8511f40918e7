import { CofferError, PaymentAnswer, PaymentApproval, type PaymentOrder } from '../../contract/index.js';
import { randomBytes } from '../../crypto/index.js';
import { transitionPayment, type Payment } from '../../domain/index.js';
import type { UnlockedVault, VaultDatabase } from '../../vault/index.js';
import { requirePayment, updatePayment } from '../commands/records/paymentRecords.js';
import { verifyApprovals, type ApprovalProof } from '../keys/verifyApprovals.js';
import type { PolicyState } from '../policy/verifyCachedOrgPolicy.js';
import type { BankConnection } from './bankConnection.js';
import { gatewayRequest, parseAnswer, refusalOf, type GatewaySigner } from './gatewayRequest.js';

/** Tries per payment and sync before it waits for the next sync; the waits between them double from `firstDelayMs`. */
export const SEND_ATTEMPTS = 3;
export const FIRST_RETRY_DELAY_MS = 250;

export interface PushedPayments {
  sent: number;
  accepted: string[];
  refused: { id: string; code: string }[];
  /** Sent but unanswered (the gateway unreachable or failing): sent again, with the same key, at the next sync. */
  pending: string[];
}

export interface PushOptions {
  firstDelayMs?: number;
  now: () => Date;
}

/** The order as the bank sees it: the payment without its status, version and time of creation. */
export function orderOf(payment: Payment): PaymentOrder {
  const { id, debtorIban, creditor, amountMinor, currency, remittanceInfo, executionDate, expiresAt, createdBy } = payment;
  return { id, debtorIban, creditor: { ...creditor }, amountMinor, currency, remittanceInfo, executionDate, expiresAt, createdBy };
}

/**
 * Puts the user's approved payments into the outbox: each moves approved → queued → submitted with a fresh
 * Idempotency-Key, in one transaction with its `bank.submit` entry, before anything is sent. From then on it
 * can no longer be cancelled or edited here, and every send of it carries that key: the bank executes it once
 * however often it is sent.
 */
function queueApproved(vault: UnlockedVault, userId: string, now: Date): void {
  const ids = vault.db.prepare("SELECT id FROM payments WHERE status = 'approved' AND created_by = ? ORDER BY created_at, id").pluck().all(userId) as string[];
  for (const id of ids) {
    vault.transact({ action: 'bank.submit', target: id }, (db) => {
      const { payment, accountId } = requirePayment(db, id);
      const queued = transitionPayment(payment, 'queued');
      updatePayment(db, queued, accountId, payment.version, now);
      updatePayment(db, transitionPayment(queued, 'submitted'), accountId, queued.version, now);
      db.prepare('INSERT INTO payment_outbox (payment_id, idempotency_key, queued_at) VALUES (?, ?, ?)').run(id, randomBytes(24).toString('base64url'), now.toISOString());
    });
  }
}

interface OutboxRow {
  paymentId: string;
  idempotencyKey: string;
  attempts: number;
}

function unanswered(db: VaultDatabase): OutboxRow[] {
  return db
    .prepare('SELECT payment_id AS paymentId, idempotency_key AS idempotencyKey, attempts FROM payment_outbox WHERE answered_at IS NULL ORDER BY queued_at, payment_id')
    .all() as OutboxRow[];
}

/** Records the bank's answer: accepted or refused with its code, with the payment's final status. */
function recordAnswer(vault: UnlockedVault, row: OutboxRow, status: number, answer: { accepted: true; body: PaymentAnswer } | { accepted: false; code: string }, now: Date): void {
  const details: Record<string, string | string[]> = answer.accepted ? { answer: 'accepted', digest: answer.body.digest, approvedBy: answer.body.approvedBy } : { answer: 'refused', code: answer.code };
  vault.transact({ action: 'bank.payment', target: row.paymentId, details: { ...details, attempts: row.attempts + 1 } }, (db) => {
    const { payment, accountId } = requirePayment(db, row.paymentId);
    // The bank's signed status report may have come first (the answer was lost, the feed was not): it stands.
    if (payment.status === 'submitted') updatePayment(db, transitionPayment(payment, answer.accepted ? 'accepted' : 'rejected'), accountId, payment.version, now);
    db.prepare('UPDATE payment_outbox SET attempts = attempts + 1, answered_at = ?, answer_status = ?, answer = ? WHERE payment_id = ?').run(
      now.toISOString(), status, JSON.stringify(answer.accepted ? answer.body : { code: answer.code }), row.paymentId,
    );
  });
}

function recordRetry(vault: UnlockedVault, row: OutboxRow, error: CofferError): void {
  vault.transact({ action: 'bank.payment-retry', target: row.paymentId, details: { code: error.code, attempts: row.attempts + 1 } }, (db) => {
    db.prepare('UPDATE payment_outbox SET attempts = attempts + 1, last_error = ? WHERE payment_id = ?').run(error.code, row.paymentId);
  });
  row.attempts += 1;
}

/**
 * A batch approval's assertion signed the batch digest: the gateway re-derives it from `batch.digests`, the
 * digests of every payment of the batch (docs/signing.md "Batch approvals"), sorted as the batch digest hashes
 * them and as the approval recorded them.
 */
function batchOf(proof: ApprovalProof): { batch?: { digests: string[] } } {
  const { inputs } = proof.challenge;
  return inputs.kind === 'batch' ? { batch: { digests: inputs.payments.map((member) => member.digest).sort() } } : {};
}

const delay = (ms: number) => new Promise((done) => setTimeout(done, ms));

/**
 * Sends the outbox: each unanswered payment with its approvals (those whose stored assertions still verify,
 * a batch approval with its batch's digests) and its Idempotency-Key to POST /v1/payments. A 201, or a 409 with the stored answer, is acceptance; a
 * coded refusal rejects the payment with the bank's code; a network error or 5xx is retried with back-off,
 * then left for the next sync. Nothing is sent under a policy that is not valid.
 */
export async function pushPayments(vault: UnlockedVault, connection: BankConnection, signer: GatewaySigner, policy: PolicyState, options: PushOptions): Promise<PushedPayments> {
  const pushed: PushedPayments = { sent: 0, accepted: [], refused: [], pending: [] };
  if (policy.status !== 'valid') return { ...pushed, pending: unanswered(vault.db).map((row) => row.paymentId) };
  queueApproved(vault, vault.userId, options.now());
  const gateway = new URL(connection.gatewayUrl);
  let reachable = true;
  for (const row of unanswered(vault.db)) {
    if (!reachable) {
      pushed.pending.push(row.paymentId);
      continue;
    }
    const { payment } = requirePayment(vault.db, row.paymentId);
    const { proofs } = await verifyApprovals(vault, policy, payment);
    const approvals = proofs.map((proof) => PaymentApproval.parse({ credentialId: proof.credential.id, assertion: proof.assertion, ...batchOf(proof) }));
    const body = new TextEncoder().encode(JSON.stringify({ payment: orderOf(payment), approvals }));
    for (let attempt = 0; ; attempt += 1) {
      try {
        pushed.sent += 1;
        const answer = await gatewayRequest({ gateway, method: 'POST', path: '/v1/payments', signer, body, contentType: 'application/json', headers: { 'idempotency-key': row.idempotencyKey } }, [409]);
        // 201 accepted now; 409 with the stored answer: accepted before (this send repeats an earlier one).
        const accepted = answer.status === 201 || PaymentAnswer.safeParse(safeJson(answer.text)).success;
        if (accepted) {
          recordAnswer(vault, row, answer.status, { accepted: true, body: parseAnswer(answer, PaymentAnswer, "the bank's acceptance") }, options.now());
          pushed.accepted.push(row.paymentId);
        } else {
          const refusal = refusalOf(answer.status, answer.text);
          recordAnswer(vault, row, answer.status, { accepted: false, code: refusal.code }, options.now());
          pushed.refused.push({ id: row.paymentId, code: refusal.code });
        }
        break;
      } catch (error) {
        if (!(error instanceof CofferError)) throw error;
        if (error.code !== 'APP_GATEWAY_UNREACHABLE') {
          // A coded refusal: the bank has decided; an answer we cannot read is kept for the next sync.
          if (error.code === 'APP_BAD_GATEWAY_ANSWER') throw error;
          recordAnswer(vault, row, 0, { accepted: false, code: error.code }, options.now());
          pushed.refused.push({ id: row.paymentId, code: error.code });
          break;
        }
        recordRetry(vault, row, error);
        if (attempt + 1 >= SEND_ATTEMPTS) {
          pushed.pending.push(row.paymentId);
          reachable = false;
          break;
        }
        await delay((options.firstDelayMs ?? FIRST_RETRY_DELAY_MS) * 2 ** attempt);
      }
    }
  }
  return pushed;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
