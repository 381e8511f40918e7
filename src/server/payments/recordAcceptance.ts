import type { Transaction } from 'kysely';
import { canonicalJson, type PaymentApproval, type PaymentOrder } from '../../contract/index.js';
import type { JwsSigningKey } from '../../crypto/index.js';
import { appendGatewayAudit } from '../bank/appendGatewayAudit.js';
import { rfc3339 } from '../bank/rfc3339.js';
import type { StoreDialect } from '../store/storeDialect.js';
import type { GatewayDatabase, PaymentRow } from '../store/storeSchema.js';
import { appendPaymentStatus } from './appendPaymentStatus.js';

/** One approval as an accepted payment records it: who, with which key and counter, and whether it counted. */
export interface RecordedApproval {
  userId: string;
  credentialId: string;
  signCount: number;
  counted: boolean;
  assertion: PaymentApproval['assertion'];
  batchDigest?: string;
}

export interface AcceptedPayment {
  orgId: string;
  order: PaymentOrder;
  /** Payment digest, hex. */
  digest: string;
  /** Every approval that verified; the row keeps those that counted, the audit entry all of them. */
  approvals: readonly RecordedApproval[];
  /** The maker's device: the payment's device in `payments`, whichever device completed it. */
  makerDeviceId: string;
  now: number;
}

/** The `payments` row of an accepted payment: the same whether it came whole or was completed by relayed approvals. */
export function acceptedPaymentRow(accepted: AcceptedPayment): PaymentRow {
  const { order } = accepted;
  return {
    org_id: accepted.orgId,
    payment_id: order.id,
    digest: accepted.digest,
    debtor_iban: order.debtorIban,
    currency: order.currency,
    maker: order.createdBy,
    order_json: canonicalJson(order),
    approvals: JSON.stringify(accepted.approvals.filter((approval) => approval.counted)),
    device_id: accepted.makerDeviceId,
    accepted_at: accepted.now,
    emission_id: null,
    status: 'accepted',
    status_reason: null,
  };
}

/**
 * The first write of an acceptance, inside the caller's transaction: the pending row of this id (if the maker
 * shared it) is set `accepted` first, which on PostgreSQL locks it in the same order a relayed approval does
 * (pending row, then payment), so a submission and a relayed acceptance of one id never wait crosswise; then
 * the payment row, whose primary key decides between racing acceptances in any number of processes.
 */
export async function insertAcceptedPayment(trx: Transaction<GatewayDatabase>, row: PaymentRow): Promise<void> {
  await trx.updateTable('pending_payments').set({ status: 'accepted', updated_at: row.accepted_at }).where('org_id', '=', row.org_id).where('payment_id', '=', row.payment_id).execute();
  await trx.insertInto('payments').values(row).execute();
}

/**
 * The last writes of an acceptance, inside the caller's transaction: the bank's signed `accepted` report in the
 * status feed (every device of the organisation syncs it) and the `payment.accept` audit entry. `raised` names
 * the credentials whose counter this acceptance raised; `relayed` that approvals relayed between vaults
 * completed it rather than one submission.
 */
export async function reportAcceptance(
  trx: Transaction<GatewayDatabase>,
  dialect: StoreDialect,
  bankKey: JwsSigningKey,
  accepted: AcceptedPayment,
  audit: { actor: string; raised: ReadonlySet<string>; relayed: boolean },
): Promise<void> {
  const { order } = accepted;
  await appendPaymentStatus(trx, dialect, bankKey, { orgId: accepted.orgId, paymentId: order.id, digest: accepted.digest, status: 'accepted', at: rfc3339(accepted.now) }, accepted.now);
  await appendGatewayAudit(trx, dialect, {
    at: accepted.now,
    actor: audit.actor,
    action: 'payment.accept',
    orgId: accepted.orgId,
    details: {
      paymentId: order.id,
      digest: accepted.digest,
      maker: order.createdBy,
      ...(audit.relayed ? { completedBy: 'relayed-approvals' } : {}),
      approvals: accepted.approvals.map(({ userId, credentialId, signCount, counted, batchDigest }) => ({
        userId,
        credentialId,
        signCount,
        counted,
        // False for a batch assertion whose counter another payment of its batch raised.
        counterRaised: audit.raised.has(credentialId),
        ...(batchDigest ? { batchDigest } : {}),
      })),
    },
  });
}
