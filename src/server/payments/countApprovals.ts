import type { Transaction } from 'kysely';
import { CofferError } from '../../contract/index.js';
import type { GatewayDatabase } from '../store/storeSchema.js';
import type { VerifiedApproval } from './verifyApproval.js';

/**
 * Inside the accepting transaction: each approval's counter raised only if still below (an assertion used by
 * a racing request in any process counts once), in credential-id order so two payments approved by the same
 * keys never wait on each other's rows crosswise. A batch assertion is recorded first: the first payment of
 * its batch to commit raises the counter, and every other payment of the list (the primary key tells, even
 * when they race through several processes) leaves the counter as it is. Answers the credentials whose counter
 * this payment raised.
 */
export async function countApprovals(trx: Transaction<GatewayDatabase>, approvals: readonly VerifiedApproval[], context: { orgId: string; paymentId: string; now: number }): Promise<Set<string>> {
  const raised = new Set<string>();
  for (const approval of [...approvals].sort((a, b) => (a.credentialId < b.credentialId ? -1 : 1))) {
    if (approval.batch) {
      const recorded = await trx
        .insertInto('batch_assertions')
        .values({
          credential_id: approval.credentialId,
          batch_digest: approval.batch.digest,
          assertion_hash: approval.assertionHash,
          sign_count: approval.signCount,
          org_id: context.orgId,
          digests: JSON.stringify(approval.batch.digests),
          payment_id: context.paymentId,
          created_at: context.now,
        })
        .onConflict((oc) => oc.columns(['credential_id', 'batch_digest', 'assertion_hash']).doNothing())
        .executeTakeFirst();
      // Counted already, for another payment of this batch: its counter was raised then.
      if (recorded.numInsertedOrUpdatedRows === 0n) continue;
    }
    const raise = trx.updateTable('credentials').set({ sign_count: approval.signCount }).where('id', '=', approval.credentialId);
    // Ensure the counter is still below: an assertion used by a racing request (any process) counts once.
    const result = await (approval.signCount > 0 ? raise.where('sign_count', '<', approval.signCount) : raise.where('sign_count', '=', 0)).executeTakeFirst();
    if (result.numUpdatedRows !== 1n) {
      throw new CofferError('SERVER_CREDENTIAL_CLONED', `credential ${approval.credentialId} signed with counter ${approval.signCount}, which another request used first`);
    }
    raised.add(approval.credentialId);
  }
  return raised;
}
