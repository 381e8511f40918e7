import type { Kysely } from 'kysely';
import type { NoteSigner } from '../../audit/index.js';
import { generateEd25519KeyPair } from '../../crypto/index.js';
import type { GatewayDatabase } from '../store/storeSchema.js';

const WITNESS_KEY_ID = 'witness';
/** Marks the row as a raw Ed25519 seed for cosignatures, not a JWS key. */
const WITNESS_KEY_ALG = 'Ed25519-cosignature';

/** The name a witness cosigns under when the gateway is not told another: a schema-less URL, as C2SP suggests. */
export const DEFAULT_WITNESS_NAME = 'bank.example/witness';

export interface WitnessKey {
  signer: NoteSigner;
  publicKey: Buffer;
}

/**
 * The witness's Ed25519 cosigning key, generated at first use and kept in the store beside the bank key,
 * under its own id: C2SP asks a witness to use a key of its own, and the bank key signs JWS documents.
 * Two processes starting together both try to insert it; the primary key keeps one and both read it back.
 */
export async function loadWitnessKey(db: Kysely<GatewayDatabase>, name: string, now: number): Promise<WitnessKey> {
  const existing = await db.selectFrom('bank_keys').selectAll().where('id', '=', WITNESS_KEY_ID).executeTakeFirst();
  if (!existing) {
    const fresh = generateEd25519KeyPair();
    await db
      .insertInto('bank_keys')
      .values({ id: WITNESS_KEY_ID, alg: WITNESS_KEY_ALG, private_key: fresh.seed.toString('base64url'), public_key: fresh.publicKey.toString('base64url'), created_at: now })
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
    return loadWitnessKey(db, name, now);
  }
  return { signer: { name, seed: Buffer.from(existing.private_key, 'base64url') }, publicKey: Buffer.from(existing.public_key, 'base64url') };
}
