import type { KeySlot } from '../../contract/index.js';
import { isDemoCredential } from '../demo/demoCredentials.js';
import type { CredentialRecord } from './credentialRecords.js';

/** A key as the API shows it: never its public key bytes or counter. */
export function keyView(credential: CredentialRecord, slots: readonly KeySlot[]) {
  return {
    id: credential.id,
    name: credential.name,
    aaguid: credential.aaguid,
    transports: credential.transports,
    prfCapable: credential.prfCapable,
    unlocks: slots.some((slot) => (slot.kind === 'webauthn-prf' || slot.kind === 'password-and-key') && slot.credentialId === credential.id),
    // Told by the key itself, not by its name: a published demo key is one whoever has the source can use.
    demo: isDemoCredential(credential.userId, credential.id, credential.publicKey),
    createdAt: credential.createdAt,
    lastUsedAt: credential.lastUsedAt,
  };
}
