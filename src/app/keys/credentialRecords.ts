import type { AuthenticatorTransport } from '../../contract/index.js';
import type { VaultDatabase } from '../../vault/index.js';

/** One enrolled hardware key of the vault's user (table webauthn_credentials, migration 6). */
export interface CredentialRecord {
  id: string;
  userId: string;
  /** COSE_Key bytes as the authenticator gave them. */
  publicKey: Buffer;
  signCount: number;
  transports: AuthenticatorTransport[];
  aaguid: string;
  name: string;
  prfCapable: boolean;
  createdAt: string;
  lastUsedAt: string | null;
  removedAt: string | null;
}

interface CredentialRow extends Omit<CredentialRecord, 'transports' | 'prfCapable'> {
  transports: string;
  prfCapable: number;
}

const SELECT = `SELECT id, user_id AS userId, public_key AS publicKey, sign_count AS signCount, transports, aaguid, name,
  prf_capable AS prfCapable, created_at AS createdAt, last_used_at AS lastUsedAt, removed_at AS removedAt FROM webauthn_credentials`;

function fromRow(row: CredentialRow): CredentialRecord {
  return { ...row, transports: JSON.parse(row.transports) as AuthenticatorTransport[], prfCapable: row.prfCapable === 1 };
}

export function findCredential(db: VaultDatabase, id: string): CredentialRecord | undefined {
  const row = db.prepare(`${SELECT} WHERE id = ?`).get(id) as CredentialRow | undefined;
  return row === undefined ? undefined : fromRow(row);
}

/** The user's keys that still serve (not removed), oldest first. */
export function activeCredentials(db: VaultDatabase, userId: string): CredentialRecord[] {
  return (db.prepare(`${SELECT} WHERE user_id = ? AND removed_at IS NULL ORDER BY created_at, id`).all(userId) as CredentialRow[]).map(fromRow);
}

export function hasEnrolledKeys(db: VaultDatabase, userId: string): boolean {
  return db.prepare('SELECT 1 FROM webauthn_credentials WHERE user_id = ? AND removed_at IS NULL LIMIT 1').get(userId) !== undefined;
}

export function insertCredential(db: VaultDatabase, record: Omit<CredentialRecord, 'lastUsedAt' | 'removedAt'>): void {
  db.prepare(
    `INSERT INTO webauthn_credentials (id, user_id, public_key, sign_count, transports, aaguid, name, prf_capable, created_at, last_used_at, removed_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL)`,
  ).run(record.id, record.userId, record.publicKey, record.signCount, JSON.stringify(record.transports), record.aaguid, record.name, record.prfCapable ? 1 : 0, record.createdAt);
}

export function recordCredentialUse(db: VaultDatabase, id: string, signCount: number, now: Date): void {
  db.prepare('UPDATE webauthn_credentials SET sign_count = ?, last_used_at = ? WHERE id = ?').run(signCount, now.toISOString(), id);
}

export function renameCredential(db: VaultDatabase, id: string, name: string): void {
  db.prepare('UPDATE webauthn_credentials SET name = ? WHERE id = ?').run(name, id);
}

/** A removed key keeps its row, so approvals it signed still verify; it never signs anything new. */
export function markCredentialRemoved(db: VaultDatabase, id: string, now: Date): void {
  db.prepare('UPDATE webauthn_credentials SET removed_at = ? WHERE id = ? AND removed_at IS NULL').run(now.toISOString(), id);
}
