import { describe, expect, it } from 'vitest';
import { dispatch } from '../../src/app/index.js';
import { auditEntries } from '../fixtures/demo/demoVault.js';
import { heldCredential, stepUpProof, storedCredential, useKeyedVault } from '../support/hardwareKeys.js';

// Attack: a page that is not Coffer's window (another origin under the bank's domain, or a credential scoped
// to another relying party) gets the user's key to sign the challenge, and relays the assertion to the app.
const keyed = useKeyedVault();

async function expectRefused(proof: unknown) {
  const { vault, session, credentialId } = keyed;
  const before = storedCredential(vault, credentialId);
  const result = await dispatch(session, 'vault.export-key', {}, { stepUpProof: proof });
  expect(result).toMatchObject({ ok: false, error: { code: 'APP_STEP_UP_FAILED' } });
  expect(auditEntries(vault).at(-1)).toMatchObject({ action: 'vault.export-key', outcome: 'denied', reason: 'APP_STEP_UP_FAILED' });
  expect(storedCredential(vault, credentialId)).toEqual(before);
  return result;
}

describe('when the assertion was made on https://phish.bank.example (the right rpId, the wrong origin)', () => {
  it('refuses it with APP_STEP_UP_FAILED, naming the origin, and changes nothing', async () => {
    const relay = await keyed.browser.newKey({ origin: 'https://phish.bank.example' });
    await relay.addCredential({ ...(await heldCredential(keyed.key)), signCount: 1000 });
    const result = await expectRefused(await stepUpProof(keyed.session, relay, { allowCredentials: [] }));
    expect(!result.ok && result.error.message).toMatch(/origin/);
  });
});

describe('when the key signs for another relying party (rpId desktop.bank.example)', () => {
  it('refuses it with APP_STEP_UP_FAILED (the rpId hash differs) and changes nothing', async () => {
    const other = await keyed.browser.newKey();
    await other.addCredential({ ...(await heldCredential(keyed.key)), rpId: 'desktop.bank.example', signCount: 2000 });
    const result = await expectRefused(await stepUpProof(keyed.session, other, { rpId: 'desktop.bank.example', allowCredentials: [] }));
    expect(!result.ok && result.error.message).toMatch(/RP ID/i);
  });
});

describe('when the relayed assertion is sent again', () => {
  it('refuses the replay: the session challenge was used up by the first try', async () => {
    const proof = await stepUpProof(keyed.session, keyed.key);
    expect(await dispatch(keyed.session, 'vault.export-key', {}, { stepUpProof: proof })).toMatchObject({ ok: true });
    await expectRefused(proof);
  });
});
