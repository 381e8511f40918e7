import { z } from 'zod';
import { CofferError, GatewayPaymentStatus, type PaymentOrder } from '../../contract/index.js';
import { formatAmount, parseCurrency } from '../../domain/index.js';
import { OrgIdText, parseBankInput } from '../bank/bankInputs.js';
import { rfc3339 } from '../bank/rfc3339.js';
import type { GatewayStore } from '../store/openStore.js';

export const ListPaymentsInput = z.strictObject({ orgId: OrgIdText, status: GatewayPaymentStatus.optional() });
export type ListPaymentsInput = z.infer<typeof ListPaymentsInput>;

/** One payment as bank staff see it before marking it. */
export interface ListedPayment {
  paymentId: string;
  status: string;
  reason: string | null;
  amountMinor: number;
  currency: string;
  /** The amount for people: "1,234.56". */
  amount: string;
  creditorName: string;
  creditorIban: string;
  maker: string;
  acceptedAt: string;
  /** The pain.001 MsgId it left in, or null while it waits for an export. */
  emission: string | null;
}

/**
 * `coffer server payments list`: the organisation's payments the gateway accepted, oldest first, optionally of
 * one status: what staff read to find the payment the bank's core reported on, before `payments mark`.
 */
export async function listPayments(store: GatewayStore, input: ListPaymentsInput): Promise<ListedPayment[]> {
  const query = parseBankInput(ListPaymentsInput, input);
  const org = await store.db.selectFrom('organisations').select('id').where('id', '=', query.orgId).executeTakeFirst();
  if (!org) throw new CofferError('SERVER_NOT_FOUND', `expected an organisation ${JSON.stringify(query.orgId)}, found none`);
  let select = store.db
    .selectFrom('payments')
    .select(['payment_id', 'status', 'status_reason', 'order_json', 'maker', 'accepted_at', 'emission_id'])
    .where('org_id', '=', query.orgId)
    .orderBy('accepted_at')
    .orderBy('payment_id');
  if (query.status) select = select.where('status', '=', query.status);
  const rows = await select.execute();
  return rows.map((row) => {
    const order = JSON.parse(row.order_json) as PaymentOrder;
    return {
      paymentId: row.payment_id,
      status: row.status,
      reason: row.status_reason,
      amountMinor: order.amountMinor,
      currency: order.currency,
      amount: formatAmount(order.amountMinor, parseCurrency(order.currency), { grouping: true }),
      creditorName: order.creditor.name,
      creditorIban: order.creditor.iban,
      maker: row.maker,
      acceptedAt: rfc3339(row.accepted_at),
      emission: row.emission_id,
    };
  });
}
