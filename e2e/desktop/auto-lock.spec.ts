import { expect, test } from './fixtures.js';

// A shell whose vault locks after 4 s without a command (a worker of its own).
test.use({ lockAfterMs: 4_000 });

test.describe('when the vault locks itself after the idle time', () => {
  test('the renderer is wiped (reloaded) and the lock screen says why', async ({ app }) => {
    const { page } = app;
    await app.unlock();
    // Something only this page instance holds; a reload takes it away.
    await page.evaluate(() => Object.assign(globalThis, { heldByRenderer: 'DE89370400440532013000' }));
    await expect(page.locator('[data-screen="lock"]')).toBeVisible({ timeout: 15_000 });
    await expect(page.getByRole('status')).toContainText('locked itself after a period of inactivity');
    expect(await page.evaluate(() => (globalThis as { heldByRenderer?: string }).heldByRenderer)).toBeUndefined();
    expect(await page.content()).not.toContain('DE89');
    await app.screenshot('lock-auto-locked-en');
  });
});
