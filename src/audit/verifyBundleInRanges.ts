import type { AuditBundleEntry } from '../contract/index.js';
import { checkBundleCoverage } from './checkBundleCoverage.js';
import { checkTreeHeadsUpTo } from './checkTreeHeads.js';
import { AuditError } from './errors.js';
import type { RangeHashes } from './hashEntryRange.js';
import { MemoryMerkleStore } from './MemoryMerkleStore.js';
import { openBundleCheckpoints } from './openBundleCheckpoints.js';
import { packEntries, type PackedEntries } from './packedEntries.js';
import { parseVerifierKey } from './parseVerifierKey.js';
import { isBundleEntry, parseBundle, readBundleEnvelope } from './readBundle.js';
import { rootAt } from './rootAt.js';
import type { VerifiedBundle, VerifyBundleOptions } from './verifyBundle.js';

/** Hashes one range of entries (`hashEntryRange`), wherever the caller runs it: another thread, or this one. */
export type RangeHasher = (packed: PackedEntries) => Promise<RangeHashes>;

export interface VerifyBundleInRangesOptions extends VerifyBundleOptions {
  /** Entries per range, a power of two: 8,192 by default (about 2 MB of decoded entries, 1–2 ms of decoding here). */
  rangeSize?: number;
  /** Ranges handed out before waiting for the oldest: enough to keep every hasher busy (4 by default). */
  inFlight?: number;
  /**
   * Awaited after each range is handed out: the caller's way to let its event loop run (timers, I/O), which
   * awaiting a promise alone does not. This module does no I/O, so it cannot schedule that itself.
   */
  pause?: () => Promise<void>;
}

/** Entries per range unless the caller says otherwise. */
export const DEFAULT_RANGE_SIZE = 1 << 13;

/**
 * {@link verifyBundle} with the entries checked and hashed range by range by `hashRange` (on all cores when
 * it hands them to workers) into the tree's shared memory, then merged: each range is a run of perfect
 * subtrees (it starts at a multiple of its size), so only the nodes above the ranges are left to hash here.
 * Every check and every answer is the one-by-one verifier's, first failure first: the schema, the pinned
 * key, the checkpoints' signatures and origin, entries numbered 0..n-1, coverage by the last checkpoint, each
 * entry canonical and naming its index, each checkpoint's root and its consistency with the one before. The
 * calling thread only reads the entries' shape and order and decodes their text, a range at a time, awaiting
 * between ranges.
 */
export async function verifyBundleInRanges(input: unknown, hashRange: RangeHasher, options: VerifyBundleInRangesOptions = {}): Promise<VerifiedBundle> {
  try {
    return await verifyRanges(input, hashRange, options);
  } catch (error) {
    // Ensure a bundle that breaks the schema is refused as such first, as verifyBundle does.
    if (error instanceof AuditError && error.code !== 'AUDIT_BAD_BUNDLE') parseBundle(input);
    throw error;
  }
}

async function verifyRanges(input: unknown, hashRange: RangeHasher, options: VerifyBundleInRangesOptions): Promise<VerifiedBundle> {
  const rangeSize = options.rangeSize ?? DEFAULT_RANGE_SIZE;
  const inFlight = Math.max(1, options.inFlight ?? 4);
  if (!Number.isInteger(Math.log2(rangeSize))) throw new AuditError('AUDIT_OUT_OF_RANGE', `expected a power of two as range size, found ${rangeSize}`);
  const { envelope: bundle, entries } = readBundleEnvelope(input);
  // Ensure the bundle speaks for the expected device when the caller knows it.
  if (options.trustedVerifierKey !== undefined && options.trustedVerifierKey !== bundle.verifierKey) {
    throw new AuditError('AUDIT_BAD_SIGNATURE', 'expected the bundle to carry the trusted verifier key, found another key');
  }
  const checkpoints = openBundleCheckpoints(bundle, parseVerifierKey(bundle.verifierKey));
  const total = entries.length;
  const merged = new Merge(total, checkpoints);
  const ranges: Promise<RangeHashes>[] = [];
  // Memory the ranges' entries are decoded into, each reused once its range is hashed.
  const rooms: Uint8Array[] = [];
  let refused = false;
  let hashed = 0;
  for (let from = 0; from < total; from += rangeSize) {
    const end = Math.min(total, from + rangeSize);
    for (let i = from; i < end; i++) {
      const entry = entries[i];
      // Ensure every entry has its shape (the whole schema decides how to refuse one that has not).
      if (!isBundleEntry(entry)) return await verifyRanges(parseBundle(input), hashRange, options);
      // Ensure entries are 0..n-1 in order: a gap, repeat or swap would shift every later leaf.
      if (entry.index !== i) throw new AuditError('AUDIT_OUT_OF_ORDER', `expected entry index ${i}, found ${entry.index}`, { index: i });
    }
    // After a refused entry nothing later can change the answer, but a later entry's shape or order still can.
    if (refused) continue;
    if (ranges.length >= inFlight) await ranges[ranges.length - inFlight];
    const packed = packEntries(entries as readonly AuditBundleEntry[], from, end, merged.memory, rooms.pop());
    const hashing = hashRange(packed).then((range) => {
      rooms.push(new Uint8Array(packed.leafInputs.buffer));
      if (range.failure) refused = true;
      hashed += range.count;
      options.onProgress?.(hashed, total);
      merged.add(range);
      return range;
    });
    // A range refused while this loop still runs (cancelled, its worker gone) is awaited later, or never
    // when an earlier step throws first: marked handled now, it still throws where it is awaited.
    hashing.catch(() => undefined);
    ranges.push(hashing);
    await options.pause?.();
  }
  checkBundleCoverage(total, checkpoints);
  if (total === 0) options.onProgress?.(0, 0);
  await Promise.all(ranges);
  return merged.finish(bundle.origin);
}

/**
 * The tree the ranges are hashed into, in memory shared with the threads that hash them: takes each range
 * as it comes back, in order (they may come back in any), and hashes the few parents above it; then checks
 * the tree heads, stopping where the first refused entry stands.
 */
class Merge {
  readonly #store: MemoryMerkleStore;
  readonly #waiting = new Map<number, RangeHashes>();
  #failure: AuditError | undefined;

  constructor(
    readonly total: number,
    readonly checkpoints: ReturnType<typeof openBundleCheckpoints>,
  ) {
    this.#store = new MemoryMerkleStore(total, { shared: true });
  }

  get memory(): readonly Uint8Array[] {
    return this.#store.levelMemory;
  }

  add(range: RangeHashes): void {
    this.#waiting.set(range.first, range);
    for (let next = this.#waiting.get(this.#store.size); next !== undefined && this.#failure === undefined; next = this.#waiting.get(this.#store.size)) {
      this.#waiting.delete(next.first);
      this.#store.adoptRange(next.count);
      this.#failure = next.failure;
    }
  }

  finish(origin: string): VerifiedBundle {
    const store = this.#store;
    if (this.#failure !== undefined) {
      // The checkpoints the entries before it reach are checked first, as the one-by-one verifier would.
      checkTreeHeadsUpTo(store, this.checkpoints, 0, store.size);
      throw this.#failure;
    }
    checkTreeHeadsUpTo(store, this.checkpoints, 0, this.total);
    return { origin, size: this.total, rootHash: rootAt(store, this.total), checkpoints: this.checkpoints.length, tree: store };
  }
}
