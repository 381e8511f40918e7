import type { Kysely } from 'kysely';
import { generateJwsKeyPair, jwsVerificationKeyFor, type JwsKeyPair, type JwsVerificationKey } from '../../crypto/index.js';
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
  const signingKey = { alg: 'EdDSA' as const, privateKey: Buffer.from(existing.private_key, 'base64url') };
  // The public key is derived from the private one, never read from its column, but once per process and
  // stored key: every accepted payment loads the key to sign its status report.
  if (derived?.privateKeyText !== existing.private_key) derived = { privateKeyText: existing.private_key, verificationKey: jwsVerificationKeyFor(signingKey) };
  return { signingKey, verificationKey: derived.verificationKey };
}

let derived: { privateKeyText: string; verificationKey: JwsVerificationKey } | undefined;

/** The bank's public key as the app receives it. */
export function bankKeyText(key: JwsVerificationKey): { alg: 'EdDSA' | 'ES256'; publicKey: string } {
  return { alg: key.alg, publicKey: Buffer.from(key.publicKey).toString('base64url') };
}
