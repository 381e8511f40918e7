import { sql, type Transaction } from 'kysely';
import { canonicalJson } from '../../contract/index.js';
import { sha256 } from '../../crypto/index.js';
import type { StoreDialect } from '../store/storeDialect.js';
import type { GatewayDatabase } from '../store/storeSchema.js';

/** Domain tag of the audit chain's hashes, so they cannot be confused with any other digest of ours. */
export const GATEWAY_AUDIT_HASH_TAG = 'coffer/gateway-audit/v1';

export interface GatewayAuditEvent {
  at: number;
  /** Who acted: `staff:<name>` for bank staff at the CLI, `device:<id>` for an enrolled device. */
  actor: string;
  action: string;
  orgId: string | null;
  details: Record<string, unknown>;
}

/** SHA-256(tag ‖ 0 ‖ previous hash ‖ canonical JSON of the entry), base64url. */
export function gatewayAuditHash(previousHash: string, seq: number, event: GatewayAuditEvent): string {
  const body = canonicalJson({ seq, at: event.at, actor: event.actor, action: event.action, orgId: event.orgId, details: event.details });
  const encoder = new TextEncoder();
  return sha256(encoder.encode(GATEWAY_AUDIT_HASH_TAG), new Uint8Array([0]), encoder.encode(previousHash), encoder.encode(body)).toString('base64url');
}

/**
 * Appends one entry to the gateway's audit log inside the caller's transaction, so the entry commits with
 * the change it records or not at all. The table refuses UPDATE and DELETE (migration 0001); each entry's
 * hash covers the previous one, so a row rewritten by someone with DDL rights breaks the chain.
 */
export async function appendGatewayAudit(trx: Transaction<GatewayDatabase>, dialect: StoreDialect, event: GatewayAuditEvent): Promise<number> {
  // Appenders in several processes queue here on PostgreSQL; SQLite has one writer at a time anyway.
  if (dialect === 'postgres') await sql`LOCK TABLE gateway_audit IN SHARE ROW EXCLUSIVE MODE`.execute(trx);
  const last = await trx.selectFrom('gateway_audit').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
  const seq = last ? last.seq + 1 : 0;
  const hash = gatewayAuditHash(last?.hash ?? '', seq, event);
  await trx
    .insertInto('gateway_audit')
    .values({ seq, at: event.at, actor: event.actor, action: event.action, org_id: event.orgId, details: canonicalJson(event.details), hash })
    .execute();
  return seq;
}
