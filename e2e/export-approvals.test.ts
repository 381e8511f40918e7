import { server } from '@passwordless-id/webauthn';
// eslint-disable-next-line no-restricted-imports -- an outside verifier's own SHA-256 and JWK import, not the app's
import { createHash, createPublicKey } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch, openSession } from '../src/app/index.js';
import { unlockVault } from '../src/vault/index.js';
import { recordingStepUp } from '../test/fixtures/demo/demoVault.js';
import { coffer } from '../test/support/cofferCli.js';

/*
 * Outside verification (issue 12 item 6): `coffer payments export-approvals` on a demo vault, and every exported
 * approval checked by @passwordless-id/webauthn, a WebAuthn verifier that shares no code with the
 * @simplewebauthn/server the app verifies with, given only the file. The challenge is recomputed here too, from
 * the digest inputs, with this file's own SHA-256 and canonical JSON.
 */

// The published demo password (src/app/demo/seedDemoVault.ts).
const DEMO = { COFFER_PASSWORD: 'coffer demo password' };

interface ExportedApproval {
  approvalId: string;
  userId: string;
  rpId: string;
  origin: string;
  expectedChallenge: string;
  counter: number;
  storedCounter: number | null;
  credential: { id: string; publicKeyJwk: { kty: string; crv: string; x: string; y: string; alg: string } };
  assertion: { id: string; rawId: string; type: string; response: { clientDataJSON: string; authenticatorData: string; signature: string; userHandle?: string | null } };
  digestInputs: { kind: 'payment' | 'batch'; tag: string; payment: Record<string, string | null>; payments?: { id: string; digest: string }[] };
}
interface ApprovalDocument {
  format: string;
  payment: { id: string; digest: string };
  approvals: ExportedApproval[];
}

let folder: string;
let vault: string;

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'coffer-e2e-approvals-'));
  vault = join(folder, 'vault');
  const seeded = await coffer(['demo', 'seed', '--vault', vault, '--user', 'carol']);
  expect(seeded.status, seeded.stderr).toBe(0);
  // Carol approves demo-0004 and demo-0005 as one batch, signed by her demo credential (a software key).
  const opened = await unlockVault(vault, { password: DEMO.COFFER_PASSWORD }, { autoLockMs: null });
  const batch = await dispatch(await openSession(opened, { stepUp: recordingStepUp().verifier }), 'payments.approve-batch', { ids: ['demo-0004', 'demo-0005'] });
  opened.lock();
  expect(batch).toMatchObject({ ok: true });
}, 120_000);
afterAll(() => rmSync(folder, { recursive: true, force: true }));

async function exportApprovals(id: string, force = false): Promise<ApprovalDocument> {
  const out = join(folder, `${id}.json`);
  const run = await coffer(['payments', 'export-approvals', '--vault', vault, '--id', id, '--out', out, ...(force ? ['--force'] : [])], DEMO);
  expect(run.status, run.stderr).toBe(0);
  return JSON.parse(readFileSync(out, 'utf8')) as ApprovalDocument;
}

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest();
/** RFC 8785 for the flat objects of strings and nulls a payment digest hashes: keys sorted, JSON.stringify's escaping. */
const canonicalFlat = (body: Record<string, string | null>) => JSON.stringify(Object.fromEntries(Object.entries(body).sort(([a], [b]) => (a < b ? -1 : 1))));

/** The challenge recomputed from the digest inputs alone (docs/signing.md). */
function recomputedChallenge(approval: ExportedApproval, paymentDigestHex: string): string {
  const inputs = approval.digestInputs;
  const payment = sha256(`coffer/payment/v1${canonicalFlat(inputs.payment)}`);
  expect(payment.toString('hex')).toBe(paymentDigestHex);
  if (inputs.kind === 'payment') return payment.toString('base64url');
  const digests = (inputs.payments ?? []).map((member) => member.digest);
  expect(digests).toContain(paymentDigestHex);
  return sha256(`coffer/payment-batch/v1${JSON.stringify([...digests].sort())}`).toString('base64url');
}

/**
 * @passwordless-id/webauthn 2.4 turns an ES256 signature from DER into r ‖ s assuming each integer fills 32
 * bytes (convertASN1toRaw in its server.js), so it misreads the one signature in a hundred or so whose r or s
 * is shorter: it failed this test now and then. The same two integers, each written as 0x00 and 32 bytes, are
 * what it reads right; the values it verifies are unchanged.
 */
function widenedForItsParser(signature: string): string {
  const der = Buffer.from(signature, 'base64url');
  const rLength = der[3] ?? 0;
  const sLength = der[5 + rLength] ?? 0;
  const wide = (integer: Buffer) => {
    let first = 0;
    while (first < integer.length - 1 && integer[first] === 0) first += 1;
    const value = integer.subarray(first);
    return Buffer.concat([Buffer.from([0x02, 33, 0]), Buffer.alloc(32 - value.length), value]);
  };
  return Buffer.concat([Buffer.from([0x30, 70]), wide(der.subarray(4, 4 + rLength)), wide(der.subarray(6 + rLength, 6 + rLength + sLength))]).toString('base64url');
}

/** The outside verifier, given only what the file holds. */
function verify(approval: ExportedApproval, overrides: { challenge?: string; signature?: string } = {}) {
  const spki = createPublicKey({ key: approval.credential.publicKeyJwk, format: 'jwk' }).export({ type: 'spki', format: 'der' });
  const signature = widenedForItsParser(overrides.signature ?? approval.assertion.response.signature);
  const assertion = { ...approval.assertion, response: { ...approval.assertion.response, signature } };
  return server.verifyAuthentication(
    assertion as Parameters<typeof server.verifyAuthentication>[0],
    { id: approval.credential.id, publicKey: spki.toString('base64url'), algorithm: approval.credential.publicKeyJwk.alg as 'ES256', transports: [] },
    { challenge: overrides.challenge ?? approval.expectedChallenge, origin: approval.origin, domain: approval.rpId, userVerified: true },
  );
}

function flipped(base64url: string, at: 'last' | 'middle'): string {
  const bytes = Buffer.from(base64url, 'base64url');
  const index = at === 'last' ? bytes.length - 1 : bytes.length >> 1;
  bytes[index] = (bytes[index] ?? 0) ^ 0x01;
  return bytes.toString('base64url');
}

describe('when the approvals of the demo are exported and handed to another WebAuthn library', () => {
  it('accepts every approval, single and batch, with the challenge the file states and recomputes', async () => {
    const expected: Record<string, [string, 'payment' | 'batch'][]> = {
      'demo-0004': [['bob', 'payment'], ['carol', 'batch']],
      'demo-0005': [['carol', 'batch']],
      'demo-0007': [['bob', 'payment'], ['carol', 'payment']],
      'demo-0011': [['carol', 'payment'], ['bob', 'payment']],
    };
    for (const [id, approvals] of Object.entries(expected)) {
      const document = await exportApprovals(id);
      expect(document).toMatchObject({ format: 'coffer-approvals/v1', payment: { id } });
      expect(document.approvals.map((a) => [a.userId, a.digestInputs.kind])).toEqual(approvals);
      for (const approval of document.approvals) {
        expect(approval).toMatchObject({ rpId: 'bank.example', origin: 'https://desktop.bank.example', credential: { publicKeyJwk: { kty: 'EC', crv: 'P-256', alg: 'ES256' } } });
        expect(recomputedChallenge(approval, document.payment.digest)).toBe(approval.expectedChallenge);
        const info = await verify(approval);
        expect(info).toMatchObject({ credentialId: approval.credential.id, userVerified: true, counter: approval.counter });
      }
    }
  }, 300_000);

  it('refuses an approval whose signature or expected challenge has one byte flipped', async () => {
    // Written again over the first test's file: --force replaces it.
    const [approval] = (await exportApprovals('demo-0007', true)).approvals;
    if (approval === undefined) throw new Error('demo-0007 exported no approval');
    await expect(verify(approval)).resolves.toMatchObject({ userVerified: true });
    await expect(verify(approval, { signature: flipped(approval.assertion.response.signature, 'last') })).rejects.toThrow(/Invalid signature/);
    await expect(verify(approval, { challenge: flipped(approval.expectedChallenge, 'middle') })).rejects.toThrow(/challenge/);
  }, 120_000);
});

describe('when there is nothing to export, or the file exists', () => {
  it('refuses a payment without approvals and an existing file without --force, writing nothing', async () => {
    const none = await coffer(['payments', 'export-approvals', '--vault', vault, '--id', 'demo-0001', '--out', join(folder, 'none.json')], DEMO);
    expect(none.status).toBe(1);
    expect(none.stderr).toMatch(/\[APP_NOTHING_TO_EXPORT\]\n$/);
    const taken = join(folder, 'taken.json');
    writeFileSync(taken, 'mine');
    const refused = await coffer(['payments', 'export-approvals', '--vault', vault, '--id', 'demo-0006', '--out', taken], DEMO);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/\[APP_FILE_EXISTS\]\n$/);
    expect(readFileSync(taken, 'utf8')).toBe('mine');
  }, 120_000);
});
