import { CofferError, type BankKeyText } from '../../contract/index.js';
import type { JwsVerificationKey } from '../../crypto/index.js';
import type { VaultDatabase } from '../../vault/index.js';
import { BANK_VERIFICATION_KEY } from '../policy/bankTrustAnchor.js';
import type { GatewaySigner } from './gatewayRequest.js';

/** The bank_connection row (migration 7): what enrolment learnt. Not verified: see checkDeviceCertificate. */
export interface BankConnection {
  gatewayUrl: string;
  deviceId: string;
  orgId: string;
  userId: string;
  bankKey: BankKeyText;
  deviceCertificate: string;
  witnessName: string;
  /** base64, as GET /v1/witness publishes it. */
  witnessKey: string;
  enrolledAt: string;
}

interface Row {
  gateway_url: string;
  device_id: string;
  org_id: string;
  user_id: string;
  bank_key_alg: string;
  bank_key: string;
  device_certificate: string;
  witness_name: string;
  witness_key: string;
  enrolled_at: string;
}

/** The vault's link to its bank, or undefined when it was never enrolled (a fresh or a demo vault). */
export function readBankConnection(db: VaultDatabase): BankConnection | undefined {
  const row = db.prepare('SELECT * FROM bank_connection WHERE id = 1').get() as Row | undefined;
  if (row === undefined) return undefined;
  const alg = row.bank_key_alg === 'ES256' ? 'ES256' : 'EdDSA';
  return {
    gatewayUrl: row.gateway_url,
    deviceId: row.device_id,
    orgId: row.org_id,
    userId: row.user_id,
    bankKey: { alg, publicKey: row.bank_key },
    deviceCertificate: row.device_certificate,
    witnessName: row.witness_name,
    witnessKey: row.witness_key,
    enrolledAt: row.enrolled_at,
  };
}

export function writeBankConnection(db: VaultDatabase, connection: BankConnection): void {
  db.prepare(
    `INSERT INTO bank_connection (id, gateway_url, device_id, org_id, user_id, bank_key_alg, bank_key, device_certificate, witness_name, witness_key, enrolled_at)
     VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    connection.gatewayUrl, connection.deviceId, connection.orgId, connection.userId, connection.bankKey.alg, connection.bankKey.publicKey,
    connection.deviceCertificate, connection.witnessName, connection.witnessKey, connection.enrolledAt,
  );
}

export function bankVerificationKey(text: BankKeyText): JwsVerificationKey {
  return { alg: text.alg, publicKey: Buffer.from(text.publicKey, 'base64url') };
}

/**
 * The key this vault verifies organisation policies with: the bank key pinned at enrolment, or — in a vault no
 * bank enrolled (a demo vault) — the build's BANK_VERIFICATION_KEY.
 */
export function vaultTrustAnchor(db: VaultDatabase): JwsVerificationKey {
  const connection = readBankConnection(db);
  return connection === undefined ? BANK_VERIFICATION_KEY : bankVerificationKey(connection.bankKey);
}

/** The enrolled connection, or APP_NOT_ENROLLED. */
export function requireBankConnection(db: VaultDatabase): BankConnection {
  const connection = readBankConnection(db);
  if (connection === undefined) throw new CofferError('APP_NOT_ENROLLED', 'expected a vault enrolled at the bank, found none: run `coffer enrol --server URL --code CODE` first');
  return connection;
}

/** How the device signs its requests: its gateway id and the vault's device key (the key that signs checkpoints). */
export function deviceSigner(connection: BankConnection, seed: Uint8Array): GatewaySigner {
  return { keyId: connection.deviceId, seed };
}
