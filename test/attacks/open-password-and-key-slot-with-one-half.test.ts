import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { dispatch, openSession } from '../../src/app/index.js';
import { webAuthnStepUp } from '../../src/app/keys/webAuthnStepUp.js';
import { PASSWORD_AND_KEY_INFO, PRF_UNLOCK_INFO, type VaultKeyFile } from '../../src/contract/index.js';
import { hkdfSha256, openAesGcm, pbkdf2Sha512, randomBytes } from '../../src/crypto/index.js';
import { changePassword, createVault, rekeyVault, unlockVault, vaultPaths } from '../../src/vault/index.js';
import { enrolKey, stepUpProof } from '../support/hardwareKeys.js';
import { editKeyFile } from '../support/keyFileEdit.js';
import { OTHER_PASSWORD, TEST_KDF, TEST_PASSWORD } from '../support/testVault.js';
import { startAuthenticatorBrowser, type AuthenticatorBrowser, type VirtualKey } from '../support/virtualAuthenticator.js';

/*
 * Attack: a vault that the organisation's policy makes open with the password and a hardware key together
 * (one `password-and-key` slot, docs/vault.md) is opened with one of them: the password alone (shoulder-surfed),
 * the key alone (taken from the desk), or either after the vault's own user rewrote the slot in vault.keys as a
 * slot of the other kinds. Each is refused and vault.db and vault.keys stay byte-identical.
 */
let browser: AuthenticatorBrowser;
let owner: VirtualKey;
let dir: string;
let credentialId: string;
let prfInput: string;

beforeAll(async () => {
  browser = await startAuthenticatorBrowser();
  owner = await browser.newKey();
  // One vault for the file (tempDir's folders go after each test): each test leaves it as it found it.
  dir = join(mkdtempSync(join(tmpdir(), 'coffer-both-')), 'vault');
  const made = await createVault(dir, TEST_PASSWORD, { ...TEST_KDF, autoLockMs: null });
  const session = await openSession(made.vault, { stepUp: webAuthnStepUp({ vault: made.vault }) });
  credentialId = await enrolKey(session, owner, 'Owner key');
  prfInput = randomBytes(32).toString('base64url');
  // First the key unlocks by itself, as keys.enable-unlock makes it: the combined slot must replace that too.
  const enabled = await dispatch(session, 'keys.enable-unlock', { id: credentialId, prfInput, prfOutput: (await prfOutput()).toString('base64url') }, { stepUpProof: await stepUpProof(session, owner) });
  expect(enabled).toMatchObject({ ok: true });
  // The organisation asks for both; the user turns it on with the password and one touch (keys.require-password-and-key).
  const turnOn = async (password: string) =>
    dispatch(session, 'keys.require-password-and-key', { id: credentialId, prfInput, prfOutput: (await prfOutput()).toString('base64url'), password }, { stepUpProof: await stepUpProof(session, owner) });
  const keysBefore = readFileSync(vaultPaths(dir).keys);
  // A wrong password changes nothing: someone at the unlocked window cannot lock the owner out with a password of theirs.
  expect(await turnOn(OTHER_PASSWORD)).toMatchObject({ ok: false, error: { code: 'VAULT_WRONG_PASSWORD' } });
  expect(readFileSync(vaultPaths(dir).keys).equals(keysBefore)).toBe(true);
  expect(await turnOn(TEST_PASSWORD)).toMatchObject({ ok: true, value: { id: credentialId, keyUnlockTurnedOff: [credentialId] } });
  expect(await dispatch(session, 'keys.list', {})).toMatchObject({ ok: true, value: { keys: [{ id: credentialId, unlocks: true }], unlock: { current: 'password-and-key' } } });
  made.vault.lock();
});
afterAll(async () => {
  await browser?.close();
  if (dir !== undefined) rmSync(join(dir, '..'), { recursive: true, force: true });
});

// Each test starts without the back-off counter the wrong guesses of the one before left (anyone may delete it).
beforeEach(() => rmSync(vaultPaths(dir).backoff, { force: true }));

/** An edit of vault.keys by the vault's own user, taken back after `attempt` whatever it did. */
async function withEditedKeys(edit: Parameters<typeof editKeyFile>[1], attempt: () => Promise<void>): Promise<void> {
  const original = readFileSync(vaultPaths(dir).keys);
  editKeyFile(dir, edit);
  try {
    await attempt();
  } finally {
    writeFileSync(vaultPaths(dir).keys, original);
  }
}

async function prfOutput(): Promise<Buffer> {
  const assertion = await owner.assert({ challenge: randomBytes(32).toString('base64url'), allowCredentials: [{ id: credentialId, type: 'public-key' }], prfInput });
  const first = (assertion.clientExtensionResults as { prf?: { results?: { first?: string } } }).prf?.results?.first;
  if (first === undefined) throw new Error('no PRF output');
  return Buffer.from(first, 'base64url');
}

function snapshot() {
  const paths = vaultPaths(dir);
  return { db: readFileSync(paths.db), keys: readFileSync(paths.keys) };
}

function expectUnchanged(before: { db: Buffer; keys: Buffer }) {
  const now = snapshot();
  expect(now.db.equals(before.db)).toBe(true);
  expect(now.keys.equals(before.keys)).toBe(true);
}

describe('a vault that opens with the password and a key together', () => {
  it('keeps only the combined slot and the recovery slot', () => {
    const file = JSON.parse(readFileSync(vaultPaths(dir).keys, 'utf8')) as VaultKeyFile;
    expect(file.slots.map((slot) => [slot.kind, slot.kdf.name, slot.credentialId ?? null])).toEqual([
      ['recovery', 'pbkdf2-hmac-sha512', null],
      ['password-and-key', 'pbkdf2-sha512+hkdf-sha256', credentialId],
    ]);
  });

  it('refuses the password alone with VAULT_PASSWORD_AND_KEY_REQUIRED, counts nothing and changes nothing', async () => {
    const before = snapshot();
    await expect(unlockVault(dir, { password: TEST_PASSWORD })).rejects.toMatchObject({ code: 'VAULT_PASSWORD_AND_KEY_REQUIRED', message: expect.stringContaining('with both') });
    expectUnchanged(before);
    expect(existsSync(vaultPaths(dir).backoff)).toBe(false);
  });

  it('refuses the key alone with VAULT_PASSWORD_AND_KEY_REQUIRED, counts nothing and changes nothing', async () => {
    const before = snapshot();
    await expect(unlockVault(dir, { prf: { credentialId, output: await prfOutput() } })).rejects.toMatchObject({ code: 'VAULT_PASSWORD_AND_KEY_REQUIRED', message: expect.stringContaining('enter the password too') });
    expectUnchanged(before);
    expect(existsSync(vaultPaths(dir).backoff)).toBe(false);
  });

  it('refuses the key with a wrong password as a wrong password (counted), and changes nothing else', async () => {
    const before = snapshot();
    await expect(unlockVault(dir, { passwordAndKey: { password: OTHER_PASSWORD, credentialId, output: await prfOutput() } })).rejects.toMatchObject({ code: 'VAULT_WRONG_PASSWORD' });
    expectUnchanged(before);
  });

  it('refuses the key alone against the slot rewritten as a key-only slot (VAULT_WRONG_KEY): the password is part of its key', async () => {
    const edit = (file: VaultKeyFile) => {
      const slot = file.slots.find((s) => s.kind === 'password-and-key') as VaultKeyFile['slots'][number];
      slot.kind = 'webauthn-prf';
      slot.kdf = { name: 'hkdf-sha256', salt: slot.kdf.salt, info: PRF_UNLOCK_INFO };
    };
    await withEditedKeys(edit, async () => {
      const edited = snapshot();
      await expect(unlockVault(dir, { prf: { credentialId, output: await prfOutput() } })).rejects.toMatchObject({ code: 'VAULT_WRONG_KEY' });
      expectUnchanged(edited);
    });
  });

  it('refuses the password alone against the slot rewritten as a password slot (VAULT_WRONG_PASSWORD): the key is part of its key', async () => {
    const edit = (file: VaultKeyFile) => {
      const slot = file.slots.find((s) => s.kind === 'password-and-key') as VaultKeyFile['slots'][number] & { kdf: { iterations: number } };
      slot.kind = 'password';
      slot.kdf = { name: 'pbkdf2-hmac-sha512', iterations: slot.kdf.iterations, salt: slot.kdf.salt };
      delete slot.credentialId;
      delete slot.prfInput;
    };
    await withEditedKeys(edit, async () => {
      const edited = snapshot();
      await expect(unlockVault(dir, { password: TEST_PASSWORD })).rejects.toMatchObject({ code: 'VAULT_WRONG_PASSWORD' });
      expectUnchanged(edited);
    });
  });

  it('refuses a slot that keeps its kind but claims a password-only KDF (VAULT_KDF_DOWNGRADE), before any work', async () => {
    const edit = (file: VaultKeyFile) => {
      const slot = file.slots.find((s) => s.kind === 'password-and-key') as VaultKeyFile['slots'][number] & { kdf: { iterations: number } };
      slot.kdf = { name: 'pbkdf2-hmac-sha512', iterations: slot.kdf.iterations, salt: slot.kdf.salt };
    };
    await withEditedKeys(edit, async () => {
      await expect(unlockVault(dir, { passwordAndKey: { password: TEST_PASSWORD, credentialId, output: await prfOutput() } })).rejects.toMatchObject({ code: 'VAULT_KDF_DOWNGRADE' });
    });
  });

  it('by hand, outside Coffer: the wrap opens under a key made from both, and not under one made from either alone', async () => {
    // What the vault's own user can compute with the file in front of them (docs/vault.md gives the derivation).
    const file = JSON.parse(readFileSync(vaultPaths(dir).keys, 'utf8')) as VaultKeyFile;
    const slot = file.slots.find((s) => s.kind === 'password-and-key') as VaultKeyFile['slots'][number] & { kdf: { iterations: number; salt: string } };
    const salt = Buffer.from(slot.kdf.salt, 'base64');
    const aad = Buffer.from(['coffer/keyslot/v1', file.vaultId, slot.id, slot.kind].join('\0'), 'utf8');
    const box = { iv: Buffer.from(slot.iv, 'base64'), ciphertext: Buffer.from(slot.wrappedKey, 'base64'), tag: Buffer.from(slot.tag, 'base64') };
    const opensWith = (kek: Buffer) => {
      try {
        return openAesGcm(kek, box, aad).length === 32;
      } catch {
        return false;
      }
    };
    const stretched = await pbkdf2Sha512(Buffer.from(TEST_PASSWORD, 'utf8'), salt, slot.kdf.iterations, 64);
    const prf = await prfOutput();
    expect(opensWith(hkdfSha256(Buffer.concat([stretched, prf]), salt, PASSWORD_AND_KEY_INFO, 64).subarray(0, 32))).toBe(true);
    // The key alone, as a key-only slot derives it, or with the info of this kind; the password alone, stretched.
    expect(opensWith(hkdfSha256(prf, salt, PRF_UNLOCK_INFO, 64).subarray(0, 32))).toBe(false);
    expect(opensWith(hkdfSha256(prf, salt, PASSWORD_AND_KEY_INFO, 64).subarray(0, 32))).toBe(false);
    expect(opensWith(stretched.subarray(0, 32))).toBe(false);
    expect(opensWith(hkdfSha256(stretched, salt, PASSWORD_AND_KEY_INFO, 64).subarray(0, 32))).toBe(false);
  });

  it('opens with both; then adds no way in with one of them (no password of its own, no key alone, no rekey under the password)', async () => {
    const vault = await unlockVault(dir, { passwordAndKey: { password: TEST_PASSWORD, credentialId, output: await prfOutput() } }, { autoLockMs: null });
    try {
      const before = snapshot();
      await expect(changePassword(vault, OTHER_PASSWORD, TEST_KDF)).rejects.toMatchObject({ code: 'VAULT_PASSWORD_AND_KEY_REQUIRED' });
      await expect(rekeyVault(vault, TEST_PASSWORD, TEST_KDF)).rejects.toMatchObject({ code: 'VAULT_PASSWORD_AND_KEY_REQUIRED' });
      const session = await openSession(vault, { stepUp: webAuthnStepUp({ vault }) });
      const enable = await dispatch(session, 'keys.enable-unlock', { id: credentialId, prfInput, prfOutput: (await prfOutput()).toString('base64url') }, { stepUpProof: await stepUpProof(session, owner) });
      expect(enable).toMatchObject({ ok: false, error: { code: 'VAULT_PASSWORD_AND_KEY_REQUIRED' } });
      expect(snapshot().keys.equals(before.keys)).toBe(true);
      expect(JSON.parse(readFileSync(vaultPaths(dir).keys, 'utf8')).slots.map((slot: { kind: string }) => slot.kind)).toEqual(['recovery', 'password-and-key']);
    } finally {
      vault.lock();
    }
  });
});
