import { AuditBundle } from '../contract/index.js';
import { consistencyProof } from './consistencyProof.js';
import { decodeBase64 } from './decodeBase64.js';
import { describeIssue } from './describeIssue.js';
import { AuditError } from './errors.js';
import { hashLeaf } from './hashLeaf.js';
import { MemoryMerkleStore } from './MemoryMerkleStore.js';
import { openBundleCheckpoints } from './openBundleCheckpoints.js';
import type { Checkpoint } from './parseCheckpoint.js';
import { parseAuditEntry } from './parseAuditEntry.js';
import { parseVerifierKey } from './parseVerifierKey.js';
import { rootAt } from './rootAt.js';
import { verifyConsistency } from './verifyConsistency.js';

const PROGRESS_STEP = 1 << 16;
// Leaf hashes go to the store in batches: the batch append reads the tree's edge once per batch.
const BATCH = 4096;

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
}

/**
 * Verifies a `coffer-audit-bundle/v1` (as parsed from JSON) with no vault and no password: the
 * schema, every checkpoint's signature and origin, entries numbered 0..n-1, every entry a canonical
 * audit entry whose `seq` is its index, each checkpoint's root equal to the root recomputed at its
 * size, each checkpoint consistent with the one before, and the last covering every entry.
 */
export function verifyBundle(input: unknown, options: VerifyBundleOptions = {}): VerifiedBundle {
  const bundle = parseBundle(input);
  // Ensure the bundle speaks for the expected device when the caller knows it.
  if (options.trustedVerifierKey !== undefined && options.trustedVerifierKey !== bundle.verifierKey) {
    throw new AuditError('AUDIT_BAD_SIGNATURE', 'expected the bundle to carry the trusted verifier key, found another key');
  }
  const checkpoints = openBundleCheckpoints(bundle, parseVerifierKey(bundle.verifierKey));
  checkEntryOrder(bundle);
  checkCoverage(bundle, checkpoints);
  const total = bundle.entries.length;
  const store = new MemoryMerkleStore();
  let next = checkTreeHeadsAt(store, checkpoints, 0);
  let batch: Buffer[] = [];
  for (let i = 0; i < total; i++) {
    batch.push(hashLeaf(readEntry(bundle, i)));
    // The last checkpoint covers every entry, so the final batch is always flushed here.
    if (batch.length === BATCH || checkpoints[next]?.size === i + 1) {
      store.appendLeafHashes(batch);
      batch = [];
      next = checkTreeHeadsAt(store, checkpoints, next);
    }
    if ((i + 1) % PROGRESS_STEP === 0) options.onProgress?.(i + 1, total);
  }
  if (total % PROGRESS_STEP !== 0 || total === 0) options.onProgress?.(total, total);
  return { origin: bundle.origin, size: total, rootHash: rootAt(store, total), checkpoints: checkpoints.length };
}

function parseBundle(input: unknown): AuditBundle {
  const parsed = AuditBundle.safeParse(input);
  if (!parsed.success) {
    throw new AuditError('AUDIT_BAD_BUNDLE', `expected a coffer-audit-bundle/v1, found one with ${describeIssue(parsed.error)}`, {
      cause: parsed.error,
    });
  }
  return parsed.data;
}

/** Entries must be 0..n-1 in order: a gap, repeat or swap would shift every later leaf. Cheap, so done before hashing. */
function checkEntryOrder(bundle: AuditBundle): void {
  bundle.entries.forEach(({ index }, i) => {
    if (index !== i) throw new AuditError('AUDIT_OUT_OF_ORDER', `expected entry index ${i}, found ${index}`, { index: i });
  });
}

/** The last checkpoint must cover exactly the entries: none missing, none outside every signature. */
function checkCoverage(bundle: AuditBundle, checkpoints: readonly Checkpoint[]): void {
  const count = bundle.entries.length;
  const position = checkpoints.length - 1;
  const last = checkpoints[position];
  if (last === undefined) throw new AuditError('AUDIT_TRUNCATED', `expected at least one signed checkpoint, found none for ${count} entries`);
  if (last.size > count) {
    throw new AuditError('AUDIT_TRUNCATED', `expected the ${last.size} entries the last checkpoint covers, found ${count}`, { index: position, size: last.size });
  }
  if (last.size < count) {
    throw new AuditError('AUDIT_TRUNCATED', `expected the last checkpoint to cover all ${count} entries, it covers ${last.size}: later entries are unsigned`, {
      index: position,
      size: last.size,
    });
  }
}

/** The bytes of entry `i`, checked for encoding and content. */
function readEntry(bundle: AuditBundle, i: number): Buffer {
  const { data } = bundle.entries[i] as AuditBundle['entries'][number];
  const bytes = decodeBase64(data);
  if (bytes === undefined) throw new AuditError('AUDIT_BAD_BUNDLE', `expected entry ${i} data in canonical padded base64, found other text`, { index: i });
  try {
    // Ensure the entry names its own position, so it cannot be replayed at another index.
    const { seq } = parseAuditEntry(bytes);
    if (seq !== i) throw new AuditError('AUDIT_BAD_ENTRY', `expected seq ${i}, found ${seq}`);
  } catch (error) {
    if (!(error instanceof AuditError)) throw error;
    throw new AuditError(error.code, `entry ${i}: ${error.message}`, { index: i, cause: error });
  }
  return bytes;
}

/** Checks every checkpoint (from position `next`) whose size the store has reached; returns the next unchecked one. */
function checkTreeHeadsAt(store: MemoryMerkleStore, checkpoints: readonly Checkpoint[], next: number): number {
  let position = next;
  for (let checkpoint = checkpoints[position]; checkpoint?.size === store.size; checkpoint = checkpoints[++position]) {
    const root = rootAt(store, checkpoint.size);
    // Ensure the signed root is the root of these entries.
    if (!root.equals(checkpoint.rootHash)) {
      throw new AuditError('AUDIT_ROOT_MISMATCH', `expected checkpoint ${position} to sign the root of the first ${checkpoint.size} entries, found another root`, {
        index: position,
        size: checkpoint.size,
      });
    }
    const previous = checkpoints[position - 1];
    if (previous !== undefined && previous.size > 0) {
      // Ensure, as a witness would, that the previous tree head is a prefix of this one.
      try {
        verifyConsistency(previous.size, checkpoint.size, consistencyProof(store, previous.size, checkpoint.size), previous.rootHash, checkpoint.rootHash);
      } catch (error) {
        throw new AuditError('AUDIT_INCONSISTENT', `expected checkpoint ${position} to extend checkpoint ${position - 1}, it does not`, {
          index: position,
          size: checkpoint.size,
          cause: error,
        });
      }
    }
  }
  return position;
}
