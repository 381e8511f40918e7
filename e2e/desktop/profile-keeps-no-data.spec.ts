import { existsSync } from 'node:fs';
import { expect, test, VAULT_SECRETS } from './fixtures.js';
import { filesHolding } from './searchFiles.js';

test.describe('when a session has shown the vault', () => {
  test('no IBAN or payee name reaches the browser profile or the temp folder, during or after; the profile is deleted', async ({ ownApp: app }) => {
    const { page, shell } = app;
    await app.unlock();
    await expect(page.locator('[data-list="waiting"]')).toContainText('Thames Components Ltd');
    for (const id of ['transactions', 'payees', 'payments', 'statements', 'audit', 'settings']) {
      await page.locator(`[data-section="${id}"]`).click();
      await expect(page.locator(`[data-screen="${id}"][data-ready="true"]`)).toBeVisible({ timeout: 30_000 });
    }
    await page.locator('[data-section="overview"]').click();
    await expect(page.locator('[data-screen="overview"][data-ready="true"]')).toBeVisible();
    expect(shell.profileDir.startsWith(app.tempDir)).toBe(true);
    // During: Chromium has had time to write its session, preferences and caches.
    await page.waitForTimeout(1500);
    expect(filesHolding(shell.profileDir, VAULT_SECRETS)).toEqual([]);
    expect(filesHolding(app.tempDir, VAULT_SECRETS)).toEqual([]);
    await shell.close();
    // After: the profile is gone and nothing was left beside it.
    expect(existsSync(shell.profileDir)).toBe(false);
    expect(filesHolding(app.tempDir, VAULT_SECRETS)).toEqual([]);
  });
});
