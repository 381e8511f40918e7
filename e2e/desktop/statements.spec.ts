import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { camt053 } from './camt053.js';
import { expect, test } from './fixtures.js';
import { answerSaveDialog } from './saveDialog.js';

test.describe('when a maker imports a statement and exports payments', () => {
  test('a camt.053 picked in the page is imported, and its reconciliation shown loudly', async ({ app }) => {
    const { page } = app;
    await app.unlock();
    await page.locator('[data-section="statements"]').click();
    const xml = camt053(`E2E-OK-${Date.now()}`, [
      { amountMinor: 1_500_00, name: 'Kunde Nord AG', remittance: 'Invoice 2026-117' },
      { amountMinor: -230_45, name: 'Stadtwerke', remittance: 'Strom November' },
    ]);
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Choose statement file…' }).click();
    await (await chooser).setFiles({ name: 'statement-ok.xml', mimeType: 'application/xml', buffer: Buffer.from(xml) });
    const result = page.locator('[data-import-result]');
    await expect(result).toContainText('2 bookings imported');
    await expect(result.locator('[data-reconciliation="reconciled"]')).toContainText('Reconciled: the statement adds up.');
    await app.screenshot('statements-imported-en');
  });

  test('a statement that does not add up is refused in words, and booked only when accepted', async ({ app }) => {
    const { page } = app;
    await app.unlock();
    await page.locator('[data-section="statements"]').click();
    const xml = camt053(`E2E-OFF-${Date.now()}`, [{ amountMinor: 99_00, name: 'Kunde Süd GmbH', remittance: 'Invoice 2026-118' }], { closingOffMinor: 1_00 });
    const pick = async () => {
      const chooser = page.waitForEvent('filechooser');
      await page.getByRole('button', { name: 'Choose statement file…' }).click();
      await (await chooser).setFiles({ name: 'statement-off.xml', mimeType: 'application/xml', buffer: Buffer.from(xml) });
    };
    await pick();
    await expect(page.locator('[data-refusal="APP_UNRECONCILED"]')).toContainText('The statement does not add up, so nothing was booked.');
    await expect(page.locator('[data-refusal="APP_UNRECONCILED"]')).toContainText('Book it even if it does not reconcile');
    await app.screenshot('statements-unreconciled-en');
    await page.locator('label').filter({ hasText: 'Book it even if it does not reconcile' }).click();
    await expect(page.getByRole('checkbox', { name: 'Book it even if it does not reconcile' })).toBeChecked();
    await pick();
    await expect(page.locator('[data-reconciliation="differs"]')).toContainText('Does NOT reconcile');
    await expect(page.locator('[data-reconciliation="differs"]')).toContainText('booked because you accepted it');
  });

  test('approved payments are exported as pain.001 through the browser’s own save dialog', async ({ app }) => {
    const { page, shell } = app;
    const folder = mkdtempSync(join(app.tempDir, 'saved-'));
    try {
      await app.unlock();
      await page.locator('[data-section="statements"]').click();
      const exportButton = page.getByRole('button', { name: 'Export and save…' });
      await expect(exportButton).toBeEnabled();
      const target = join(folder, 'payments.xml');
      await exportButton.click();
      await answerSaveDialog(shell, target);
      await expect(page.getByRole('status').filter({ hasText: 'saved as payments.xml' })).toBeVisible();
      const xml = readFileSync(target, 'utf8');
      expect(xml).toContain('urn:iso:std:iso:20022:tech:xsd:pain.001.001.09');
      expect(xml).toMatch(/<NbOfTxs>\d+<\/NbOfTxs>/);
      // The shell saw no download: the file left as bytes of a command, through the picker.
      expect(app.blocked.filter((event) => event.kind === 'download')).toEqual([]);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
