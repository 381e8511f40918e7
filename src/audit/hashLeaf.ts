import { sha256, sha256Into } from '../crypto/index.js';
import { AuditError } from './errors.js';
import { LEAF_HASH_PREFIX, TREE_HASH_LENGTH } from './treeConstants.js';

const LEAF_PREFIX_BYTES = Uint8Array.of(LEAF_HASH_PREFIX);
// Entries up to this size are hashed from one reused buffer holding 0x00 ‖ entry; larger ones are rare
// and not worth keeping a buffer of their size alive.
const PREFIXED_LIMIT = 64 * 1024;
let prefixed = new Uint8Array(1024);

/** RFC 9162 §2.1.1 leaf hash: SHA-256(0x00 ‖ entry), over the exact entry bytes. */
export function hashLeaf(entry: Uint8Array): Buffer {
  return sha256(LEAF_PREFIX_BYTES, entry);
}

/** {@link hashLeaf} written into `target` at `offset` (32 bytes), allocating nothing: for stores that hash every leaf. */
export function hashLeafInto(entry: Uint8Array, target: Uint8Array, offset: number): void {
  if (entry.length >= PREFIXED_LIMIT) {
    target.set(hashLeaf(entry).subarray(0, TREE_HASH_LENGTH), offset);
    return;
  }
  if (prefixed.length <= entry.length) prefixed = new Uint8Array(Math.min(PREFIXED_LIMIT, 2 * (entry.length + 1)));
  prefixed[0] = LEAF_HASH_PREFIX;
  prefixed.set(entry, 1);
  sha256Into(prefixed.subarray(0, entry.length + 1), target, offset);
}

/**
 * {@link hashLeaf} of the entry in `input[1, length)`, given as the whole hash input 0x00 ‖ entry: a caller
 * that decodes each entry just after a prefix byte hashes it where it lies, with no copy (a range verifier
 * on another thread does so a million times).
 */
export function hashLeafInputInto(input: Uint8Array, target: Uint8Array, offset: number): void {
  // Ensure the input is a leaf's: without its prefix it could hash as an interior node (RFC 9162 §2.1.1).
  if (input[0] !== LEAF_HASH_PREFIX) throw new AuditError('AUDIT_BAD_HASH', `expected a leaf input starting with ${LEAF_HASH_PREFIX}, found ${input[0]}`);
  sha256Into(input, target, offset);
}
