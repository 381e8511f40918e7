import { expect, test } from './fixtures.js';

// Bob approves (a worker of his own vault).
test.use({ user: 'bob' });

test.describe('when an approver approves in the window', () => {
  test('the queue shows others’ pending payments, and approving without a hardware key is refused in words and audited', async ({ app }) => {
    const { page } = app;
    await app.unlock();
    await page.locator('[data-section="approvals"]').click();
    await expect(page.locator('[data-screen="approvals"][data-ready="true"]')).toBeVisible();
    const rows = page.locator('[data-list="payments"] [data-payment]');
    await expect(rows.first()).toBeVisible();
    await app.screenshot('approvals-en');
    // demo-0005 waits for a first approval; bob has approved demo-0004 already (that refusal is another).
    await page.locator('[data-list="payments"] [data-payment="demo-0005"]').click();
    await page.locator('[data-detail]').getByRole('button', { name: 'Approve with hardware key' }).click();
    const refusal = page.locator('[data-refusal="APP_STEP_UP_REQUIRED"]');
    await expect(refusal).toContainText('Approving needs your hardware key');
    await expect(refusal).toContainText('What to do:');
    await app.screenshot('approvals-step-up-refused-en');
    const log = await app.backend.dispatch('audit.log', { action: 'payments.approve', outcome: 'denied', limit: 1 });
    expect(log).toMatchObject({ ok: true, value: { entries: [{ action: 'payments.approve', outcome: 'denied', reason: 'APP_STEP_UP_REQUIRED', actor: { userId: 'bob' } }] } });
  });
});
