import { PendingPaymentAnswer, type PendingPaymentSubmission } from '../../contract/index.js';
import { paymentDigest } from '../../domain/index.js';
import type { UnlockedVault } from '../../vault/index.js';
import { requirePayment } from '../commands/records/paymentRecords.js';
import type { BankConnection } from './bankConnection.js';
import { postForOutcome, type GatewaySigner } from './gatewayRequest.js';
import { heldStatement, holdStatement, signPendingStatement, type HeldStatement } from './pendingStatement.js';
import { orderOf } from './pushPayments.js';

export interface SharedPayments {
  /** Payments shared (again) for approval at their current digest. */
  shared: string[];
  /** Shared payments the maker edited back to a draft or cancelled since, now withdrawn at the gateway. */
  withdrawn: string[];
  refused: { id: string; code: string }[];
  /** Left for the next sync: the gateway could not be reached. */
  pending: number;
}

interface ToShare {
  id: string;
  status: 'pending' | 'withdrawn';
}

/**
 * What to tell the gateway: the user's own payments pending approval not yet shared at their current digest
 * (never shared, edited since, or withdrawn before), then those shared as pending that the maker since edited
 * back to a draft or cancelled.
 */
function toShare(vault: UnlockedVault): ToShare[] {
  const pending = vault.db
    .prepare(
      `SELECT p.id, s.digest, s.status FROM payments p LEFT JOIN shared_payments s ON s.payment_id = p.id
        WHERE p.status = 'pending_approval' AND p.created_by = ? ORDER BY p.created_at, p.id`,
    )
    .all(vault.userId) as { id: string; digest: string | null; status: string | null }[];
  const changed = pending.filter((row) => row.status !== 'pending' || row.digest !== paymentDigest(requirePayment(vault.db, row.id).payment).toString('hex'));
  // Ensure an order the maker changed away (edited back to a draft) or cancelled is no longer approvable at the gateway.
  const takenBack = vault.db
    .prepare(
      `SELECT p.id FROM payments p JOIN shared_payments s ON s.payment_id = p.id
        WHERE p.status IN ('draft', 'cancelled') AND s.status = 'pending' AND s.refusal IS NULL AND p.created_by = ? ORDER BY p.created_at, p.id`,
    )
    .pluck()
    .all(vault.userId) as string[];
  return [...changed.map((row) => ({ id: row.id, status: 'pending' as const })), ...takenBack.map((id) => ({ id, status: 'withdrawn' as const }))];
}

/**
 * The statement to sign for a payment now: the one signed before when it says the same (its answer never came,
 * so this is an exact retry the gateway answers as held), else the next sequence, kept in its own transaction
 * (`bank.sign-share`) before the signature leaves the vault. So no two statements of one payment ever share a
 * sequence, whatever answers are lost or wherever the process stops, and an approver's vault can order them all.
 */
function statementToSign(vault: UnlockedVault, id: string, wanted: Omit<HeldStatement, 'sequence'>, now: Date): HeldStatement {
  const held = heldStatement(vault.db, id);
  if (held !== undefined && held.digest === wanted.digest && held.status === wanted.status) return held;
  const next = { ...wanted, sequence: (held?.sequence ?? 0) + 1 };
  vault.transact({ action: 'bank.sign-share', target: id, details: { ...next } }, (db) => holdStatement(db, id, next, now));
  return next;
}

/**
 * The maker's side of approvals between vaults: each own payment pending approval that the gateway has not
 * seen at its current digest goes to POST /v1/pending-payments, signed by the device key over the
 * PendingPaymentStatement with the payment's next sequence (statementToSign), and each shared one the maker
 * edited back to a draft or cancelled since goes as withdrawn (a draft submitted again is then shared as pending
 * at its new digest, which re-opens it). One transaction and one `bank.share-payment` entry each (id, digest,
 * status, sequence, the gateway's answer; no amount or name); a coded refusal is kept with its code, and the
 * payment is shared again only once its digest changes. A withdrawal answered `accepted` (the gateway accepted
 * it first) is a `denied` entry APP_ACCEPTED_BEFORE_WITHDRAWAL. An unreachable gateway stops the step: the rest
 * waits for the next sync, and a repeated share (same sequence, so the same signed bytes) is idempotent at the gateway.
 */
export async function sharePayments(vault: UnlockedVault, connection: BankConnection, signer: GatewaySigner, now: () => Date): Promise<SharedPayments> {
  const gateway = new URL(connection.gatewayUrl);
  const result: SharedPayments = { shared: [], withdrawn: [], refused: [], pending: 0 };
  const rows = toShare(vault);
  for (const [index, { id, status }] of rows.entries()) {
    const { payment } = requirePayment(vault.db, id);
    const digest = paymentDigest(payment).toString('hex');
    const { sequence } = statementToSign(vault, id, { digest, status }, now());
    const makerSignature = signPendingStatement(signer.seed, { orgId: connection.orgId, paymentId: id, digest, status, sequence });
    const submission: PendingPaymentSubmission = { payment: orderOf(payment), status, sequence, makerSignature };
    const details = { digest, status, sequence };
    const outcome = await postForOutcome({ gateway, path: '/v1/pending-payments', signer, payload: submission }, PendingPaymentAnswer, "the gateway's answer to a pending payment");
    if ('unreachable' in outcome) {
      result.pending = rows.length - index;
      break;
    }
    const refusal = 'code' in outcome ? outcome.code : null;
    const answer = 'answer' in outcome ? JSON.stringify(outcome.answer) : null;
    // The gateway accepted it on approvals in other vaults before the withdrawal arrived: the bank will execute
    // it, whatever this vault shows. Said as what it is, never as a withdrawal that took.
    const acceptedBefore = status === 'withdrawn' && 'answer' in outcome && outcome.answer.status === 'accepted';
    const denial = refusal ?? (acceptedBefore ? 'APP_ACCEPTED_BEFORE_WITHDRAWAL' : null);
    const answered: Record<string, string | string[]> = 'answer' in outcome ? { answer: outcome.answer.status, approvedBy: outcome.answer.approvedBy } : {};
    vault.transact(
      { action: 'bank.share-payment', target: id, ...(denial === null ? {} : { outcome: 'denied' as const, reason: denial }), details: { ...details, ...answered } },
      (db) => {
        db.prepare(
          `INSERT INTO shared_payments (payment_id, digest, status, answer, refusal, shared_at) VALUES (?, ?, ?, ?, ?, ?)
           ON CONFLICT (payment_id) DO UPDATE SET digest = excluded.digest, status = excluded.status, answer = excluded.answer, refusal = excluded.refusal, shared_at = excluded.shared_at`,
        ).run(id, digest, status, answer, refusal, now().toISOString());
      },
    );
    if (denial !== null) result.refused.push({ id, code: denial });
    else (status === 'pending' ? result.shared : result.withdrawn).push(id);
  }
  return result;
}
