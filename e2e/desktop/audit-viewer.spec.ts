import { expect, test } from './fixtures.js';

// Dave audits: the whole log, its checkpoint and its verification.
test.use({ user: 'dave' });

test.describe('when the auditor opens the audit log', () => {
  test('entries page from the newest, filters apply, and “verify now” verifies with progress', async ({ app }) => {
    const { page } = app;
    await app.unlock();
    await page.locator('[data-section="audit"]').click();
    const screen = page.locator('[data-screen="audit"][data-ready="true"]');
    await expect(screen).toContainText('The whole tamper-evident log');
    await expect(page.locator('[data-size]')).toHaveText(/^\d[\d,]*$/);
    await expect(page.locator('[data-list="audit"] [data-entry]').first()).toBeVisible();
    await expect(screen).toContainText(/Page 1 of \d+ · \d+ entries/);
    await page.getByLabel('Action', { exact: true }).fill('vault.unlock');
    await expect(page.locator('[data-list="audit"] [data-entry]').first()).toBeVisible();
    for (const action of await page.locator('[data-list="audit"] [data-entry] td:nth-child(4)').allTextContents()) expect(action).toBe('vault.unlock');
    await page.getByLabel('Action', { exact: true }).fill('');
    await page.getByRole('button', { name: 'Verify now' }).click();
    await expect(page.locator('[data-verified]')).toContainText('Verified: the log is intact.', { timeout: 30_000 });
    await app.screenshot('audit-verified-en');
  });
});
