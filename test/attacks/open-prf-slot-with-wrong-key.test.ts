import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch, openSession } from '../../src/app/index.js';
import { webAuthnStepUp } from '../../src/app/keys/webAuthnStepUp.js';
import { randomBytes } from '../../src/crypto/index.js';
import { unlockVault, vaultPaths } from '../../src/vault/index.js';
import { enrolKey, stepUpProof } from '../support/hardwareKeys.js';
import { makeTestVault } from '../support/testVault.js';
import { startAuthenticatorBrowser, type AuthenticatorBrowser, type VirtualKey } from '../support/virtualAuthenticator.js';

// Attack: someone with the laptop but another hardware key (their own, or one that evaluates PRF for the same
// input) tries to open the vault's webauthn-prf slot with that key's PRF output.
let browser: AuthenticatorBrowser;
let owner: VirtualKey;
let thief: VirtualKey;

beforeAll(async () => {
  browser = await startAuthenticatorBrowser();
  owner = await browser.newKey();
  thief = await browser.newKey();
});
afterAll(async () => {
  await browser?.close();
});

async function prfOutput(key: VirtualKey, credentialId: string | undefined, prfInput: string): Promise<Buffer> {
  const allowCredentials = credentialId === undefined ? [] : [{ id: credentialId, type: 'public-key' }];
  const assertion = await key.assert({ challenge: randomBytes(32).toString('base64url'), allowCredentials, prfInput });
  const first = (assertion.clientExtensionResults as { prf?: { results?: { first?: string } } }).prf?.results?.first;
  if (first === undefined) throw new Error('no PRF output');
  return Buffer.from(first, 'base64url');
}

describe("when the vault's PRF slot is opened with another key's PRF output", () => {
  it('refuses it with VAULT_WRONG_KEY and leaves vault.db and vault.keys byte-identical', async () => {
    const { dir, vault } = await makeTestVault();
    const session = await openSession(vault, { stepUp: webAuthnStepUp({ vault }) });
    const ownerId = await enrolKey(session, owner, 'Owner key');
    const prfInput = randomBytes(32).toString('base64url');
    const enabled = await dispatch(session, 'keys.enable-unlock', { id: ownerId, prfInput, prfOutput: (await prfOutput(owner, ownerId, prfInput)).toString('base64url') }, { stepUpProof: await stepUpProof(session, owner) });
    expect(enabled).toMatchObject({ ok: true });
    vault.lock();
    // The thief's own credential for the same relying party, asked for the slot's PRF input.
    const options = { rp: { id: 'bank.example', name: 'Coffer' }, user: { id: 'dGhpZWY', name: 'thief', displayName: 'thief' }, challenge: randomBytes(32).toString('base64url'), pubKeyCredParams: [{ type: 'public-key', alg: -7 }], authenticatorSelection: { residentKey: 'preferred', userVerification: 'required' }, extensions: { prf: {} } };
    const thiefId = (await thief.register(options)).id;
    const stolen = await prfOutput(thief, thiefId, prfInput);
    const paths = vaultPaths(dir);
    const before = { db: readFileSync(paths.db), keys: readFileSync(paths.keys) };
    // Claimed to be the owner's key: the slot's check value refuses it.
    await expect(unlockVault(dir, { prf: { credentialId: ownerId, output: stolen } })).rejects.toMatchObject({ code: 'VAULT_WRONG_KEY' });
    // Under the thief's own id: no slot is his.
    await expect(unlockVault(dir, { prf: { credentialId: thiefId, output: stolen } })).rejects.toMatchObject({ code: 'VAULT_WRONG_KEY' });
    expect(readFileSync(paths.db).equals(before.db)).toBe(true);
    expect(readFileSync(paths.keys).equals(before.keys)).toBe(true);
    // The owner's key still opens it (two wrong tries are within the free attempts of the back-off).
    const reopened = await unlockVault(dir, { prf: { credentialId: ownerId, output: await prfOutput(owner, ownerId, prfInput) } }, { autoLockMs: null });
    expect(reopened.isLocked).toBe(false);
    reopened.lock();
  });
});
