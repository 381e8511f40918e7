import { violations } from './axe.js';
import { expect, test, type App } from './fixtures.js';
import { WindowKeys, type WindowKey } from './windowKeys.js';

// Bob's vault under a policy that requires a hardware key and keeps a step-up fresh for 10 s (the least it allows).
test.use({ user: 'bob', hardwareKeys: { required: true, stepUpSeconds: 10 } });
// One vault for the file: each test goes on from the keys the one before left.
test.describe.configure({ mode: 'serial' });

let keys: WindowKeys;
const yubiKey = { transport: 'usb', hasPrf: true } as const;
const laptop = { transport: 'internal', hasPrf: false } as const;
let yubiKeyHeld: WindowKey | undefined;

/** The YubiKey the first test enrolled, with its credential: the later tests go on with it. */
function enrolledYubiKey(): WindowKey {
  if (yubiKeyHeld === undefined) throw new Error('the first test enrols the YubiKey');
  return yubiKeyHeld;
}

async function openKeys(app: App) {
  await app.unlock();
  await app.page.locator('[data-section="keys"]').click();
  await expect(app.page.locator('[data-screen="keys"][data-ready="true"]')).toBeVisible();
}

async function lastEntry(app: App, action: string) {
  const log = await app.backend.dispatch('audit.log', { action, limit: 1 });
  if (!log.ok) throw new Error(log.error.message);
  return (log.value as { entries: { outcome: string; reason: string | null; details: Record<string, unknown> }[] }).entries[0];
}

async function countEntries(app: App, action: string, outcome?: 'denied'): Promise<number> {
  const log = await app.backend.dispatch('audit.log', { action, limit: 1, ...(outcome === undefined ? {} : { outcome }) });
  if (!log.ok) throw new Error(log.error.message);
  return (log.value as { total: number }).total;
}

test.beforeEach(async ({ app }) => {
  keys = await WindowKeys.attach(app.page);
});
test.afterEach(async () => {
  await keys.close();
});

test.describe('the hardware keys screen', () => {
  test('enrols a user-verified key with PRF (it unlocks the vault), and keeps the last key while the policy requires one', async ({ app }) => {
    const { page } = app;
    await openKeys(app);
    await expect(page.locator('[data-screen="keys"]')).toContainText('No hardware key yet');
    yubiKeyHeld = keys.newKey(yubiKey);
    await keys.plug(yubiKeyHeld);

    await page.getByLabel('Name', { exact: true }).fill('YubiKey 5C');
    await page.getByRole('button', { name: 'Add key' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'YubiKey 5C was added and unlocks the vault.' })).toBeVisible();
    const row = page.locator('[data-key="YubiKey 5C"]');
    await expect(row.locator('[data-unlock="yes"]')).toHaveText('Unlocks the vault');
    await expect(row.locator('[data-transports]')).toHaveText('USB');
    // The unlock slot was given after a step-up with the key itself: it has been used.
    await expect(row.locator('[data-last-used]')).not.toHaveText('never');
    expect(await lastEntry(app, 'keys.enable-unlock')).toMatchObject({ outcome: 'allowed' });

    // The only key: refused before the key is asked, in words, and still listed.
    await page.getByRole('button', { name: 'Remove: YubiKey 5C' }).click();
    await expect(page.locator('[data-refusal="APP_LAST_KEY"]')).toContainText('your organisation requires one');
    await expect(row).toBeVisible();
    expect(await lastEntry(app, 'keys.remove')).toMatchObject({ outcome: 'denied', reason: 'APP_LAST_KEY' });
    expect(await violations(page), 'keys screen with a refusal').toEqual([]);
    await keys.unplug();
  });

  test('a cancelled confirmation changes nothing and says so', async ({ app }) => {
    const { page } = app;
    await openKeys(app);
    await keys.plug(enrolledYubiKey());
    // The key refuses to verify the user (a wrong PIN, a prompt closed): the browser's NotAllowedError.
    await keys.setUserVerified(false);
    const registered = await countEntries(app, 'keys.register');
    await page.getByLabel('Name', { exact: true }).fill('Spare');
    await page.getByRole('button', { name: 'Confirm with my key' }).click();
    await expect(page.locator('[data-refusal="UI_KEY_CANCELLED"]')).toContainText('Nothing was changed');
    await expect(page.locator('[data-list="keys"] [data-key]')).toHaveCount(1);
    expect(await countEntries(app, 'keys.register')).toBe(registered);
    await keys.unplug();
  });

  test('adds a second key without PRF after a step-up with the first, and says why it does not unlock; renames and removes it', async ({ app }) => {
    const { page } = app;
    await openKeys(app);
    await keys.plug(enrolledYubiKey());
    await page.getByLabel('Name', { exact: true }).fill('Laptop');
    await page.getByRole('button', { name: 'Confirm with my key' }).click();
    await expect(page.getByText('Confirmed. Now connect the new key')).toBeVisible();
    await keys.plug(keys.newKey(laptop));
    await page.getByRole('button', { name: 'Register new key' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Laptop was added. It cannot unlock the vault' })).toBeVisible();
    const row = page.locator('[data-key="Laptop"]');
    await expect(row.locator('[data-unlock="no-prf"]')).toContainText('this key has no PRF extension');
    await expect(row.locator('[data-transports]')).toHaveText('Built in');
    expect(await lastEntry(app, 'keys.register')).toMatchObject({ outcome: 'allowed', details: { stepUp: expect.stringMatching(/^webauthn:/) } });

    await page.getByRole('button', { name: 'Rename: Laptop' }).click();
    await page.getByLabel('New name for Laptop').fill('Laptop (Touch ID)');
    await page.getByRole('button', { name: 'Save name' }).click();
    await expect(page.locator('[data-key="Laptop (Touch ID)"]')).toBeVisible();
    expect(await violations(page), 'keys screen with two keys').toEqual([]);
    await app.screenshot('keys-en');

    // Removing asks for a key first (the window asks the app whether it must), then sends the removal once with
    // the assertion: no denial is written for a step-up the window had not yet asked for.
    const deniedBefore = await countEntries(app, 'keys.remove', 'denied');
    await page.getByRole('button', { name: 'Remove: Laptop (Touch ID)' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Laptop (Touch ID) was removed' })).toBeVisible();
    await expect(page.locator('[data-list="keys"] [data-key]')).toHaveCount(1);
    expect(await lastEntry(app, 'keys.remove')).toMatchObject({ outcome: 'allowed', details: { stepUp: expect.stringMatching(/^webauthn:/) } });
    expect(await countEntries(app, 'keys.remove', 'denied')).toBe(deniedBefore);
    expect(app.blocked).toEqual([]);
    await keys.unplug();
  });

  test('a confirmation older than the policy’s step-up window is refused, and no key is added', async ({ app }) => {
    const { page } = app;
    await openKeys(app);
    await keys.plug(enrolledYubiKey());
    await page.getByLabel('Name', { exact: true }).fill('Late key');
    await page.getByRole('button', { name: 'Confirm with my key' }).click();
    await expect(page.getByText('Confirmed. Now connect the new key')).toBeVisible();
    await keys.plug(keys.newKey(laptop));
    // The policy keeps a step-up fresh for 10 s.
    await page.waitForTimeout(11_000);
    await page.getByRole('button', { name: 'Register new key' }).click();
    await expect(page.locator('[data-refusal="APP_STEP_UP_FAILED"]')).toContainText('nothing was changed');
    await expect(page.locator('[data-list="keys"] [data-key]')).toHaveCount(1);
    expect(await lastEntry(app, 'keys.register')).toMatchObject({ outcome: 'denied', reason: 'APP_STEP_UP_FAILED' });
    await keys.unplug();
  });
});

test.describe('when no key answers', () => {
  test('the ceremony ends with the step-up window and says the key was not touched in time', async ({ app }) => {
    const { page } = app;
    await openKeys(app);
    // Nothing plugged in: the browser waits the whole time the options allow (the policy's 10 s), then gives up.
    await page.getByLabel('Name', { exact: true }).fill('Nobody');
    await page.getByRole('button', { name: 'Confirm with my key' }).click();
    await expect(page.locator('[data-key-prompt]')).toContainText('Touch your hardware key');
    await expect(page.locator('[data-refusal="UI_KEY_TIMEOUT"]')).toContainText('The key was not touched in time', { timeout: 20_000 });
    await expect(page.locator('[data-key-prompt]')).toBeHidden();
    await expect(page.getByText('Confirmed. Now connect the new key')).toBeHidden();
  });
});
