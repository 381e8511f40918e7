import type { AuditBundle, AuditBundleEntry } from '../contract/index.js';
import { checkBundleCoverage } from './checkBundleCoverage.js';
import { checkTreeHeadsUpTo } from './checkTreeHeads.js';
import { AuditError } from './errors.js';
import { MemoryMerkleStore } from './MemoryMerkleStore.js';
import { openBundleCheckpoints } from './openBundleCheckpoints.js';
import { parseVerifierKey } from './parseVerifierKey.js';
import { parseBundle, readBundle } from './readBundle.js';
import { readBundleEntry } from './readBundleEntry.js';
import { rootAt } from './rootAt.js';

const PROGRESS_STEP = 1 << 16;

export interface VerifyBundleOptions {
  /** Called every 65,536 entries and at the end with (entries verified, entries in all). */
  onProgress?: (verified: number, total: number) => void;
  /**
   * The verifier key the bundle must carry. Without it the bundle is checked against its own key,
   * which proves integrity since signing but not who signed: pin the device's key when known.
   */
  trustedVerifierKey?: string;
}

export interface VerifiedBundle {
  origin: string;
  /** Number of entries, which the last checkpoint covers exactly. */
  size: number;
  rootHash: Buffer;
  /** Number of checkpoints checked. */
  checkpoints: number;
  /** The tree recomputed from the entries, for a caller that must compare its own stored copy. */
  tree: MemoryMerkleStore;
}

/**
 * Verifies a `coffer-audit-bundle/v1` (as parsed from JSON) with no vault and no password: the
 * schema, every checkpoint's signature and origin, entries numbered 0..n-1, every entry a canonical
 * audit entry whose `seq` is its index, each checkpoint's root equal to the root recomputed at its
 * size, each checkpoint consistent with the one before, and the last covering every entry.
 */
export function verifyBundle(input: unknown, options: VerifyBundleOptions = {}): VerifiedBundle {
  try {
    return verifyEntries(readBundle(input), options);
  } catch (error) {
    // Ensure a bundle that breaks the schema is refused as such (AUDIT_BAD_BUNDLE) before any other
    // finding, as if it had been parsed whole up front: readBundle leaves the entries' base64 alphabet
    // to the decoding of each entry, so the whole schema is checked here once something has failed.
    if (error instanceof AuditError && error.code !== 'AUDIT_BAD_BUNDLE') parseBundle(input);
    throw error;
  }
}

function verifyEntries(bundle: AuditBundle, options: VerifyBundleOptions): VerifiedBundle {
  // Ensure the bundle speaks for the expected device when the caller knows it.
  if (options.trustedVerifierKey !== undefined && options.trustedVerifierKey !== bundle.verifierKey) {
    throw new AuditError('AUDIT_BAD_SIGNATURE', 'expected the bundle to carry the trusted verifier key, found another key');
  }
  const checkpoints = openBundleCheckpoints(bundle, parseVerifierKey(bundle.verifierKey));
  checkEntryOrder(bundle);
  checkBundleCoverage(bundle.entries.length, checkpoints);
  const { entries } = bundle;
  const total = entries.length;
  const store = new MemoryMerkleStore();
  let next = checkTreeHeadsUpTo(store, checkpoints, 0, 0);
  for (let i = 0; i < total; i++) {
    // Each leaf is hashed straight into the store from a reused buffer: nothing is kept per entry.
    store.appendEntry(readBundleEntry((entries[i] as AuditBundleEntry).data, i));
    // The last checkpoint covers every entry, so each checkpoint is checked here at its exact size.
    if (checkpoints[next]?.size === i + 1) next = checkTreeHeadsUpTo(store, checkpoints, next, i + 1);
    if ((i + 1) % PROGRESS_STEP === 0) options.onProgress?.(i + 1, total);
  }
  if (total % PROGRESS_STEP !== 0 || total === 0) options.onProgress?.(total, total);
  return { origin: bundle.origin, size: total, rootHash: rootAt(store, total), checkpoints: checkpoints.length, tree: store };
}

/** Entries must be 0..n-1 in order: a gap, repeat or swap would shift every later leaf. Cheap, so done before hashing. */
function checkEntryOrder(bundle: AuditBundle): void {
  bundle.entries.forEach(({ index }, i) => {
    if (index !== i) throw new AuditError('AUDIT_OUT_OF_ORDER', `expected entry index ${i}, found ${index}`, { index: i });
  });
}

