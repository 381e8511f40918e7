import { sql, type Transaction } from 'kysely';
import type { GatewayStore } from '../store/openStore.js';
import type { GatewayDatabase } from '../store/storeSchema.js';
import { appendGatewayAudit } from './appendGatewayAudit.js';
import { loadBankKey } from './bankKey.js';
import { issueOrgPolicy, type IssuedPolicy } from './issueOrgPolicy.js';

export interface BankChange {
  /** Bank staff member making the change, recorded in the audit log. */
  staff: string;
  action: string;
  orgId: string;
  /** What changed, as recorded in the audit log (never a secret: no activation code, no key). */
  details: Record<string, unknown>;
  now: number;
}

export interface AppliedBankChange<T> {
  result: T;
  policy: IssuedPolicy;
  auditSeq: number;
}

/**
 * One change by bank staff, all or nothing: the change itself, the organisation policy re-issued and
 * signed by the bank key, and the audit entry, in one transaction. Changes to one organisation from
 * several processes queue on the organisation's row (PostgreSQL) so versions never collide.
 */
export async function applyBankChange<T>(
  store: GatewayStore,
  change: BankChange,
  apply: (trx: Transaction<GatewayDatabase>) => Promise<T>,
): Promise<AppliedBankChange<T>> {
  const bankKey = await loadBankKey(store.db, change.now);
  return store.db.transaction().execute(async function applyInTransaction(trx) {
    const result = await apply(trx);
    if (store.dialect === 'postgres') await sql`SELECT id FROM organisations WHERE id = ${change.orgId} FOR UPDATE`.execute(trx);
    const policy = await issueOrgPolicy(trx, change.orgId, bankKey.signingKey, change.now);
    const auditSeq = await appendGatewayAudit(trx, store.dialect, {
      at: change.now,
      actor: `staff:${change.staff}`,
      action: change.action,
      orgId: change.orgId,
      details: { ...change.details, policyVersion: policy.version },
    });
    return { result, policy, auditSeq };
  });
}
