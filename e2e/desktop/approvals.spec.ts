import { violations } from './axe.js';
import { expect, test, type App } from './fixtures.js';
import { WindowKeys } from './windowKeys.js';

// Bob approves (a worker of his own vault); the tests go on from one another (his key, the payment's state).
test.use({ user: 'bob' });
test.describe.configure({ mode: 'serial' });

async function openPayment(app: App, id: string) {
  const { page } = app;
  await page.locator('[data-section="approvals"]').click();
  await expect(page.locator('[data-screen="approvals"][data-ready="true"]')).toBeVisible();
  await page.locator(`[data-list="payments"] [data-payment="${id}"]`).click();
  await page.locator('[data-detail]').getByRole('button', { name: 'Approve with hardware key' }).click();
  const dialog = page.locator('[data-dialog="approve"]');
  await expect(dialog).toBeVisible();
  return dialog;
}

async function approvalsOf(app: App, id: string) {
  const shown = await app.backend.dispatch('payments.show', { id });
  if (!shown.ok) throw new Error(shown.error.message);
  return shown.value as { payment: { status: string }; approvals: { userId: string; counts: boolean; signatureClass: string | null }[] };
}

test.describe('when an approver approves in the window', () => {
  test('the dialog shows what is signed; without a key of hers it is refused in words and nothing is sent', async ({ app }) => {
    const { page } = app;
    await app.unlock();
    await page.locator('[data-section="approvals"]').click();
    await expect(page.locator('[data-list="payments"] [data-payment]').first()).toBeVisible();
    await app.screenshot('approvals-en');
    // demo-0005: 2,300.00 EUR to Boulangerie Éclair SARL, waiting for a first approval.
    const dialog = await openPayment(app, 'demo-0005');
    await expect(dialog.locator('[data-field="amount"]')).toHaveText('€2,300.00 EUR');
    await expect(dialog.locator('[data-field="payee"]')).toHaveText('Boulangerie Éclair SARL');
    await expect(dialog.locator('[data-field="iban"]')).toHaveText('FR14 2004 1010 0505 0001 3M02 606 · BNPAFRPP');
    // The execution date as the seed set it (two days ahead), in the window's English form: "3 Dec 2026".
    const { executionDate } = (await app.backend.dispatch('payments.show', { id: 'demo-0005' }) as { ok: true; value: { payment: { executionDate: string } } }).value.payment;
    const [year, month, day] = executionDate.split('-').map(Number) as [number, number, number];
    await expect(dialog.locator('[data-field="date"]')).toHaveText(`${day} ${new Date(Date.UTC(year, month - 1, day)).toLocaleString('en-GB', { month: 'short', timeZone: 'UTC' })} ${year}`);
    await expect(dialog.locator('[data-field="digest"]')).toHaveText(/^[0-9a-f]{64}$/);
    expect(await violations(page), 'approval dialog').toEqual([]);
    await dialog.getByRole('button', { name: 'Sign with hardware key' }).click();
    await expect(dialog.locator('[data-refusal="UI_NO_KEY"]')).toContainText('You have no hardware key in this vault yet');
    expect(await violations(page), 'approval dialog with a refusal').toEqual([]);
    expect((await approvalsOf(app, 'demo-0005')).payment.status).toBe('pending_approval');
  });

  test('with an enrolled key: a cancelled signature changes nothing, then the key signs the digest and the payment is approved', async ({ app }) => {
    const { page } = app;
    const keys = await WindowKeys.attach(page);
    try {
      await app.unlock();
      const yubiKey = keys.newKey({ transport: 'usb', hasPrf: true });
      await keys.plug(yubiKey);
      await page.locator('[data-section="keys"]').click();
      await page.getByLabel('Name', { exact: true }).fill('YubiKey 5 NFC');
      await page.getByRole('button', { name: 'Add key' }).click();
      await expect(page.locator('[data-key="YubiKey 5 NFC"]')).toBeVisible();

      const dialog = await openPayment(app, 'demo-0005');
      await app.screenshot('approval-dialog-en');
      await keys.setUserVerified(false);
      await dialog.getByRole('button', { name: 'Sign with hardware key' }).click();
      await expect(dialog.locator('[data-refusal="UI_KEY_CANCELLED"]')).toContainText('Nothing was changed');
      expect(await approvalsOf(app, 'demo-0005')).toMatchObject({ payment: { status: 'pending_approval' }, approvals: [] });

      // Chromium's virtual key stays refusing once it has refused: plug it in again (its credential kept).
      await keys.plug(yubiKey);
      await dialog.getByRole('button', { name: 'Sign with hardware key' }).click();
      await expect(dialog.locator('[data-approval-result="approved"]')).toContainText('Approved');
      await app.screenshot('approval-signed-en');
      // Bob's class E alone releases a small EUR payment; his stored assertion verifies again when counted.
      expect(await approvalsOf(app, 'demo-0005')).toMatchObject({ payment: { status: 'approved' }, approvals: [{ userId: 'bob', signatureClass: 'E', counts: true }] });
      await dialog.getByRole('button', { name: 'Close' }).click();
      await expect(page.locator('[data-detail="demo-0005"]')).toContainText('Approved');
      // The ceremonies, the dialog and the prompt ran without a CSP violation or any other refusal of the shell.
      expect(app.blocked).toEqual([]);
    } finally {
      await keys.close();
    }
  });
});
