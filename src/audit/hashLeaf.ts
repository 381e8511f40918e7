import { sha256 } from '../crypto/index.js';
import { LEAF_HASH_PREFIX } from './treeConstants.js';

const LEAF_PREFIX_BYTES = Uint8Array.of(LEAF_HASH_PREFIX);

/** RFC 9162 §2.1.1 leaf hash: SHA-256(0x00 ‖ entry), over the exact entry bytes. */
export function hashLeaf(entry: Uint8Array): Buffer {
  return sha256(LEAF_PREFIX_BYTES, entry);
}
