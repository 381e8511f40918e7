import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEntries } from '../../../test/fixtures/demo/demoVault.js';
import { enrolKey, stepUpProof } from '../../../test/support/hardwareKeys.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TEST_KDF, TEST_PASSWORD } from '../../../test/support/testVault.js';
import { startAuthenticatorBrowser, type AuthenticatorBrowser, type VirtualKey } from '../../../test/support/virtualAuthenticator.js';
import { randomBytes } from '../../crypto/index.js';
import { createVault, unlockVault, type UnlockedVault } from '../../vault/index.js';
import { dispatch } from '../dispatch/dispatch.js';
import { openSession, type Session } from '../dispatch/openSession.js';
import { webAuthnStepUp } from '../keys/webAuthnStepUp.js';

// Unlock with a hardware key (issue 12 item 2): the key's PRF output, through HKDF, opens a webauthn-prf slot.
let browser: AuthenticatorBrowser;
let key: VirtualKey;
let dir: string;
let vault: UnlockedVault;
let session: Session;
let keyId: string;
const prfInput = randomBytes(32).toString('base64url');

/** The key's PRF output for `prfInput`, from a real get() ceremony. */
async function prfOutputOf(authenticator: VirtualKey, credentialId: string): Promise<Buffer> {
  const assertion = await authenticator.assert({ challenge: randomBytes(32).toString('base64url'), allowCredentials: [{ id: credentialId, type: 'public-key' }], prfInput });
  const first = (assertion.clientExtensionResults as { prf?: { results?: { first?: string } } }).prf?.results?.first;
  if (first === undefined) throw new Error('the key gave no PRF output');
  return Buffer.from(first, 'base64url');
}

async function reopen(secret: Parameters<typeof unlockVault>[1]) {
  vault.lock();
  vault = await unlockVault(dir, secret, { autoLockMs: null });
  session = await openSession(vault, { stepUp: webAuthnStepUp({ vault }) });
}

beforeAll(async () => {
  browser = await startAuthenticatorBrowser();
  key = await browser.newKey({ hasPrf: true });
  // Its own folder: tempDir() would remove it after the first test.
  dir = join(mkdtempSync(join(tmpdir(), 'coffer-prf-')), 'vault');
  ({ vault } = await createVault(dir, TEST_PASSWORD, { ...TEST_KDF, autoLockMs: null }));
  session = await openSession(vault, { stepUp: webAuthnStepUp({ vault }) });
  keyId = await enrolKey(session, key, 'YubiKey Bio');
});
afterAll(async () => {
  vault?.lock();
  if (dir) rmSync(join(dir, '..'), { recursive: true, force: true });
  await browser?.close();
});

describe('when the user lets a PRF-capable key unlock the vault', () => {
  it('adds a webauthn-prf slot after a step-up, and keys.list says the key unlocks', async () => {
    const prfOutput = (await prfOutputOf(key, keyId)).toString('base64url');
    expect(await dispatch(session, 'keys.enable-unlock', { id: keyId, prfInput, prfOutput })).toMatchObject({ ok: false, error: { code: 'APP_STEP_UP_REQUIRED' } });
    const result = await dispatch(session, 'keys.enable-unlock', { id: keyId, prfInput, prfOutput }, { stepUpProof: await stepUpProof(session, key) });
    expect(result).toMatchObject({ ok: true, value: { id: keyId, slotId: expect.stringMatching(/^webauthn-prf-/) } });
    const slot = vault.keyFile.slots.find((s) => s.kind === 'webauthn-prf');
    expect(slot).toMatchObject({ credentialId: keyId, kdf: { name: 'hkdf-sha256', info: 'coffer/vault-unlock/v1' }, prfInput: Buffer.from(prfInput, 'base64url').toString('base64') });
    expect(JSON.stringify(slot)).not.toContain(prfOutput);
    expect(await dispatch(session, 'keys.list', {})).toMatchObject({ ok: true, value: { keys: [{ id: keyId, unlocks: true }] } });
  });

  it('then opens the vault with the key alone (its PRF output for the slot’s input)', async () => {
    await reopen({ prf: { credentialId: keyId, output: await prfOutputOf(key, keyId) } });
    expect(vault.isLocked).toBe(false);
    expect(auditEntries(vault).at(-1)).toMatchObject({ action: 'vault.unlock', outcome: 'allowed', details: { via: 'webauthn-prf' } });
  });

  it('still opens with the password', async () => {
    await reopen({ password: TEST_PASSWORD });
    expect(vault.isLocked).toBe(false);
  });
});

describe('when the data key is rotated (passwd --rekey)', () => {
  it('drops the key\'s slot, which wrapped the old data key, and says so in the answer, the log and keys.list', async () => {
    const output = await prfOutputOf(key, keyId);
    const rekeyed = await dispatch(session, 'vault.passwd', { newPassword: TEST_PASSWORD, rekey: true });
    expect(rekeyed).toMatchObject({ ok: true, value: { rekeyed: true, keyUnlockTurnedOff: [keyId] } });
    expect(vault.keyFile.slots.some((s) => s.kind === 'webauthn-prf')).toBe(false);
    expect(auditEntries(vault).filter((e) => e.action === 'vault.rekey').at(-1)).toMatchObject({ details: { step: 'promoted', keyUnlockTurnedOff: [keyId] } });
    expect(await dispatch(session, 'keys.list', {})).toMatchObject({ ok: true, value: { keys: [{ id: keyId, unlocks: false }] } });
    vault.lock();
    await expect(unlockVault(dir, { prf: { credentialId: keyId, output } }, { autoLockMs: null })).rejects.toMatchObject({ code: 'VAULT_WRONG_KEY' });
    await reopen({ password: TEST_PASSWORD });
    // Turned on again, the key opens the vault under its new data key.
    const prfOutput = (await prfOutputOf(key, keyId)).toString('base64url');
    expect(await dispatch(session, 'keys.enable-unlock', { id: keyId, prfInput, prfOutput }, { stepUpProof: await stepUpProof(session, key) })).toMatchObject({ ok: true });
    await reopen({ prf: { credentialId: keyId, output: await prfOutputOf(key, keyId) } });
    expect(vault.isLocked).toBe(false);
  });
});

describe('when the key is removed', () => {
  it('removes its slot in the same step, and its PRF output opens nothing any more (VAULT_WRONG_KEY)', async () => {
    const output = await prfOutputOf(key, keyId);
    // A second key, so the first one may go; the step-up is made with the first.
    const spare = await browser.newKey();
    await enrolKey(session, spare, 'Spare', await stepUpProof(session, key));
    const removed = await dispatch(session, 'keys.remove', { id: keyId }, { stepUpProof: await stepUpProof(session, key) });
    expect(removed).toMatchObject({ ok: true, value: { removedSlots: [expect.stringMatching(/^webauthn-prf-/)] } });
    expect(vault.keyFile.slots.some((s) => s.kind === 'webauthn-prf')).toBe(false);
    vault.lock();
    await expect(unlockVault(dir, { prf: { credentialId: keyId, output } }, { autoLockMs: null })).rejects.toMatchObject({ code: 'VAULT_WRONG_KEY' });
    vault = await unlockVault(dir, { password: TEST_PASSWORD }, { autoLockMs: null });
  });
});
