import type { Page } from '@playwright/test';
import { violations } from './axe.js';
import { expect, test } from './fixtures.js';

/** Tabs through the page; for each stop, what it is and whether the focus shows (an outline or a ring). */
async function tabStops(page: Page, count: number): Promise<{ name: string; visible: boolean }[]> {
  const stops: { name: string; visible: boolean }[] = [];
  await page.locator('body').focus();
  for (let i = 0; i < count; i++) {
    await page.keyboard.press('Tab');
    stops.push(
      await page.evaluate(() => {
        const element = document.activeElement as HTMLElement | null;
        if (element === null || element === document.body) return { name: '(body)', visible: true };
        const style = getComputedStyle(element);
        const visible = (style.outlineStyle !== 'none' && style.outlineWidth !== '0px') || style.boxShadow !== 'none';
        const name = (element.getAttribute('aria-label') ?? element.textContent ?? element.getAttribute('name') ?? element.tagName).trim().slice(0, 40);
        return { name: `${element.tagName.toLowerCase()}#${element.id}:${name}`, visible };
      }),
    );
  }
  return stops;
}

const SECTIONS = ['transactions', 'payees', 'payments', 'statements', 'audit', 'keys', 'settings'];

test.describe('accessibility (axe, WCAG 2.1 AA: no serious or critical violation)', () => {
  test('the lock screen, with and without a refusal', async ({ app }) => {
    expect(await violations(app.page)).toEqual([]);
    await app.page.getByLabel('Vault password').fill('wrong password here');
    await app.page.getByRole('button', { name: 'Unlock' }).click();
    await expect(app.page.locator('[data-refusal]')).toBeVisible();
    expect(await violations(app.page)).toEqual([]);
  });

  test('the overview and every section of the maker, the payment form and a payment’s detail', async ({ app }) => {
    // Nine axe runs and 21,000 bookings loaded on two busy cores.
    test.setTimeout(180_000);
    const { page } = app;
    await app.unlock();
    expect(await violations(page)).toEqual([]);
    for (const id of SECTIONS) {
      await page.locator(`[data-section="${id}"]`).click();
      await expect(page.locator(`[data-screen="${id}"][data-ready="true"]`)).toBeVisible({ timeout: 30_000 });
      expect(await violations(page), id).toEqual([]);
    }
    await page.locator('[data-section="payments"]').click();
    await page.getByRole('button', { name: 'New payment' }).click();
    await page.getByLabel('Payee IBAN').fill('DE00 not an iban');
    expect(await violations(page), 'payment form').toEqual([]);
    await page.getByRole('button', { name: 'Discard' }).click();
    await page.locator('[data-list="payments"] [data-payment]').first().click();
    await expect(page.locator('[data-detail]')).toBeVisible();
    expect(await violations(page), 'payment detail').toEqual([]);
  });

});

test.describe('keyboard', () => {
  test('every section and its actions are reached with Tab, each with a visible focus; Enter opens a payment', async ({ app }) => {
    const { page } = app;
    await app.unlock();
    const overview = await tabStops(page, 15);
    expect(overview.filter((stop) => !stop.visible)).toEqual([]);
    for (const label of ['Overview', 'Transactions', 'Payees', 'Payments', 'Statements', 'Audit log', 'Hardware keys', 'Settings', 'Lock']) {
      expect(overview.map((stop) => stop.name)).toContainEqual(expect.stringContaining(label));
    }

    await page.locator('[data-section="payments"]').click();
    await expect(page.locator('[data-screen="payments"][data-ready="true"]')).toBeVisible();
    const payments = await tabStops(page, 24);
    expect(payments.filter((stop) => !stop.visible)).toEqual([]);
    expect(payments.map((stop) => stop.name)).toContainEqual(expect.stringContaining('New payment'));
    // The table is one tab stop; arrows move between rows, Enter opens one.
    await page.locator('[data-list="payments"] [data-payment]').first().focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await expect(page.locator('[data-detail]')).toBeVisible();

    await page.locator('[data-section="transactions"]').click();
    await expect(page.locator('[data-screen="transactions"]')).toBeVisible();
    const transactions = await tabStops(page, 24);
    expect(transactions.filter((stop) => !stop.visible)).toEqual([]);
    expect(transactions.map((stop) => stop.name)).toContainEqual(expect.stringContaining('Export CSV'));
    await app.screenshot('keyboard-focus-en');
  });
});
