import { describe, expect, it } from 'vitest';
import { dispatch } from '../../src/app/index.js';
import { auditEntries } from '../fixtures/demo/demoVault.js';
import { heldCredential, stepUpProof, storedCredential, useKeyedVault } from '../support/hardwareKeys.js';

// Attack: someone who holds the user's key but not its PIN or fingerprint touches it: the assertion shows
// the user present, not verified (UV flag clear), and is relayed to the app.
const keyed = useKeyedVault();

describe('when the step-up assertion lacks the UV flag', () => {
  it('refuses it with APP_STEP_UP_FAILED, audited, and changes nothing', async () => {
    const { vault, session, credentialId } = keyed;
    const noPin = await keyed.browser.newKey({ hasUserVerification: false, isUserVerified: false });
    await noPin.addCredential({ ...(await heldCredential(keyed.key)), signCount: 500 });
    // Named in the allow list (the options do that): a discoverable lookup would need UV under the key's credProtect level.
    const proof = await stepUpProof(session, noPin, { userVerification: 'discouraged' });
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
