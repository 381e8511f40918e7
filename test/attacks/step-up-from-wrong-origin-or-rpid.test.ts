import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch, type Session } from '../../src/app/index.js';
import type { UnlockedVault } from '../../src/vault/index.js';
import { auditEntries } from '../fixtures/demo/demoVault.js';
import { heldCredential, stepUpProof, storedCredential, vaultWithKey } from '../support/hardwareKeys.js';
import { startAuthenticatorBrowser, type AuthenticatorBrowser, type VirtualKey } from '../support/virtualAuthenticator.js';

// Attack: a page that is not Coffer's window (another origin under the bank's domain, or a credential scoped
// to another relying party) gets the user's key to sign the challenge, and relays the assertion to the app.
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

async function expectRefused(proof: unknown) {
  const before = storedCredential(vault, credentialId);
  const result = await dispatch(session, 'vault.export-key', {}, { stepUpProof: proof });
  expect(result).toMatchObject({ ok: false, error: { code: 'APP_STEP_UP_FAILED' } });
  expect(auditEntries(vault).at(-1)).toMatchObject({ action: 'vault.export-key', outcome: 'denied', reason: 'APP_STEP_UP_FAILED' });
  expect(storedCredential(vault, credentialId)).toEqual(before);
  return result;
}

describe('when the assertion was made on https://phish.bank.example (the right rpId, the wrong origin)', () => {
  it('refuses it with APP_STEP_UP_FAILED, naming the origin, and changes nothing', async () => {
    const relay = await browser.newKey({ origin: 'https://phish.bank.example' });
    await relay.addCredential({ ...(await heldCredential(key)), signCount: 1000 });
    const session2 = session;
    const options = await dispatch(session2, 'keys.assert-options', {});
    if (!options.ok) throw new Error(options.error.message);
    const proof = await relay.assert({ challenge: (options.value.options as { challenge: string }).challenge, allowCredentials: [] });
    const result = await expectRefused(proof);
    expect(!result.ok && result.error.message).toMatch(/origin/);
  });
});

describe('when the key signs for another relying party (rpId desktop.bank.example)', () => {
  it('refuses it with APP_STEP_UP_FAILED (the rpId hash differs) and changes nothing', async () => {
    const other = await browser.newKey();
    await other.addCredential({ ...(await heldCredential(key)), rpId: 'desktop.bank.example', signCount: 2000 });
    const options = await dispatch(session, 'keys.assert-options', {});
    if (!options.ok) throw new Error(options.error.message);
    const proof = await other.assert({ challenge: (options.value.options as { challenge: string }).challenge, rpId: 'desktop.bank.example', allowCredentials: [] });
    const result = await expectRefused(proof);
    expect(!result.ok && result.error.message).toMatch(/RP ID/i);
  });
});

describe('when the relayed assertion is sent again', () => {
  it('refuses the replay: the session challenge was used up by the first try', async () => {
    const proof = await stepUpProof(session, key);
    expect(await dispatch(session, 'vault.export-key', {}, { stepUpProof: proof })).toMatchObject({ ok: true });
    await expectRefused(proof);
  });
});
