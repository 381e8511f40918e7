import { describe, expect, it } from 'vitest';
import { encodeAuditEntry, formatVerifierKey, hashLeaf, MemoryMerkleStore, rootAt, signCheckpoint } from '../../audit/index.js';
import { AUDIT_BUNDLE_FORMAT } from '../../contract/index.js';
import { generateEd25519KeyPair } from '../../crypto/index.js';
import { describeBundleVerifier } from '../../../test/support/bundleVerifierCases.js';
import { verifyBundleInWorkers } from './verifyBundleInWorkers.js';

// Worker threads load the TypeScript sources through tsx here, which takes a second or two per thread (far
// more on a loaded machine): the cases run on one worker each, which still takes every range across threads;
// ranges from two workers merged out of order are the last test's.
describe('verifyBundleInWorkers, ranges of 8 entries on a worker thread', { timeout: 120_000 }, () => {
  describeBundleVerifier((input, options) => verifyBundleInWorkers(input, { ...options, rangeSize: 8, workers: 1 }));
});

// The calling thread hashes a range whenever the workers have enough queued; with no queue it takes every
// range it can, in steps, so each case's findings come from its own hashing here.
describe('verifyBundleInWorkers, ranges of 8 entries hashed on the calling thread beside a worker', { timeout: 120_000 }, () => {
  describeBundleVerifier((input, options) => verifyBundleInWorkers(input, { ...options, rangeSize: 8, workers: 1, queuePerWorker: 0 }));
});

/** A valid bundle of `size` entries with one checkpoint over all of them. */
function bundleOf(size: number) {
  const pair = generateEd25519KeyPair();
  const signer = { name: 'test.coffer/log', seed: pair.seed };
  const store = new MemoryMerkleStore();
  const entries = Array.from({ length: size }, (_, seq) => {
    const bytes = encodeAuditEntry({ seq, time: '2026-12-01T08:00:00.000Z', actor: { userId: 'u', deviceId: 'd' }, action: 'settings.write', target: null, outcome: 'allowed', reason: null, details: {} });
    store.appendLeafHash(hashLeaf(bytes));
    return { index: seq, data: bytes.toString('base64') };
  });
  const checkpoints = [signCheckpoint({ origin: signer.name, size, rootHash: rootAt(store, size) }, signer)];
  return { format: AUDIT_BUNDLE_FORMAT, origin: signer.name, verifierKey: formatVerifierKey(signer.name, pair.publicKey), entries, checkpoints, cosignatures: [] };
}

describe('when the caller cancels a verification under way', { timeout: 120_000 }, () => {
  it('stops the workers and refuses it with APP_CANCELLED', async () => {
    const controller = new AbortController();
    const progress: number[] = [];
    const verifying = verifyBundleInWorkers(bundleOf(20_000), {
      rangeSize: 1024,
      workers: 2,
      signal: controller.signal,
      onProgress: (done) => {
        progress.push(done);
        controller.abort();
      },
    });
    await expect(verifying).toThrowCode('APP_CANCELLED');
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.at(-1)).toBeLessThan(20_000);
  });
  it('refuses at once when cancelled before it starts', async () => {
    await expect(verifyBundleInWorkers(bundleOf(10), { signal: AbortSignal.abort() })).toThrowCode('APP_CANCELLED');
  });
});

describe('when a bundle spans many ranges', { timeout: 120_000 }, () => {
  it('reports progress up to every entry and the root of the whole log', async () => {
    const bundle = bundleOf(5000);
    const progress: [number, number][] = [];
    const result = await verifyBundleInWorkers(bundle, { rangeSize: 512, workers: 2, onProgress: (done, total) => progress.push([done, total]) });
    expect(result.size).toBe(5000);
    expect(progress.at(-1)).toEqual([5000, 5000]);
    expect(progress.every(([done], i) => i === 0 || done > (progress[i - 1]?.[0] ?? 0))).toBe(true);
  });
});
