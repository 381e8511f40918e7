import type { Kysely, Transaction } from 'kysely';
import { CofferError } from '../../contract/index.js';
import { sha256 } from '../../crypto/index.js';
import type { GatewayDatabase } from '../store/storeSchema.js';

/** An answer as sent: its status and JSON body. */
export interface StoredAnswer<T> {
  status: number;
  body: T;
}

/** SHA-256 over method, path and the body's bytes: what one Idempotency-Key may stand for. */
export function idempotencyRequestHash(method: string, path: string, body: Uint8Array): string {
  return sha256(Buffer.from(`${method.toUpperCase()} ${path}\n`, 'utf8'), body).toString('base64url');
}

/**
 * The answer stored under the device's Idempotency-Key, or undefined when the key is new. The same key
 * with another request is refused (draft-ietf-httpapi-idempotency-key-header §2.7: 422).
 */
export async function idempotentAnswer<T>(db: Kysely<GatewayDatabase>, deviceId: string, key: string, requestHash: string): Promise<StoredAnswer<T> | undefined> {
  const row = await db.selectFrom('idempotency_keys').select(['request_hash', 'status', 'answer']).where('device_id', '=', deviceId).where('key', '=', key).executeTakeFirst();
  if (!row) return undefined;
  if (row.request_hash !== requestHash) throw new CofferError('SERVER_IDEMPOTENCY_KEY_REUSED', 'expected a new Idempotency-Key for a new request, found one this device used for another request');
  return { status: row.status, body: JSON.parse(row.answer) as T };
}

/** Stores the answer under the key in the caller's transaction, so it commits with the write it answers. */
export async function storeIdempotentAnswer(trx: Transaction<GatewayDatabase>, deviceId: string, key: string, requestHash: string, answer: StoredAnswer<unknown>, now: number): Promise<void> {
  await trx
    .insertInto('idempotency_keys')
    .values({ device_id: deviceId, key, request_hash: requestHash, status: answer.status, answer: JSON.stringify(answer.body), created_at: now })
    .execute();
}
