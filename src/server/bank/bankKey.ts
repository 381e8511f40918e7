import type { Kysely } from 'kysely';
import { generateJwsKeyPair, jwsVerificationKeyFor, preparedJwsSigningKey, type JwsKeyPair, type JwsVerificationKey } from '../../crypto/index.js';
import type { GatewayDatabase } from '../store/storeSchema.js';

const BANK_KEY_ID = 'bank';

/**
 * The bank's signing key (Ed25519), generated at first use and kept in the store. Two processes that
 * start together both try to insert one; the primary key keeps the first and both then read it back.
 * It signs organisation policies and device certificates; an HSM-held key replaces it in a later phase.
 */
export async function loadBankKey(db: Kysely<GatewayDatabase>, now: number): Promise<JwsKeyPair> {
  const existing = await db.selectFrom('bank_keys').selectAll().where('id', '=', BANK_KEY_ID).executeTakeFirst();
  if (!existing) {
    const fresh = generateJwsKeyPair('EdDSA');
    await db
      .insertInto('bank_keys')
      .values({
        id: BANK_KEY_ID,
        alg: fresh.signingKey.alg,
        private_key: Buffer.from(fresh.signingKey.privateKey).toString('base64url'),
        public_key: Buffer.from(fresh.verificationKey.publicKey).toString('base64url'),
        created_at: now,
      })
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
    return loadBankKey(db, now);
  }
  // Read from the store every time (it is the one source), but imported, and its public half derived from
  // it (never read from its column), once per process and stored key: every accepted payment signs a status
  // report with it, and the import and derivation cost more than the signature.
  if (prepared?.privateKeyText !== existing.private_key) {
    const signingKey = preparedJwsSigningKey({ alg: 'EdDSA', privateKey: Buffer.from(existing.private_key, 'base64url') });
    prepared = { privateKeyText: existing.private_key, pair: { signingKey, verificationKey: jwsVerificationKeyFor(signingKey) } };
  }
  return prepared.pair;
}

let prepared: { privateKeyText: string; pair: JwsKeyPair } | undefined;

/** The bank's public key as the app receives it. */
export function bankKeyText(key: JwsVerificationKey): { alg: 'EdDSA' | 'ES256'; publicKey: string } {
  return { alg: key.alg, publicKey: Buffer.from(key.publicKey).toString('base64url') };
}
