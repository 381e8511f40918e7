import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch, type Session } from '../../src/app/index.js';
import type { UnlockedVault } from '../../src/vault/index.js';
import { auditEntries } from '../fixtures/demo/demoVault.js';
import { heldCredential, storedCredential, vaultWithKey } from '../support/hardwareKeys.js';
import { startAuthenticatorBrowser, type AuthenticatorBrowser, type VirtualKey } from '../support/virtualAuthenticator.js';

// Attack: someone who holds the user's key but not its PIN or fingerprint touches it: the assertion shows
// the user present, not verified (UV flag clear), and is relayed to the app.
let browser: AuthenticatorBrowser;
let key: VirtualKey;
let vault: UnlockedVault;
let session: Session;
let credentialId: string;

beforeAll(async () => {
  browser = await startAuthenticatorBrowser();
  key = await browser.newKey();
  ({ vault, session, credentialId } = await vaultWithKey(key));
});
afterAll(async () => {
  vault?.lock();
  await browser?.close();
});

describe('when the step-up assertion lacks the UV flag', () => {
  it('refuses it with APP_STEP_UP_FAILED, audited, and changes nothing', async () => {
    const noPin = await browser.newKey({ hasUserVerification: false, isUserVerified: false });
    await noPin.addCredential({ ...(await heldCredential(key)), signCount: 500 });
    const options = await dispatch(session, 'keys.assert-options', {});
    if (!options.ok) throw new Error(options.error.message);
    // Named in the allow list: a discoverable lookup would need UV under the key's credProtect level.
    const allowCredentials = [{ id: credentialId, type: 'public-key' }];
    const proof = await noPin.assert({ challenge: (options.value.options as { challenge: string }).challenge, allowCredentials, userVerification: 'discouraged' });
    // Authenticator data byte 32 holds the flags (WebAuthn L3 §6.1); bit 2 is UV.
    const flags = Buffer.from(String(proof.response.authenticatorData), 'base64url').readUInt8(32);
    expect(flags & 0x04).toBe(0);
    const before = storedCredential(vault, credentialId);
    const result = await dispatch(session, 'vault.export-key', {}, { stepUpProof: proof });
    expect(result).toMatchObject({ ok: false, error: { code: 'APP_STEP_UP_FAILED' } });
    expect(!result.ok && result.error.message).toMatch(/user.*verif/i);
    expect(auditEntries(vault).at(-1)).toMatchObject({ action: 'vault.export-key', outcome: 'denied', reason: 'APP_STEP_UP_FAILED' });
    expect(storedCredential(vault, credentialId)).toEqual(before);
  });
});
