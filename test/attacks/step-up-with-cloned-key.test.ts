import { beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../src/app/index.js';
import { auditEntries } from '../fixtures/demo/demoVault.js';
import { heldCredential, stepUpProof, storedCredential, useKeyedVault } from '../support/hardwareKeys.js';

// Attack: someone copied the private key out of the user's authenticator (a cloned key) and uses the copy,
// whose signature counter lags behind the original's (WebAuthn L3 §6.1.1).
const keyed = useKeyedVault();

beforeAll(async () => {
  // The original is used twice: the vault now knows a counter above zero.
  for (let i = 0; i < 2; i++) expect(await dispatch(keyed.session, 'vault.export-key', {}, { stepUpProof: await stepUpProof(keyed.session, keyed.key) })).toMatchObject({ ok: true });
});

describe('when a clone of the key, with a lower counter, signs a step-up', () => {
  it('refuses it with APP_KEY_CLONED, audits the refusal and leaves the stored counter as it was', async () => {
    const { vault, session, credentialId } = keyed;
    const before = storedCredential(vault, credentialId);
    expect(before).toMatchObject({ signCount: expect.any(Number) });
    const clone = await keyed.browser.newKey();
    await clone.addCredential({ ...(await heldCredential(keyed.key)), signCount: 0 });
    const result = await dispatch(session, 'vault.export-key', {}, { stepUpProof: await stepUpProof(session, clone) });
    expect(result).toMatchObject({ ok: false, error: { code: 'APP_KEY_CLONED' } });
    expect(auditEntries(vault).at(-1)).toMatchObject({ action: 'vault.export-key', outcome: 'denied', reason: 'APP_KEY_CLONED' });
    expect(storedCredential(vault, credentialId)).toEqual(before);
  });

  it('still accepts the original, whose counter keeps rising', async () => {
    expect(await dispatch(keyed.session, 'vault.export-key', {}, { stepUpProof: await stepUpProof(keyed.session, keyed.key) })).toMatchObject({ ok: true });
  });
});
