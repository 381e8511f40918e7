import { describe, expect, it } from 'vitest';
import { AUDIT_BUNDLE_FORMAT, type AuditBundle, type AuditEntry } from '../../src/contract/index.js';
import { generateEd25519KeyPair } from '../../src/crypto/index.js';
import { encodeAuditEntry } from '../../src/audit/encodeAuditEntry.js';
import { formatVerifierKey } from '../../src/audit/formatVerifierKey.js';
import { hashLeaf } from '../../src/audit/hashLeaf.js';
import { MemoryMerkleStore } from '../../src/audit/MemoryMerkleStore.js';
import { rootAt } from '../../src/audit/rootAt.js';
import { signCheckpoint } from '../../src/audit/signCheckpoint.js';
import type { VerifiedBundle, VerifyBundleOptions } from '../../src/audit/verifyBundle.js';

const ORIGIN = 'coffer.example/vault/3f1c';
const device = generateEd25519KeyPair();
const signer = { name: 'coffer.example/device/3f1c', seed: device.seed };
const verifierKey = formatVerifierKey(signer.name, device.publicKey);

function entryAt(seq: number, action = 'payments.create'): AuditEntry {
  const time = new Date(Date.UTC(2024, 4, 1, 12, 0, seq)).toISOString();
  return { seq, time, actor: { userId: 'u-1', deviceId: 'd-1' }, action, target: `pay-${seq}`, outcome: 'allowed', reason: null, details: {} };
}

/** A bundle as the vault exports it: entries, and a checkpoint signed at each of `sizes`. */
function exportLog(entryBytes: readonly Buffer[], sizes: readonly number[], options: { seed?: Uint8Array; origin?: string } = {}): AuditBundle {
  const store = new MemoryMerkleStore();
  store.appendLeafHashes(entryBytes.map((bytes) => hashLeaf(bytes)));
  return {
    format: AUDIT_BUNDLE_FORMAT,
    origin: ORIGIN,
    verifierKey,
    entries: entryBytes.map((bytes, index) => ({ index, data: bytes.toString('base64') })),
    checkpoints: sizes.map((size) =>
      signCheckpoint({ origin: options.origin ?? ORIGIN, size, rootHash: rootAt(store, size) }, { ...signer, seed: options.seed ?? signer.seed }),
    ),
    cosignatures: [],
  };
}

const entries = Array.from({ length: 40 }, (_, seq) => encodeAuditEntry(entryAt(seq)));
const bundle = exportLog(entries, [5, 16, 16, 33, 40]);
const withEntries = (list: AuditBundle['entries']) => ({ ...bundle, entries: list });

/** A bundle verifier: the one-by-one `verifyBundle`, or one that hashes ranges of entries elsewhere. */
export type BundleVerifier = (input: unknown, options?: VerifyBundleOptions) => Promise<VerifiedBundle>;

/**
 * Every finding of docs/audit.md's bundle verifier, as an attacker would provoke it, run against `verify`:
 * each verifier must give the same code at the same position, whatever thread hashes the entries.
 */
export function describeBundleVerifier(verify: BundleVerifier): void {
  describe('when the bundle is what the vault exported', () => {
    it('verifies and reports the size, root and number of checkpoints', async () => {
      const progress: [number, number][] = [];
      const result = await verify(JSON.parse(JSON.stringify(bundle)), { onProgress: (done, total) => progress.push([done, total]) });
      const store = new MemoryMerkleStore();
      store.appendLeafHashes(entries.map((bytes) => hashLeaf(bytes)));
      const { tree, ...summary } = result;
      expect(summary).toEqual({ origin: ORIGIN, size: 40, rootHash: rootAt(store, 40), checkpoints: 5 });
      // The recomputed tree comes back with every perfect subtree the entries give.
      for (const level of [1, 2, 3, 4, 5]) {
        for (let index = 0; index < Math.floor(40 / 2 ** level); index++) expect(tree.node(level, index)).toEqual(store.node(level, index));
      }
      expect(progress.at(-1)).toEqual([40, 40]);
    });
    it('verifies an empty log with a checkpoint of size 0', async () => {
      expect((await verify(exportLog([], [0]))).size).toBe(0);
    });
    it('verifies against the pinned device key', async () => {
      expect((await verify(bundle, { trustedVerifierKey: verifierKey })).checkpoints).toBe(5);
    });
  });

  describe('when an attacker edits an entry', () => {
    it('refuses it with AUDIT_ROOT_MISMATCH at the first checkpoint covering it', async () => {
      const edited = encodeAuditEntry(entryAt(7, 'payments.cancel'));
      const list = bundle.entries.map((entry) => (entry.index === 7 ? { index: 7, data: edited.toString('base64') } : entry));
      await expect(verify(withEntries(list))).toThrowCode('AUDIT_ROOT_MISMATCH');
      await expect(verify(withEntries(list))).rejects.toMatchObject({ index: 1, size: 16 });
    });
  });

  describe('when an attacker deletes an entry', () => {
    it('refuses a gap in the indices with AUDIT_OUT_OF_ORDER', async () => {
      const list = bundle.entries.filter((entry) => entry.index !== 12);
      await expect(verify(withEntries(list))).toThrowCode('AUDIT_OUT_OF_ORDER');
      await expect(verify(withEntries(list))).rejects.toMatchObject({ index: 12 });
    });
    it('refuses renumbered indices with AUDIT_TRUNCATED, as the last checkpoint covers one more', async () => {
      const list = bundle.entries.filter((entry) => entry.index !== 12).map((entry, index) => ({ ...entry, index }));
      await expect(verify(withEntries(list))).toThrowCode('AUDIT_TRUNCATED');
    });
    it('refuses entries rewritten to close the gap with AUDIT_ROOT_MISMATCH', async () => {
      const rewritten = Array.from({ length: 33 }, (_, seq) =>
        encodeAuditEntry({ ...entryAt(seq), time: entryAt(seq < 12 ? seq : seq + 1).time }).toString('base64'),
      );
      const list = rewritten.map((data, index) => ({ index, data }));
      await expect(verify({ ...withEntries(list), checkpoints: bundle.checkpoints.slice(0, 4) })).toThrowCode('AUDIT_ROOT_MISMATCH');
    });
  });

  describe('when an attacker replays an entry at another index', () => {
    it('refuses it with AUDIT_BAD_ENTRY, as each entry names its own seq', async () => {
      const list = bundle.entries.map((entry) => (entry.index === 12 ? { index: 12, data: bundle.entries[13]?.data ?? '' } : entry));
      await expect(verify(withEntries(list))).toThrowCode('AUDIT_BAD_ENTRY');
      await expect(verify(withEntries(list))).rejects.toMatchObject({ index: 12 });
    });
  });

  describe('when an attacker swaps or repeats entries', () => {
    it('refuses it with AUDIT_OUT_OF_ORDER', async () => {
      const swapped = bundle.entries.map((entry, i, all) => (i === 3 ? all[4] : i === 4 ? all[3] : entry)) as AuditBundle['entries'];
      const repeated = [...bundle.entries.slice(0, 10), bundle.entries[9] as AuditBundle['entries'][number], ...bundle.entries.slice(10)];
      await expect(verify(withEntries(swapped))).toThrowCode('AUDIT_OUT_OF_ORDER');
      await expect(verify(withEntries(repeated))).toThrowCode('AUDIT_OUT_OF_ORDER');
    });
  });

  describe('when entries are cut off or unsigned', () => {
    it('refuses fewer entries than the last checkpoint covers with AUDIT_TRUNCATED', async () => {
      await expect(verify(withEntries(bundle.entries.slice(0, 38)))).toThrowCode('AUDIT_TRUNCATED');
    });
    it('refuses entries after the last checkpoint with AUDIT_TRUNCATED', async () => {
      await expect(verify({ ...bundle, checkpoints: bundle.checkpoints.slice(0, 4) })).toThrowCode('AUDIT_TRUNCATED');
    });
    it('refuses a bundle without any checkpoint with AUDIT_TRUNCATED', async () => {
      await expect(verify({ ...bundle, checkpoints: [] })).toThrowCode('AUDIT_TRUNCATED');
    });
  });

  describe('when an attacker signs checkpoints with another key', () => {
    const attacker = generateEd25519KeyPair();
    const forged = exportLog(entries, [5, 16, 16, 33, 40], { seed: attacker.seed });

    it('refuses a forged checkpoint with AUDIT_BAD_SIGNATURE and its position', async () => {
      const mixed = { ...bundle, checkpoints: bundle.checkpoints.map((note, i) => (i === 2 ? (forged.checkpoints[2] as string) : note)) };
      await expect(verify(mixed)).toThrowCode('AUDIT_BAD_SIGNATURE');
      await expect(verify(mixed)).rejects.toMatchObject({ index: 2 });
    });
    it('refuses a bundle carrying the attacker key when the device key is pinned', async () => {
      const selfSigned = { ...forged, verifierKey: formatVerifierKey(signer.name, attacker.publicKey) };
      expect((await verify(selfSigned)).size).toBe(40);
      await expect(verify(selfSigned, { trustedVerifierKey: verifierKey })).toThrowCode('AUDIT_BAD_SIGNATURE');
    });
    it('refuses an edited signed size with AUDIT_BAD_SIGNATURE', async () => {
      const edited = { ...bundle, checkpoints: bundle.checkpoints.map((note) => note.replace(`${ORIGIN}\n33\n`, `${ORIGIN}\n34\n`)) };
      await expect(verify(edited)).toThrowCode('AUDIT_BAD_SIGNATURE');
    });
  });

  describe('when an attacker rolls back or reorders checkpoints', () => {
    it('refuses a later checkpoint of a smaller tree with AUDIT_INCONSISTENT', async () => {
      const reordered = { ...bundle, checkpoints: [bundle.checkpoints[1], bundle.checkpoints[0], ...bundle.checkpoints.slice(2)] as string[] };
      await expect(verify(reordered)).toThrowCode('AUDIT_INCONSISTENT');
      await expect(verify(reordered)).rejects.toMatchObject({ index: 1 });
    });
    it('refuses an old checkpoint of the log before it was rewritten with AUDIT_ROOT_MISMATCH', async () => {
      const rewritten = entries.map((bytes, seq) => (seq === 2 ? encodeAuditEntry(entryAt(2, 'payments.cancel')) : bytes));
      const forged = exportLog(rewritten, [16, 33, 40]);
      const withOldHead = { ...forged, checkpoints: [bundle.checkpoints[0] as string, ...forged.checkpoints] };
      await expect(verify(withOldHead)).toThrowCode('AUDIT_ROOT_MISMATCH');
      await expect(verify(withOldHead)).rejects.toMatchObject({ index: 0, size: 5 });
    });
    it('refuses a checkpoint of another log with AUDIT_BAD_CHECKPOINT', async () => {
      await expect(verify(exportLog(entries, [40], { origin: 'coffer.example/vault/other' }))).toThrowCode('AUDIT_BAD_CHECKPOINT');
    });
  });

  describe('when entry data is not a canonical audit entry', () => {
    it('refuses it with AUDIT_BAD_ENTRY and its index', async () => {
      const loose = Buffer.from(entries[6]?.toString('utf8').replace('"seq":6', '"seq": 6') ?? '');
      const log = exportLog(entries.map((bytes, i) => (i === 6 ? loose : bytes)), [40]);
      await expect(verify(log)).toThrowCode('AUDIT_BAD_ENTRY');
      await expect(verify(log)).rejects.toMatchObject({ index: 6 });
    });
    it('refuses non-canonical base64 with AUDIT_BAD_BUNDLE', async () => {
      const data = Buffer.from('ab').toString('base64').replace('YWI=', 'YWJ=');
      await expect(verify(withEntries([{ index: 0, data }, ...bundle.entries.slice(1)]))).toThrowCode('AUDIT_BAD_BUNDLE');
    });
    it('refuses entry data re-encoded with other trailing bits, which decodes to the same entry, with AUDIT_BAD_BUNDLE', async () => {
      const at = bundle.entries.findIndex((entry) => entry.data.endsWith('='));
      const data = bundle.entries[at]?.data ?? '';
      const pad = data.indexOf('=');
      const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
      const twin = `${data.slice(0, pad - 1)}${alphabet[alphabet.indexOf(data.charAt(pad - 1)) + 1] ?? ''}${data.slice(pad)}`;
      expect(Buffer.from(twin, 'base64').equals(Buffer.from(data, 'base64'))).toBe(true);
      const list = bundle.entries.map((entry) => (entry.index === at ? { index: at, data: twin } : entry));
      await expect(verify(withEntries(list))).toThrowCode('AUDIT_BAD_BUNDLE');
    });
    it('refuses base64url or stray characters, which a lenient decoder reads or skips, with AUDIT_BAD_BUNDLE', async () => {
      const url = Buffer.from([0xfb, 0xff, 0xbf]).toString('base64url');
      const padded = `${bundle.entries[3]?.data.slice(0, -4) ?? ''}\n${bundle.entries[3]?.data.slice(-4) ?? ''}`;
      for (const [at, data] of [[0, url], [3, padded]] as const) {
        const list = bundle.entries.map((entry) => (entry.index === at ? { index: at, data } : entry));
        await expect(verify(withEntries(list))).toThrowCode('AUDIT_BAD_BUNDLE');
      }
    });
    it('verifies canonical entries the quick scan leaves to the full reading: fractions, \\u escapes, non-ASCII keys', async () => {
      const unusual = entries.map((bytes, seq) =>
        seq % 3 === 0 ? encodeAuditEntry({ ...entryAt(seq), details: { ratio: 0.5, note: '\u0001', größe: { '\u{1f600}': 1e21 } } }) : bytes,
      );
      expect((await verify(exportLog(unusual, [40]))).size).toBe(40);
    });
  });

  describe('when a bundle breaks the schema and fails another check as well', () => {
    it('refuses it with AUDIT_BAD_BUNDLE, whichever check would fail first', async () => {
      const last = { index: 39, data: `${bundle.entries[39]?.data.slice(0, -4) ?? ''}!!!!` };
      const forged = bundle.checkpoints.map((note) => note.replace(`${ORIGIN}\n33\n`, `${ORIGIN}\n34\n`));
      await expect(verify({ ...withEntries([...bundle.entries.slice(0, 39), last]), checkpoints: forged })).toThrowCode('AUDIT_BAD_BUNDLE');
      const edited = encodeAuditEntry(entryAt(2, 'payments.cancel')).toString('base64');
      const list = [...bundle.entries.slice(0, 2), { index: 2, data: edited }, ...bundle.entries.slice(3, 39), last];
      await expect(verify(withEntries(list))).toThrowCode('AUDIT_BAD_BUNDLE');
    });
    it('refuses an entry with an extra field with AUDIT_BAD_BUNDLE', async () => {
      const list = bundle.entries.map((entry) => (entry.index === 5 ? { ...entry, note: 'x' } : entry));
      await expect(verify(withEntries(list))).toThrowCode('AUDIT_BAD_BUNDLE');
    });
  });

  describe('when the file is not a coffer-audit-bundle/v1', () => {
    const bad: [string, unknown][] = [
      ['another format', { ...bundle, format: 'coffer-audit-bundle/v2' }],
      ['no cosignatures list', { ...bundle, cosignatures: undefined }],
      ['a fractional index', withEntries([{ index: 0.5, data: '' }])],
      ['data that is not base64', withEntries([{ index: 0, data: '!!!!' }])],
      ['not an object', 'bundle'],
    ];
    it.each(bad)('refuses %s with AUDIT_BAD_BUNDLE', async (_, value) => {
      await expect(verify(value)).toThrowCode('AUDIT_BAD_BUNDLE');
    });
    it('refuses a malformed verifier key with AUDIT_BAD_KEY', async () => {
      await expect(verify({ ...bundle, verifierKey: 'nobody+00000000+AA==' })).toThrowCode('AUDIT_BAD_KEY');
    });
  });
}
