import { LEAF_HASH_PREFIX } from './treeConstants.js';
import { writeCanonicalBase64 } from './writeCanonicalBase64.js';

/**
 * Consecutive bundle entries decoded into one buffer as the leaf inputs the tree hashes (0x00 ‖ entry
 * bytes), so a range of them crosses to another thread as one block of shared memory instead of a million
 * strings, and each leaf is hashed where it lies: entry `first + i`'s leaf input is
 * `leafInputs[ends[i - 1] ?? 0, ends[i])`. With them goes the memory of the tree they are hashed into
 * (`MemoryMerkleStore.levelMemory`, shared), so no node has to cross back.
 */
export interface PackedEntries {
  first: number;
  leafInputs: Uint8Array;
  ends: Uint32Array;
  /**
   * Position in the range of the first entry whose `data` is not canonical padded base64, or -1: the range
   * holds only the entries before it, and whoever hashes them refuses that one after checking them.
   */
  refusedAt: number;
  tree: readonly Uint8Array[];
}

/**
 * Decodes the `data` texts of `entries[first, end)` into `room` when it is large enough (memory shared with
 * the threads that read it, reused range after range: fresh memory costs a page fault per 4 KiB), else into
 * new shared memory. Read straight from the entries, so that no list of a range's texts is made on the way.
 * Decoding here, with Node's decoder held to canonical base64 (`writeCanonicalBase64`), costs this thread
 * less than copying the text did and spares the hashing threads a decoding loop.
 */
export function packEntries(entries: readonly { data: string }[], first: number, end: number, tree: readonly Uint8Array[], room?: Uint8Array): PackedEntries {
  let most = 0;
  for (let i = first; i < end; i++) most += 1 + Math.ceil(((entries[i] as { data: string }).data.length * 3) / 4);
  const memory = room !== undefined && room.length >= most ? room : new Uint8Array(new SharedArrayBuffer(Math.ceil(most * 1.25)));
  const leafInputs = Buffer.from(memory.buffer, memory.byteOffset, memory.length);
  const ends = new Uint32Array(end - first);
  let refusedAt = -1;
  let offset = 0;
  for (let i = first; i < end; i++) {
    leafInputs[offset] = LEAF_HASH_PREFIX;
    const length = writeCanonicalBase64((entries[i] as { data: string }).data, leafInputs, offset + 1);
    if (length < 0) {
      refusedAt = i - first;
      break;
    }
    offset += 1 + length;
    ends[i - first] = offset;
  }
  return { first, leafInputs, ends: refusedAt < 0 ? ends : ends.subarray(0, refusedAt), refusedAt, tree };
}
