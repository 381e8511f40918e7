import { expect, test } from './fixtures.js';

test.describe('when script is injected into the renderer', () => {
  test('the page is a secure context served with the strict CSP, Trusted Types and nosniff', async ({ app }) => {
    const response = await app.page.reload();
    const headers = response?.headers() ?? {};
    expect(headers['content-security-policy']).toContain("script-src 'self'");
    expect(headers['content-security-policy']).toContain("connect-src 'none'");
    expect(headers['content-security-policy']).toContain("require-trusted-types-for 'script'");
    expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(await app.page.evaluate(() => window.isSecureContext)).toBe(true);
  });

  test('an inline script element does not run, strings into DOM sinks are refused by Trusted Types, and eval is refused', async ({ app }) => {
    // The attempts run from a timer, i.e. as page code: code evaluated over CDP itself is exempt from the CSP.
    await app.page.evaluate(() => {
      setTimeout(() => {
        const results: Record<string, string> = {};
        const attempt = (name: string, run: () => unknown) => {
          try {
            results[name] = String(run());
          } catch (error) {
            results[name] = (error as Error).name;
          }
        };
        attempt('script', () => {
          const script = document.createElement('script');
          script.textContent = 'window.injected = true';
          document.body.append(script);
        });
        attempt('html', () => document.body.insertAdjacentHTML('beforeend', '<img src=x onerror="window.injected=true">'));
        attempt('handler', () => document.body.setAttribute('onclick', 'window.injected = true'));
        attempt('eval', () => eval('1 + 1'));
        attempt('fn', () => new Function('return 2')());
        attempt('timer', () => setTimeout('window.injected = true' as unknown as () => void, 0));
        Object.assign(window, { attempts: results });
      }, 0);
    });
    await expect.poll(() => app.page.evaluate(() => (window as { attempts?: unknown }).attempts)).toEqual({
      script: 'TypeError',
      html: 'TypeError',
      handler: 'TypeError',
      eval: 'EvalError',
      fn: 'EvalError',
      timer: expect.any(String),
    });
    await app.page.waitForTimeout(100);
    expect(await app.page.evaluate(() => (window as { injected?: boolean }).injected)).toBeUndefined();
  });

  test('the UI itself runs without a single CSP violation, on every screen and through the payment form', async ({ app }) => {
    await app.unlock();
    for (const id of ['transactions', 'payees', 'payments', 'statements', 'audit', 'keys', 'settings']) {
      await app.page.locator(`[data-section="${id}"]`).click();
      await expect(app.page.locator(`[data-screen="${id}"]`)).toBeVisible();
    }
    // The form validates with the app's zod schemas, which must not probe for eval (zod's jitless mode).
    await app.page.locator('[data-section="payments"]').click();
    await app.page.getByRole('button', { name: 'New payment' }).click();
    await app.page.getByLabel('Payee IBAN').fill('DE02120300000000202051');
    await app.page.locator('[data-section="overview"]').click();
    await expect(app.page.locator('[data-screen="overview"][data-ready="true"]')).toBeVisible();
    expect(app.blocked).toEqual([]);
  });
});
