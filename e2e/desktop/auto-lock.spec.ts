import { expect, test } from './fixtures.js';

// A shell whose vault locks after 10 s without a command (a worker of its own). The idle time must outlast
// the unlock and the overview's first commands on a starved machine (at load 18 on 2 cores, 4 s did not), or
// the vault locks before the test has seen it open.
test.use({ lockAfterMs: 10_000 });

test.describe('when the vault locks itself after the idle time', () => {
  test('the renderer is wiped (reloaded) and the lock screen says why', async ({ app }) => {
    test.setTimeout(120_000);
    const { page } = app;
    await app.unlock();
    // Something only this page instance holds; a reload takes it away.
    await page.evaluate(() => Object.assign(globalThis, { heldByRenderer: 'DE89370400440532013000' }));
    await expect(page.locator('[data-screen="lock"]')).toBeVisible({ timeout: 40_000 });
    await expect(page.getByRole('status')).toContainText('locked itself after a period of inactivity');
    expect(await page.evaluate(() => (globalThis as { heldByRenderer?: string }).heldByRenderer)).toBeUndefined();
    expect(await page.content()).not.toContain('DE89');
    await app.screenshot('lock-auto-locked-en');
  });
});
