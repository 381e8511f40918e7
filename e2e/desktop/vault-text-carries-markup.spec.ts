import { camt053 } from './camt053.js';
import { expect, test } from './fixtures.js';

const IMG = '<img src=x onerror="window.pwned=1">';
const SCRIPT = '<script>window.pwned=2</script>';

test.describe('when text from the vault carries markup', () => {
  test('a payee name and a statement remittance line with <img onerror> and <script> render as text and run nothing', async ({ app }) => {
    const { page } = app;
    await app.unlock();
    // A payee typed with markup in its name: the app takes it (it is printable text), the window shows it as text.
    await page.locator('[data-section="payees"]').click();
    const name = `Evil ${IMG}`.slice(0, 70);
    await page.getByLabel('Name', { exact: true }).fill(name);
    await page.getByLabel('IBAN', { exact: true }).fill('NL91ABNA0417164300');
    await page.getByRole('button', { name: 'Add payee' }).click();
    const list = page.locator('[data-list="payees"]');
    await expect(list).toContainText(name);
    await expect(list.locator('img, script')).toHaveCount(0);

    // A bank statement whose remittance line and counterparty carry markup.
    await page.locator('[data-section="statements"]').click();
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Choose statement file…' }).click();
    await (await chooser).setFiles({
      name: 'markup.xml',
      mimeType: 'application/xml',
      buffer: Buffer.from(camt053(`E2E-MARKUP-${Date.now()}`, [{ amountMinor: 10_00, name: `Mallory ${IMG}`.slice(0, 70), remittance: `Invoice ${SCRIPT} ${IMG}` }])),
    });
    await expect(page.locator('[data-import-result]')).toContainText('1 bookings imported');
    await page.locator('[data-section="transactions"]').click();
    await page.getByRole('searchbox', { name: 'Search' }).fill('window.pwned=2');
    const row = page.locator('[data-table="transactions"] [data-row="0"]');
    await expect(row).toContainText(SCRIPT);
    await expect(row).toContainText('Mallory <img');
    await expect(page.locator('main img, main script')).toHaveCount(0);
    await app.screenshot('markup-as-text-en');

    expect(await page.evaluate(() => (window as { pwned?: number }).pwned)).toBeUndefined();
    // Nothing was even attempted: no CSP violation, no request for "x".
    expect(app.blocked).toEqual([]);
  });
});
