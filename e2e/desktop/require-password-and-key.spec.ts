import { violations } from './axe.js';
import { expect, PASSWORD, test } from './fixtures.js';
import { WindowKeys } from './windowKeys.js';

// Bob's vault under a policy that asks for the password and a hardware key together to unlock.
test.use({ user: 'bob', hardwareKeys: { unlock: 'password-and-key' } });

test('where the policy asks for both, the keys screen turns it on with the password and one touch; then the lock screen needs both', async ({ app }) => {
  const { page } = app;
  const keys = await WindowKeys.attach(page);
  try {
    await app.unlock();
    await keys.plug(keys.newKey({ transport: 'usb', hasPrf: true }));
    await page.locator('[data-section="keys"]').click();
    await page.getByLabel('Name', { exact: true }).fill('YubiKey 5C');
    await page.getByRole('button', { name: 'Add key' }).click();
    await expect(page.locator('[data-key="YubiKey 5C"]')).toBeVisible();

    const card = page.locator('[data-require="password-and-key"]');
    await expect(card).toContainText('either alone still opens it');
    expect(await violations(page), 'keys screen asking for password and key').toEqual([]);
    await app.screenshot('keys-password-and-key-en');
    await card.getByLabel('Vault password').fill(PASSWORD);
    await card.getByRole('button', { name: 'Require password and YubiKey 5C' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'The vault now opens only with the password and YubiKey 5C together.' })).toBeVisible();
    await expect(card).toHaveCount(0);
    await expect(page.locator('[data-key="YubiKey 5C"] [data-unlock="with-password"]')).toHaveText('Unlocks the vault together with your password');
    expect(await app.backend.dispatch('keys.list', {})).toMatchObject({ ok: true, value: { unlock: { current: 'password-and-key', required: 'password-and-key' } } });

    await page.getByRole('button', { name: 'Lock' }).click();
    await expect(page.locator('[data-unlock="password-and-key"]')).toBeVisible();
    await page.getByLabel('Vault password').fill(PASSWORD);
    await page.getByRole('button', { name: /^Unlock$/ }).click();
    await expect(page.locator('[data-screen="overview"][data-ready="true"]')).toBeVisible({ timeout: 30_000 });
    const log = await app.backend.dispatch('audit.log', { action: 'vault.unlock', limit: 1 });
    expect(JSON.stringify(log)).toContain('"via":"password-and-key"');
    expect(app.blocked).toEqual([]);
  } finally {
    await keys.close();
  }
});
