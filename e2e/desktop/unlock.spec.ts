import { expect, PASSWORD, test } from './fixtures.js';

test.describe('when the user unlocks the vault in the window', () => {
  test('shows the lock screen, then the overview with balances per account and currency and what waits', async ({ app }) => {
    const { page } = app;
    expect(await page.evaluate(() => location.origin)).toBe('https://desktop.bank.example');
    await app.screenshot('lock-en');
    await app.unlock();
    // The demo's EUR balance (€624,344.62), or what statements imported by other tests of this worker made of it.
    await expect(page.locator('[data-total="EUR"]')).toContainText(/€62\d,\d{3}\.\d{2}/);
    await expect(page.locator('[data-account="DE89370400440532013000"]')).toContainText('DE89 3704 0044 0532 0130 00');
    await expect(page.locator('[data-account="GB29NWBK60161331926819"]')).toContainText('£');
    // Alice is a maker: her drafts, the rejected payment and the approved ones (to export) wait for her.
    for (const id of ['demo-0001', 'demo-0002', 'demo-0003', 'demo-0011']) await expect(page.locator(`[data-list="waiting"] [data-payment="${id}"]`)).toBeVisible();
    await expect(page.locator('[data-user]')).toHaveText('alice');
    await app.screenshot('overview-en');
  });

  test('the password is not echoed: neither the page nor the answer holds it after unlock', async ({ app }) => {
    const { page } = app;
    const answer = await page.evaluate(async (password) => JSON.stringify(await window.coffer?.({ id: 1, command: 'session.unlock', input: { password } })), PASSWORD);
    expect(answer).not.toContain(PASSWORD);
    expect(answer).toContain('"userId":"alice"');
    await page.reload();
    await expect(page.locator('[data-screen="overview"]')).toBeVisible();
    expect(await page.content()).not.toContain(PASSWORD);
  });

  test('a wrong password is refused in words, with what to do, and the field is emptied', async ({ app }) => {
    const { page } = app;
    await page.getByLabel('Vault password').fill('not the password at all');
    await page.getByRole('button', { name: 'Unlock' }).click();
    const notice = page.locator('[data-refusal="VAULT_WRONG_PASSWORD"]');
    await expect(notice).toContainText('That password does not open this vault.');
    await expect(notice).toContainText('What to do: Check Caps Lock');
    await expect(page.getByLabel('Vault password')).toHaveValue('');
    expect(await page.content()).not.toContain('not the password at all');
    await app.screenshot('lock-wrong-password-en');
  });

  test('in German, amounts and dates follow the locale and every section is reachable', async ({ app }) => {
    test.setTimeout(120_000);
    const { page } = app;
    await page.getByRole('radio', { name: 'de' }).or(page.getByRole('button', { name: 'de' })).first().click();
    await expect(page.getByRole('heading', { name: 'Tresor entsperren' })).toBeVisible();
    await app.screenshot('lock-de');
    await app.unlock();
    await expect(page.locator('[data-total="EUR"]')).toContainText(/62\d\.\d{3},\d{2}\s€/);
    await app.screenshot('overview-de');
    for (const [id, title] of [['transactions', 'Umsätze'], ['payees', 'Empfänger'], ['payments', 'Zahlungen'], ['statements', 'Kontoauszüge'], ['audit', 'Prüfprotokoll'], ['keys', 'Hardware-Schlüssel'], ['settings', 'Einstellungen']] as const) {
      await page.locator(`[data-section="${id}"]`).click();
      await expect(page.locator(`[data-screen="${id}"][data-ready="true"]`)).toContainText(title, { timeout: 30_000 });
      await app.screenshot(`${id}-de`);
    }
    // German dates and amounts in the bookings: "30.11.2026", "1.234,56 €".
    await page.locator('[data-section="transactions"]').click();
    await expect(page.locator('[data-table="transactions"] [role="row"][data-row="0"]')).toContainText(/\d{2}\.\d{2}\.\d{4}|\d{1,2}\. [A-ZÄÖÜa-zäöü]{3,4}\.? \d{4}/);
    await expect(page.locator('[data-table="transactions"] [role="row"][data-row="0"]')).toContainText(/\d,\d{2}\s(€|\$|£)/);
    // Locking reloads the page; the lock screen keeps the language chosen.
    await page.getByRole('button', { name: 'Sperren' }).click();
    await expect(page.getByRole('heading', { name: 'Tresor entsperren' })).toBeVisible();
  });

  test('a maker sees every section of her roles, each with its content, and no approvals queue', async ({ app }) => {
    test.setTimeout(120_000);
    const { page } = app;
    await app.unlock();
    await expect(page.locator('[data-section="approvals"]')).toHaveCount(0);
    for (const id of ['transactions', 'payees', 'payments', 'statements', 'audit', 'keys', 'settings']) {
      await page.locator(`[data-section="${id}"]`).click();
      await expect(page.locator(`[data-screen="${id}"][data-ready="true"]`)).toBeVisible({ timeout: 20_000 });
      await app.screenshot(`${id}-en`);
    }
  });
});

test.describe('when the vault locks', () => {
  test('the lock button locks the vault and the lock screen comes back', async ({ app }) => {
    const { page } = app;
    await app.unlock();
    await page.getByRole('button', { name: 'Lock' }).click();
    await expect(page.locator('[data-screen="lock"]')).toBeVisible();
    expect(app.backend.session()).toBeUndefined();
    const answer = await page.evaluate(() => window.coffer?.({ id: 2, command: 'accounts.list', input: {} }));
    expect(answer).toMatchObject({ ok: false, error: { code: 'DESKTOP_LOCKED' } });
  });
});
