import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from '../../src/crypto/index.js';
import { violations } from './axe.js';
import { expect, SCREENS_DIR, test } from './fixtures.js';
import { attachKey, enableUnlockWithWindowKey, heapHolds, shellOnNewVault, type KeyShell } from './unlockKey.js';

type Door = (message: unknown) => Promise<unknown>;

test.describe('when the vault has a webauthn-prf key slot', () => {
  let keyShell: KeyShell | undefined;
  test.afterEach(async () => {
    await keyShell?.close();
    keyShell = undefined;
  });

  test('the lock screen offers "Unlock with your key", and the key alone opens the vault in the window', async () => {
    test.setTimeout(120_000);
    keyShell = await shellOnNewVault();
    const { shell, backend } = keyShell;
    const page = shell.page;
    await attachKey(shell, { hasPrf: true });
    const { keyId, prfOutput } = await enableUnlockWithWindowKey(keyShell);
    const slot = (JSON.parse(readFileSync(join(keyShell.dir, 'vault.keys'), 'utf8')) as { slots: { kind: string; wrappedKey: string; check: string; kdf: { salt: string } }[] }).slots.find((s) => s.kind === 'webauthn-prf');
    expect(slot).toBeDefined();

    await page.reload();
    // What the page learns while locked: the rpId, the key's id and its PRF input; never the wrapped key, salt or check.
    const options = await page.evaluate(() => (window.coffer as Door)({ id: 1, command: 'session.unlock-options', input: {} }));
    expect(options).toMatchObject({ ok: true, value: { rpId: 'bank.example', keys: [{ credentialId: keyId, prfInput: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/) }] } });
    for (const secret of [slot?.wrappedKey, slot?.check, slot?.kdf.salt]) expect(JSON.stringify(options)).not.toContain(secret);

    const button = page.getByRole('button', { name: 'Unlock with your key' });
    await expect(button).toBeVisible();
    expect(await violations(page)).toEqual([]);
    await page.screenshot({ path: join(SCREENS_DIR, 'lock-with-key-en.png') });
    await button.click();
    // A vault no bank has enrolled opens on its first-run screen ("Connect to your bank").
    await expect(page.locator('[data-screen="first-run"]')).toBeVisible({ timeout: 30_000 });
    expect(backend.session()).toMatchObject({ userId: 'owner' });
    // The unlock is in the log, by key.
    const log = await backend.dispatch('audit.log', { action: 'vault.unlock' });
    expect(JSON.stringify(log)).toContain('"via":"webauthn-prf"');
    // The key's secret went to the shell and is gone from the page: neither its DOM nor its heap holds it.
    expect(await page.content()).not.toContain(prfOutput);
    expect(await heapHolds(page, prfOutput)).toBe(false);
    // The probe sees a string of the same form that the page does keep.
    const marker = randomBytes(32).toString('base64url');
    await page.evaluate((text) => Object.assign(window, { heapProbe: text }), marker);
    expect(await heapHolds(page, marker)).toBe(true);
  });

  test('a key without the PRF extension is told so in words, and the vault stays locked', async () => {
    test.setTimeout(120_000);
    keyShell = await shellOnNewVault();
    const { shell, backend } = keyShell;
    const page = shell.page;
    const key = await attachKey(shell, { hasPrf: true });
    await enableUnlockWithWindowKey(keyShell);
    // The same credential on an authenticator without PRF: it signs, but derives no secret.
    const { credentials } = await key.cdp.send('WebAuthn.getCredentials', { authenticatorId: key.authenticatorId });
    await key.cdp.send('WebAuthn.removeVirtualAuthenticator', { authenticatorId: key.authenticatorId });
    const { authenticatorId } = await key.cdp.send('WebAuthn.addVirtualAuthenticator', {
      options: { protocol: 'ctap2', ctap2Version: 'ctap2_1', transport: 'usb', hasUserVerification: true, isUserVerified: true, hasResidentKey: true, hasPrf: false, automaticPresenceSimulation: true },
    });
    for (const credential of credentials) await key.cdp.send('WebAuthn.addCredential', { authenticatorId, credential });
    await page.reload();
    await page.getByRole('button', { name: 'Unlock with your key' }).click();
    await expect(page.locator('[data-refusal="UI_KEY_NO_PRF"]')).toContainText('The key gave no secret for unlocking');
    expect(backend.session()).toBeUndefined();
  });
});

test.describe('when the vault has no webauthn-prf key slot', () => {
  test('the lock screen offers the password only', async ({ app }) => {
    await expect(app.page.getByLabel('Vault password')).toBeVisible();
    await expect(app.page.locator('[data-unlock="key"]')).toHaveCount(0);
  });
});
