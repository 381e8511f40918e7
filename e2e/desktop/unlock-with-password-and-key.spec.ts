import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { requirePasswordAndKey, unlockVault, PBKDF2_MIN_ITERATIONS } from '../../src/vault/index.js';
import { violations } from './axe.js';
import { expect, SCREENS_DIR, test } from './fixtures.js';
import { attachKey, enableUnlockWithWindowKey, OWNER_PASSWORD, shellOnNewVault, type KeyShell } from './unlockKey.js';

type Door = (message: unknown) => Promise<{ ok: boolean; error?: { code: string } }>;

/*
 * A vault the organisation makes open with the password and a hardware key together (one password-and-key slot):
 * the lock screen asks for the password, then the key, and sends both at once; the window's door refuses either
 * alone and nothing of the vault changes.
 */
test.describe('when the vault opens with the password and a key together', () => {
  let keyShell: KeyShell | undefined;
  test.afterEach(async () => {
    await keyShell?.close();
    keyShell = undefined;
  });

  test('the lock screen asks for both, either alone is refused, and both open the vault', async () => {
    test.setTimeout(120_000);
    keyShell = await shellOnNewVault();
    const { shell, backend, dir } = keyShell;
    const page = shell.page;
    await attachKey(shell, { hasPrf: true });
    const { keyId, prfOutput } = await enableUnlockWithWindowKey(keyShell);
    const prfSlot = (JSON.parse(readFileSync(join(dir, 'vault.keys'), 'utf8')) as { slots: { kind: string; prfInput?: string }[] }).slots.find((slot) => slot.kind === 'webauthn-prf');
    const vault = await unlockVault(dir, { password: OWNER_PASSWORD }, { autoLockMs: null });
    try {
      await requirePasswordAndKey(vault, { password: OWNER_PASSWORD, credentialId: keyId, prfInput: Buffer.from(prfSlot?.prfInput ?? '', 'base64'), prfOutput: Buffer.from(prfOutput, 'base64url'), iterations: PBKDF2_MIN_ITERATIONS, event: { action: 'vault.unlock-mode' } });
    } finally {
      vault.lock();
    }

    await page.reload();
    await expect(page.locator('[data-unlock="password-and-key"]')).toContainText('the password and your hardware key together');
    await expect(page.getByRole('button', { name: 'Unlock with your key' })).toHaveCount(0);
    expect(await violations(page)).toEqual([]);
    await page.screenshot({ path: join(SCREENS_DIR, 'lock-with-password-and-key-en.png') });

    // A page asking the door with one of them: refused by the vault, nothing written.
    const before = { db: readFileSync(join(dir, 'vault.db')), keys: readFileSync(join(dir, 'vault.keys')) };
    const halves = await page.evaluate(
      async ({ password, credentialId, output }) => {
        const door = window.coffer as Door;
        return [await door({ id: 1, command: 'session.unlock', input: { password } }), await door({ id: 2, command: 'session.unlock-key', input: { credentialId, prfOutput: output } })];
      },
      { password: OWNER_PASSWORD, credentialId: keyId, output: prfOutput },
    );
    expect(halves.map((answer) => answer.error?.code)).toEqual(['VAULT_PASSWORD_AND_KEY_REQUIRED', 'VAULT_PASSWORD_AND_KEY_REQUIRED']);
    expect(readFileSync(join(dir, 'vault.db')).equals(before.db)).toBe(true);
    expect(readFileSync(join(dir, 'vault.keys')).equals(before.keys)).toBe(true);

    await page.getByLabel('Vault password').fill(OWNER_PASSWORD);
    await page.getByRole('button', { name: /^Unlock$/ }).click();
    // A vault no bank has enrolled opens on its first-run screen ("Connect to your bank").
    await expect(page.locator('[data-screen="first-run"]')).toBeVisible({ timeout: 30_000 });
    expect(backend.session()).toMatchObject({ userId: 'owner' });
    const log = await backend.dispatch('audit.log', { action: 'vault.unlock' });
    expect(JSON.stringify(log)).toContain('"via":"password-and-key"');
  });
});
