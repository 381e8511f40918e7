import { decodeBase64Bytes } from './decodeBase64Bytes.js';
import { AuditError } from './errors.js';
import { MemoryMerkleStore } from './MemoryMerkleStore.js';
import { LEAF_HASH_PREFIX } from './treeConstants.js';
import type { PackedEntries } from './packedEntries.js';
import { checkEntryBytes, notCanonicalBase64 } from './readBundleEntry.js';

/**
 * A range of entries hashed into the tree's memory (`MemoryMerkleStore.rangeOf`), for the tree to take with
 * `adoptRange(count)`, and its first failure.
 */
export interface RangeHashes {
  first: number;
  /** Leaves hashed: all of the range, or those before `failure`. */
  count: number;
  /** The first entry refused (its `index` is the entry's), after which nothing was hashed. */
  failure?: AuditError;
}

// Each entry is decoded just after a leaf prefix byte, so that its leaf input 0x00 ‖ entry is hashed where
// it lies: one reused buffer, grown for a larger entry.
let decoded = leafInputBuffer(4096);

/**
 * Checks and hashes a range of bundle entries, as the bundle verifier's step 4 does one by one: each text is
 * canonical padded base64 (AUDIT_BAD_BUNDLE) of a canonical audit entry whose `seq` is its index
 * (AUDIT_BAD_ENTRY), and its RFC 9162 leaf and the perfect subtrees inside the range go straight into the
 * tree's memory (`packed.tree`, shared when this runs on another thread). Stops at the first refusal
 * and returns it with what was hashed before it, so a caller merging ranges in order can still check the
 * checkpoints the earlier entries reach, as the one-by-one verifier would. `onProgress` gets entries hashed.
 */
export function hashEntryRange(packed: PackedEntries, onProgress?: (done: number) => void): RangeHashes {
  const { first, text, ends } = packed;
  const store = MemoryMerkleStore.rangeOf(packed.tree, first, ends.length);
  let failure: AuditError | undefined;
  let start = 0;
  for (let i = 0; i < ends.length; i++) {
    const end = ends[i] as number;
    const index = first + i;
    if (decoded.length * 4 < (end - start) * 3 + 4) decoded = leafInputBuffer(Math.ceil(((end - start) * 3) / 4) * 2);
    const length = decodeBase64Bytes(text, start, end, decoded, 1);
    start = end;
    try {
      if (length < 0) throw notCanonicalBase64(index);
      checkEntryBytes(new Uint8Array(decoded.buffer, decoded.byteOffset + 1, length), index);
      store.appendLeafInput(new Uint8Array(decoded.buffer, decoded.byteOffset, length + 1));
    } catch (error) {
      if (!(error instanceof AuditError)) throw error;
      failure = error;
      break;
    }
    if ((i + 1) % 4096 === 0) onProgress?.(i + 1);
  }
  return { first, count: store.size, ...(failure ? { failure } : {}) };
}

function leafInputBuffer(size: number): Uint8Array {
  const buffer = new Uint8Array(size);
  buffer[0] = LEAF_HASH_PREFIX;
  return buffer;
}
