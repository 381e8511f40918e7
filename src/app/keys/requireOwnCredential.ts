import { CofferError } from '../../contract/index.js';
import type { VaultDatabase } from '../../vault/index.js';
import { findCredential, type CredentialRecord } from './credentialRecords.js';

/** One of the user's keys that still serves; anyone else's, or a removed one, is not found. */
export function requireOwnCredential(db: VaultDatabase, userId: string, id: string): CredentialRecord {
  const credential = findCredential(db, id);
  if (credential === undefined || credential.userId !== userId || credential.removedAt !== null) throw new CofferError('APP_NOT_FOUND', `no hardware key ${id} of yours`);
  return credential;
}

/** One of the user's keys that can unlock the vault: it offered the PRF extension at enrolment. */
export function requireOwnPrfCredential(db: VaultDatabase, userId: string, id: string): CredentialRecord {
  const key = requireOwnCredential(db, userId, id);
  if (!key.prfCapable) throw new CofferError('APP_KEY_REJECTED', `key ${key.id} did not offer the PRF extension at enrolment, so it cannot unlock the vault`);
  return key;
}
