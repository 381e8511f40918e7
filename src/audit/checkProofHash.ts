import { AuditError } from './errors.js';
import { TREE_HASH_LENGTH } from './treeConstants.js';

/** Refuses anything but a 32-byte hash in a proof or its claims: an empty "hash" must never match by accident. */
export function checkProofHash(hash: unknown, what: string): asserts hash is Uint8Array {
  if (!(hash instanceof Uint8Array) || hash.length !== TREE_HASH_LENGTH) {
    const found = hash instanceof Uint8Array ? `${hash.length} bytes` : typeof hash;
    throw new AuditError('AUDIT_BAD_PROOF', `expected a ${TREE_HASH_LENGTH}-byte ${what}, found ${found}`);
  }
}
