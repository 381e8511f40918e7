import { AuditError } from './errors.js';
import { MemoryMerkleStore } from './MemoryMerkleStore.js';
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

/**
 * Checks and hashes a range of decoded bundle entries (`packEntries`), as the bundle verifier's step 4 does
 * one by one: each is a canonical audit entry whose `seq` is its index (AUDIT_BAD_ENTRY), and its RFC 9162
 * leaf and the perfect subtrees inside the range go straight into the tree's memory (`packed.tree`, shared
 * when this runs on another thread); an entry whose text was not canonical base64 is refused where it stands
 * (AUDIT_BAD_BUNDLE). Stops at the first refusal and returns it with what was hashed before it, so a caller
 * merging ranges in order can still check the checkpoints the earlier entries reach, as the one-by-one
 * verifier would. `onProgress` gets entries hashed.
 */
export function hashEntryRange(packed: PackedEntries, onProgress?: (done: number) => void): RangeHashes {
  const steps = hashEntryRangeSteps(packed, PROGRESS_STEP);
  for (;;) {
    const next = steps.next();
    if (next.done === true) return next.value;
    onProgress?.(next.value);
  }
}

const PROGRESS_STEP = 4096;

/**
 * {@link hashEntryRange} in steps of `step` entries: yields the entries hashed after each step, and returns
 * the range's hashes. A thread whose event loop must keep running hashes a range this way, pausing between
 * steps.
 */
export function* hashEntryRangeSteps(packed: PackedEntries, step: number): Generator<number, RangeHashes, void> {
  const { first, ends, refusedAt } = packed;
  // A Buffer again after crossing threads (a copy of the view, not of the memory): the entry scanner reads
  // Buffers, and one kind of array keeps its reads monomorphic.
  const leafInputs = Buffer.from(packed.leafInputs.buffer, packed.leafInputs.byteOffset, packed.leafInputs.length);
  const store = MemoryMerkleStore.rangeOf(packed.tree, first, ends.length);
  let failure: AuditError | undefined;
  let start = 0;
  for (let i = 0; i < ends.length; i++) {
    const end = ends[i] as number;
    // One view per entry, its leaf input: the entry is checked in it after the prefix byte.
    const leafInput = leafInputs.subarray(start, end);
    try {
      checkEntryBytes(leafInput, first + i, 1);
    } catch (error) {
      if (!(error instanceof AuditError)) throw error;
      failure = error;
      break;
    }
    store.appendLeafInput(leafInput);
    start = end;
    if ((i + 1) % step === 0 && i + 1 < ends.length) yield i + 1;
  }
  if (failure === undefined && refusedAt >= 0) failure = notCanonicalBase64(first + refusedAt);
  return { first, count: store.size, ...(failure ? { failure } : {}) };
}
