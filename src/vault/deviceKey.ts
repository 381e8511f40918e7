import { auditOrigin, formatVerifierKey, type NoteSigner } from '../audit/index.js';
import { generateEd25519KeyPair, randomId } from '../crypto/index.js';
import type { VaultDatabase } from './database.js';
import { readVaultMeta, writeVaultMeta } from './vaultMeta.js';

const AUDIT_KEY_PURPOSE = 'audit-checkpoints';

export interface DeviceIdentity {
  deviceId: string;
  /** The log's name, also the note key name: one origin per vault. */
  origin: string;
  signer: NoteSigner;
  verifierKey: string;
}

/**
 * The device's Ed25519 checkpoint key and id, created on first use. The seed is stored only inside the
 * encrypted database: whoever has the data key can sign, which is why the bank witness exists.
 */
export function ensureDeviceIdentity(db: VaultDatabase, vaultId: string): DeviceIdentity {
  const origin = auditOrigin(vaultId);
  return db.transaction(() => {
    let deviceId = readVaultMeta(db, 'device_id');
    if (!deviceId) {
      deviceId = randomId();
      writeVaultMeta(db, 'device_id', deviceId);
    }
    let row = db.prepare('SELECT name, seed, public_key FROM device_keys WHERE purpose = ?').get(AUDIT_KEY_PURPOSE) as
      | { name: string; seed: Buffer; public_key: Buffer }
      | undefined;
    if (!row) {
      const pair = generateEd25519KeyPair();
      row = { name: origin, seed: pair.seed, public_key: pair.publicKey };
      db.prepare('INSERT INTO device_keys (purpose, name, seed, public_key, created_at) VALUES (?, ?, ?, ?, ?)').run(
        AUDIT_KEY_PURPOSE,
        row.name,
        row.seed,
        row.public_key,
        new Date().toISOString(),
      );
    }
    return {
      deviceId,
      origin,
      signer: { name: row.name, seed: row.seed },
      verifierKey: formatVerifierKey(row.name, row.public_key),
    };
  })();
}
