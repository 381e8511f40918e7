import type { Kysely } from 'kysely';
import { CofferError } from '../../contract/index.js';
import { constantTimeEqual } from '../../crypto/index.js';
import type { GatewayDatabase } from '../store/storeSchema.js';
import { gatewayAuditHash } from './appendGatewayAudit.js';

/** Recomputes the audit chain from the first entry; returns the number of entries, or throws at the first break. */
export async function verifyGatewayAudit(db: Kysely<GatewayDatabase>): Promise<number> {
  const rows = await db.selectFrom('gateway_audit').selectAll().orderBy('seq').execute();
  let previous = '';
  for (const [index, row] of rows.entries()) {
    // Ensure the entries are numbered 0..n-1: a deleted row leaves a gap.
    if (row.seq !== index) throw new CofferError('AUDIT_OUT_OF_ORDER', `expected gateway audit entry ${index}, found ${row.seq}`);
    const details = JSON.parse(row.details) as Record<string, unknown>;
    const expected = gatewayAuditHash(previous, row.seq, { at: row.at, actor: row.actor, action: row.action, orgId: row.org_id, details });
    if (!constantTimeEqual(Buffer.from(expected), Buffer.from(row.hash))) {
      throw new CofferError('AUDIT_ROOT_MISMATCH', `gateway audit entry ${row.seq} does not match its hash: the entry or one before it was changed`);
    }
    previous = row.hash;
  }
  return rows.length;
}
