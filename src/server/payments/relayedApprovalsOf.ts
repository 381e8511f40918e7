import type { Kysely } from 'kysely';
import type { PaymentApproval, RelayedApproval } from '../../contract/index.js';
import type { GatewayDatabase } from '../store/storeSchema.js';

/** A payment's share whose relayed approvals a feed passes on, and (optionally) the only users to pass on. */
export interface ShareOfPayment {
  paymentId: string;
  shareVersion: number;
  users?: ReadonlySet<string>;
}

/**
 * The approvals relayed under each share, as their approvers' devices sent them (the digest and the approval of
 * the ApprovalSubmission) with the user the gateway verified them for, by payment id, oldest first. What another
 * vault needs to verify each one itself against the bank-signed policy; nothing here is the gateway's word.
 */
export async function relayedApprovalsOf(db: Kysely<GatewayDatabase>, orgId: string, shares: readonly ShareOfPayment[]): Promise<Map<string, RelayedApproval[]>> {
  const byPayment = new Map<string, RelayedApproval[]>();
  if (shares.length === 0) return byPayment;
  const wanted = new Map(shares.map((share) => [share.paymentId, share]));
  const rows = await db
    .selectFrom('relayed_approvals')
    .select(['payment_id', 'share_version', 'user_id', 'digest', 'credential_id', 'assertion', 'batch_digests'])
    .where('org_id', '=', orgId)
    .where('payment_id', 'in', [...wanted.keys()])
    .orderBy('received_at')
    .orderBy('user_id')
    .execute();
  for (const row of rows) {
    const share = wanted.get(row.payment_id);
    if (share === undefined || row.share_version !== share.shareVersion || (share.users !== undefined && !share.users.has(row.user_id))) continue;
    const approval: PaymentApproval = {
      credentialId: row.credential_id,
      assertion: JSON.parse(row.assertion) as PaymentApproval['assertion'],
      ...(row.batch_digests === null ? {} : { batch: { digests: JSON.parse(row.batch_digests) as string[] } }),
    };
    const relayed = byPayment.get(row.payment_id) ?? [];
    relayed.push({ userId: row.user_id, digest: row.digest, approval });
    byPayment.set(row.payment_id, relayed);
  }
  return byPayment;
}
