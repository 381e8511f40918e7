import type { Transaction } from 'kysely';
import type { GatewayStore } from '../store/openStore.js';
import type { GatewayDatabase } from '../store/storeSchema.js';
import { appendGatewayAudit } from './appendGatewayAudit.js';
import type { BankChange } from './applyBankChange.js';

/**
 * A staff action that does not change the organisation policy (an activation code, a device revoked):
 * the action and its audit entry in one transaction.
 */
export async function recordStaffAction<T>(store: GatewayStore, action: BankChange, apply: (trx: Transaction<GatewayDatabase>) => Promise<T>): Promise<{ result: T; auditSeq: number }> {
  return store.db.transaction().execute(async function recordInTransaction(trx) {
    const result = await apply(trx);
    const auditSeq = await appendGatewayAudit(trx, store.dialect, { at: action.now, actor: `staff:${action.staff}`, action: action.action, orgId: action.orgId, details: action.details });
    return { result, auditSeq };
  });
}
