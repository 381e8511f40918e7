import { decodeBase64Bytes } from './decodeBase64Bytes.js';
import { AuditError } from './errors.js';
import { MemoryMerkleStore } from './MemoryMerkleStore.js';
import type { PackedEntries } from './packedEntries.js';
import { checkEntryBytes, notCanonicalBase64 } from './readBundleEntry.js';

/** A range of entries hashed on its own: its levels for `MemoryMerkleStore.appendRange`, and its first failure. */
export interface RangeHashes {
  first: number;
  /** Leaves hashed: all of the range, or those before `failure`. */
  count: number;
  /** `levels[L]`: the perfect subtrees of 2^L leaves inside the hashed part, 32 bytes each, left to right. */
  levels: Uint8Array[];
  /** The first entry refused (its `index` is the entry's), after which nothing was hashed. */
  failure?: AuditError;
}

let decoded = Buffer.alloc(4096);

/**
 * Checks and hashes a range of bundle entries, as the bundle verifier's step 4 does one by one: each text is
 * canonical padded base64 (AUDIT_BAD_BUNDLE) of a canonical audit entry whose `seq` is its index
 * (AUDIT_BAD_ENTRY), and its RFC 9162 leaf goes into a store of the range alone. Stops at the first refusal
 * and returns it with what was hashed before it, so a caller merging ranges in order can still check the
 * checkpoints the earlier entries reach, as the one-by-one verifier would. `onProgress` gets entries hashed.
 */
export function hashEntryRange(packed: PackedEntries, onProgress?: (done: number) => void): RangeHashes {
  const { first, text, ends } = packed;
  const store = new MemoryMerkleStore();
  let failure: AuditError | undefined;
  let start = 0;
  for (let i = 0; i < ends.length; i++) {
    const end = ends[i] as number;
    const index = first + i;
    if (decoded.length * 4 < (end - start) * 3) decoded = Buffer.alloc(Math.ceil(((end - start) * 3) / 4) * 2);
    const length = decodeBase64Bytes(text, start, end, decoded);
    start = end;
    try {
      if (length < 0) throw notCanonicalBase64(index);
      const bytes = decoded.subarray(0, length);
      checkEntryBytes(bytes, index);
      store.appendEntry(bytes);
    } catch (error) {
      if (!(error instanceof AuditError)) throw error;
      failure = error;
      break;
    }
    if ((i + 1) % 4096 === 0) onProgress?.(i + 1);
  }
  const levels: Uint8Array[] = [];
  for (let level = 0; level < store.height; level++) levels.push(store.levelHashes(level));
  return { first, count: store.size, levels, ...(failure ? { failure } : {}) };
}
