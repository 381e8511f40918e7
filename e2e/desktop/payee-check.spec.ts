import { violations } from './axe.js';
import { expect, test, type App } from './fixtures.js';

// Bob approves; the demo seed gave the payees the demo bank's Verification of Payee answers (one close match,
// one no match, one payee never checked). He must see them, in words, before his key is asked.
test.use({ user: 'bob', ownVault: 'payee-check' });

async function openApproval(app: App, id: string) {
  const { page } = app;
  await page.locator('[data-section="approvals"]').click();
  await expect(page.locator('[data-screen="approvals"][data-ready="true"]')).toBeVisible();
  await page.locator(`[data-list="payments"] [data-payment="${id}"]`).click();
  await page.locator('[data-detail]').getByRole('button', { name: /Approve with hardware key|Mit Hardware-Schlüssel freigeben/ }).click();
  const dialog = page.locator('[data-dialog="approve"]');
  await expect(dialog).toBeVisible();
  return dialog;
}

test.describe('the payee check before an approval', () => {
  test('a no match is an alert in the detail and in the approval dialog, and does not block signing', async ({ app }) => {
    const { page } = app;
    await app.unlock();
    const dialog = await openApproval(app, 'demo-0004');
    const notice = dialog.locator('[data-payee-check="no-match"]');
    await expect(notice).toHaveAttribute('role', 'alert');
    await expect(notice).toContainText('No match: this name is not the holder of this IBAN.');
    await expect(notice).toContainText('You may still approve');
    await expect(dialog.getByRole('button', { name: 'Sign with hardware key' })).toBeEnabled();
    await expect(page.locator('[data-detail="demo-0004"] [data-payee-check="no-match"]')).toBeVisible();
    await app.screenshot('payee-check-no-match-en');
    expect(await violations(page), 'approval dialog with a no match').toEqual([]);
  });

  test('a close match names what the bank holds; a payee never checked says so', async ({ app }) => {
    const { page } = app;
    await app.unlock();
    const dialog = await openApproval(app, 'demo-0005');
    await expect(dialog.locator('[data-payee-check="close-match"]')).toContainText('Close match: the bank holds the name “Boulangerie Éclair SAS” for this IBAN.');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await page.locator('[data-section="payments"]').click();
    await page.locator('[data-list="payments"] [data-payment="demo-0008"]').click();
    await expect(page.locator('[data-detail="demo-0008"] [data-payee-check="not-checked"]')).toContainText('Not checked (offline)');
    await page.locator('[data-section="payees"]').click();
    await expect(page.locator('[data-payee="payee-iberica"] [data-payee-check="no-match"]')).toHaveText('No match with the account holder');
    await expect(page.locator('[data-payee="payee-eclair"] [data-payee-check="close-match"]')).toContainText('Boulangerie Éclair SAS');
    await expect(page.locator('[data-payee="payee-alpen"] [data-payee-check="match"]')).toBeVisible();
    expect(await violations(page), 'payee list with checks').toEqual([]);
  });

  test('in German', async ({ app }) => {
    const { page } = app;
    await page.getByRole('radio', { name: 'de' }).or(page.getByRole('button', { name: 'de' })).first().click();
    await app.unlock();
    const dialog = await openApproval(app, 'demo-0004');
    await expect(dialog.locator('[data-payee-check="no-match"]')).toContainText('Keine Übereinstimmung: Dieser Name ist nicht der Inhaber dieser IBAN.');
    await app.screenshot('payee-check-no-match-de');
  });
});
