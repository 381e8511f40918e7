import { expect, test } from './fixtures.js';

test.describe('when a maker creates and submits a payment', () => {
  test('the form checks IBAN, BIC and amount as they are typed, the payment is listed, opened and submitted', async ({ app }) => {
    const { page } = app;
    const payee = `Nordwind Spedition ${Date.now()}`;
    await app.unlock();
    await page.locator('[data-section="payments"]').click();
    await page.getByRole('button', { name: 'New payment' }).click();
    const form = page.locator('[data-form="payment"]');
    await form.getByLabel('Payee name').fill(payee);
    // A wrong check digit, refused by the app's own IBAN schema before anything is sent.
    await form.getByLabel('Payee IBAN').fill('DE89 3704 0044 0532 0130 01');
    await expect(form.getByText(/check digits|checksum|IBAN/i).first()).toBeVisible();
    await expect(form.getByRole('button', { name: 'Create draft' })).toBeDisabled();
    await form.getByLabel('Payee BIC').fill('NOT A BIC');
    await form.getByLabel('Amount').fill('12.345');
    await app.screenshot('payment-form-invalid-en');
    await expect(form.locator('input[aria-invalid="true"]')).toHaveCount(2);
    await form.getByLabel('Payee IBAN').fill('DE02 1203 0000 0000 2020 51');
    await form.getByLabel('Payee BIC').fill('BYLADEM1001');
    // With the parties valid, the amount is read in its currency: three decimals are not euros.
    await expect(form.locator('input[aria-invalid="true"]')).toHaveCount(1);
    await expect(form.getByRole('button', { name: 'Create draft' })).toBeDisabled();
    await form.getByLabel('Amount').fill('1,234.50');
    await form.getByLabel('Reference').fill('Fracht Dezember');
    await expect(form.locator('input[aria-invalid="true"]')).toHaveCount(0);
    await form.getByRole('button', { name: 'Create draft' }).click();

    const detail = page.locator('[data-detail]');
    await expect(detail).toContainText(payee);
    await expect(detail).toContainText('€1,234.50');
    await expect(detail).toContainText('Draft');
    await expect(detail.locator('[data-digest]')).toHaveText(/^[0-9a-f]{64}$/);
    await expect(detail.locator('[data-list="trail"]')).toContainText('payments.create');
    await expect(page.locator('[data-list="payments"] [data-payment]').filter({ hasText: payee })).toHaveCount(1);
    await app.screenshot('payment-detail-en');

    await detail.getByRole('button', { name: 'Submit for approval' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Submitted' })).toBeVisible();
    await expect(detail).toContainText('Awaiting approval');
    await expect(detail.locator('[data-list="trail"]')).toContainText('payments.submit');
    await page.getByRole('radio', { name: 'Awaiting approval' }).click();
    await expect(page.locator('[data-list="payments"] [data-payment]').filter({ hasText: payee })).toHaveCount(1);
  });

  test('an edit is checked the same way and voids approvals; a cancel is recorded in the trail', async ({ app }) => {
    const { page } = app;
    await app.unlock();
    // A draft of this test's own, so the demo's drafts stay as other tests expect them.
    const payee = `Edit Me GmbH ${Date.now()}`;
    const created = await app.backend.dispatch('payments.create', { from: 'DE89370400440532013000', toName: payee, toIban: 'DE02120300000000202051', amount: '10.00', currency: 'EUR' });
    expect(created).toMatchObject({ ok: true });
    await page.locator('[data-section="payments"]').click();
    await page.getByRole('radio', { name: 'Draft' }).click();
    await page.locator('[data-list="payments"] [data-payment]').filter({ hasText: payee }).click();
    const detail = page.locator('[data-detail]');
    await detail.getByRole('button', { name: 'Edit' }).click();
    await expect(detail).toContainText('voids its approvals');
    await detail.getByLabel('Amount').fill('7.5.5');
    await expect(detail.locator('input[aria-invalid="true"]')).toHaveCount(1);
    await detail.getByLabel('Amount').fill('77.55');
    await detail.getByRole('button', { name: 'Save changes' }).click();
    await expect(detail).toContainText('€77.55');
    await detail.getByRole('button', { name: 'Cancel payment' }).click();
    await expect(detail).toContainText('Cancelled');
    await expect(detail.locator('[data-list="trail"]')).toContainText('payments.cancel');
  });
});
