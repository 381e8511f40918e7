import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.js';

/**
 * WCAG 2.1 A and AA violations axe finds on the page, as "rule: selector" lines. Legacy mode runs axe in
 * the page itself: the default mode opens a second page to merge frames, which the shell closes at once.
 */
async function violations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).setLegacyMode(true).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return result.violations.flatMap((v) => v.nodes.map((node) => `${v.id}: ${node.target.join(' ')} (${node.failureSummary?.split('\n')[1]?.trim() ?? ''})`));
}

test.describe('accessibility (axe, WCAG 2.1 AA)', () => {
  test('the lock screen, with and without a refusal, has no violation', async ({ app }) => {
    expect(await violations(app.page)).toEqual([]);
    await app.page.getByLabel('Vault password').fill('wrong password here');
    await app.page.getByRole('button', { name: 'Unlock' }).click();
    await expect(app.page.locator('[data-refusal]')).toBeVisible();
    expect(await violations(app.page)).toEqual([]);
  });

  test('the overview and a section have no violation', async ({ app }) => {
    await app.unlock();
    expect(await violations(app.page)).toEqual([]);
    await app.page.locator('[data-section="approvals"]').click();
    await expect(app.page.locator('[data-screen="approvals"]')).toBeVisible();
    expect(await violations(app.page)).toEqual([]);
  });
});
