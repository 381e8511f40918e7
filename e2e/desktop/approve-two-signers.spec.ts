import { expect, test } from './fixtures.js';
import { WindowKeys } from './windowKeys.js';

// Carol (class B) gives the second signature a large EUR payment needs: Bob's class A came with the demo.
test.use({ user: 'carol' });

test('a large payment needs A and B: with Bob’s A already counted, Carol’s B approves it', async ({ app }) => {
  const { page } = app;
  const keys = await WindowKeys.attach(page);
  try {
    await app.unlock();
    await keys.plug(keys.newKey({ transport: 'internal', hasPrf: false }));
    await page.locator('[data-section="keys"]').click();
    await page.getByLabel('Name', { exact: true }).fill('Windows Hello');
    await page.getByRole('button', { name: 'Add key' }).click();
    await expect(page.locator('[data-key="Windows Hello"]')).toBeVisible();

    await page.locator('[data-section="approvals"]').click();
    await page.locator('[data-list="payments"] [data-payment="demo-0004"]').click();
    const detail = page.locator('[data-detail="demo-0004"]');
    await expect(detail).toContainText('bob · A');
    await detail.getByRole('button', { name: 'Approve with hardware key' }).click();
    const dialog = page.locator('[data-dialog="approve"]');
    await expect(dialog.locator('[data-field="amount"]')).toHaveText('€48,000.00 EUR');
    await dialog.getByRole('button', { name: 'Sign with hardware key' }).click();
    await expect(dialog.locator('[data-approval-result="approved"]')).toBeVisible();
    const shown = await app.backend.dispatch('payments.show', { id: 'demo-0004' });
    expect(shown).toMatchObject({
      ok: true,
      value: { payment: { status: 'approved' }, approvals: [{ userId: 'bob', signatureClass: 'A', counts: true }, { userId: 'carol', signatureClass: 'B', counts: true }] },
    });
  } finally {
    await keys.close();
  }
});
