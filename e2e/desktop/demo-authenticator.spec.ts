import type { Page } from '@playwright/test';
import { demoCredential } from '../../src/app/demo/demoCredentials.js';
import { insertCredential } from '../../src/app/keys/credentialRecords.js';
import { relyingPartyFor } from '../../src/app/keys/relyingParty.js';
import { verifyKeyAssertion } from '../../src/app/keys/verifyKeyAssertion.js';
import { randomBytes } from '../../src/crypto/index.js';
import { unlockVault } from '../../src/vault/index.js';
import { violations } from './axe.js';
import { expect, PASSWORD, test } from './fixtures.js';
import { OWNER_PASSWORD, shellOnDemoVault, shellOnNewVault, type KeyShell } from './unlockKey.js';

type Door = (message: unknown) => Promise<unknown>;

/** A command's value as the door answers it: large answers come packed as one JSON string (packAnswer). */
async function call<T>(page: Page, command: string): Promise<T> {
  const answer = (await page.evaluate((name) => (window.coffer as Door)({ id: 1, command: name, input: {} }), command)) as { ok: boolean; value?: T; json?: string };
  if (!answer.ok) throw new Error(`${command} was refused: ${JSON.stringify(answer)}`);
  return answer.json === undefined ? (answer.value as T) : (JSON.parse(answer.json) as T);
}

/** navigator.credentials.get for one credential in the window: the assertion JSON, or the error's name. */
function assertWith(page: Page, credentialId: string, challenge: string): Promise<{ ok: true; assertion: Record<string, unknown> } | { ok: false; name: string }> {
  return page.evaluate(
    async ({ id, challenge }) => {
      try {
        const options = PublicKeyCredential.parseRequestOptionsFromJSON({ challenge, rpId: 'bank.example', userVerification: 'required', timeout: 3_000, allowCredentials: [{ id, type: 'public-key' }] });
        const credential = (await navigator.credentials.get({ publicKey: options })) as PublicKeyCredential;
        return { ok: true as const, assertion: credential.toJSON() as Record<string, unknown> };
      } catch (error) {
        return { ok: false as const, name: (error as Error).name };
      }
    },
    { id: credentialId, challenge },
  );
}

test.describe('when coffer app opens a demo vault', () => {
  let keyShell: KeyShell | undefined;
  test.afterEach(async () => {
    await keyShell?.close();
    keyShell = undefined;
  });

  test('a virtual authenticator holds the user\'s demo key while the vault is open, and signs as the key the vault lists as DEMO', async () => {
    test.setTimeout(120_000);
    keyShell = await shellOnDemoVault('bob');
    const { shell } = keyShell;
    const page = shell.page;
    const demo = demoCredential('bob');
    expect(shell.demoAuthenticatorId()).toBeUndefined();
    await page.getByLabel('Vault password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Unlock' }).click();
    await expect(page.locator('[data-screen="overview"][data-ready="true"]')).toBeVisible({ timeout: 30_000 });
    await expect.poll(() => shell.demoAuthenticatorId()).toEqual(expect.any(String));

    const listed = await call<{ keys: { id: string; demo: boolean }[] }>(page, 'keys.list');
    expect(listed.keys).toEqual([expect.objectContaining({ id: demo.id, demo: true })]);
    // A step-up challenge of the session, answered by the window's own WebAuthn: the app's verifier accepts it.
    const { challenge } = (await call<{ options: { challenge: string } }>(page, 'keys.assert-options')).options;
    const answer = await assertWith(page, demo.id, challenge);
    expect(answer.ok).toBe(true);
    if (answer.ok) {
      const verified = await verifyKeyAssertion({ assertion: answer.assertion, expectedChallenge: challenge, rp: relyingPartyFor(), credential: { id: demo.id, publicKey: demo.publicKey } });
      expect(verified.signCount).toBeGreaterThan(0);
    }

    // The keys screen says what the key is.
    await page.locator('[data-section="keys"]').click();
    await expect(page.locator(`[data-list="keys"] [data-demo]`)).toHaveText('DEMO');
    await expect(page.locator('[data-list="keys"]')).toContainText('its private half is published');
    expect(await violations(page)).toEqual([]);

    // Locked, the key is gone from the window.
    await page.getByRole('button', { name: 'Lock' }).click();
    await expect(page.locator('[data-screen="lock"]')).toBeVisible();
    await expect.poll(() => shell.demoAuthenticatorId()).toBeUndefined();
    expect(await assertWith(page, demo.id, randomBytes(32).toString('base64url'))).toEqual({ ok: false, name: 'NotAllowedError' });
  });
});

test.describe('when coffer app opens a vault that is not a demo vault', () => {
  let keyShell: KeyShell | undefined;
  test.afterEach(async () => {
    await keyShell?.close();
    keyShell = undefined;
  });

  test('no virtual authenticator is ever attached, even with the user\'s demo key enrolled in the vault', async () => {
    test.setTimeout(90_000);
    keyShell = await shellOnNewVault();
    const { shell, backend, dir } = keyShell;
    // Everything a demo vault has but the bank's word: the user's demo key in the vault's own table.
    const demo = demoCredential('owner');
    const vault = await unlockVault(dir, { password: OWNER_PASSWORD }, { autoLockMs: null });
    vault.transact({ action: 'keys.register', target: demo.id }, (db) =>
      insertCredential(db, { id: demo.id, userId: 'owner', publicKey: demo.publicKey, signCount: 0, transports: ['internal'], aaguid: '00000000-0000-0000-0000-000000000000', name: 'Demo', prfCapable: false, createdAt: new Date().toISOString() }),
    );
    vault.lock();

    await shell.page.reload();
    await shell.page.getByLabel('Vault password').fill(OWNER_PASSWORD);
    await shell.page.getByRole('button', { name: 'Unlock' }).click();
    // A vault no bank has enrolled opens on its first-run screen ("Connect to your bank").
    await expect(shell.page.locator('[data-screen="first-run"]')).toBeVisible({ timeout: 30_000 });
    expect(backend.session()).toMatchObject({ userId: 'owner' });
    expect(backend.demoAuthenticator()).toBeUndefined();
    expect(shell.demoAuthenticatorId()).toBeUndefined();
    // The window's WebAuthn finds no authenticator with the demo key: the request runs out.
    expect(await assertWith(shell.page, demo.id, randomBytes(32).toString('base64url'))).toEqual({ ok: false, name: 'NotAllowedError' });
  });
});
