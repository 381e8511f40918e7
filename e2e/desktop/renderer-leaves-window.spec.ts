import { expect, test } from './fixtures.js';
import { filesHolding } from './searchFiles.js';

test.describe('when the renderer tries to leave its window', () => {
  test('window.open and a link to a new window: the window is closed at once and reported', async ({ app }) => {
    const { page, shell } = app;
    await page.evaluate(() => void window.open('https://evil.example/open'));
    await expect.poll(() => app.blocked.filter((e) => e.reason === 'DESKTOP_NEW_WINDOW').length).toBe(1);
    await expect.poll(() => shell.context.pages().length).toBe(1);
    await page.evaluate(() => {
      const link = document.createElement('a');
      link.href = 'https://evil.example/phish';
      link.target = '_blank';
      link.id = 'bait';
      link.textContent = 'open';
      document.body.prepend(link);
    });
    await page.locator('#bait').click();
    await expect.poll(() => app.blocked.filter((e) => e.reason === 'DESKTOP_NEW_WINDOW').length).toBe(2);
    await expect.poll(() => shell.context.pages().length).toBe(1);
    // Whatever the new window asked for went nowhere: its requests met the same route.
    expect(app.blocked).toContainEqual({ kind: 'navigation', target: 'https://evil.example/phish', reason: 'DESKTOP_OFF_ORIGIN' });
  });

  test('a navigation to a data: or blob: page is taken back to the app', async ({ app }) => {
    const { page } = app;
    await page.evaluate(() => {
      const blob = new Blob(['<h1>fake login</h1>'], { type: 'text/html' });
      location.href = URL.createObjectURL(blob);
    });
    await expect.poll(() => app.blocked.map((e) => e.reason)).toContain('DESKTOP_NAVIGATION_REFUSED');
    await expect(page).toHaveURL('https://desktop.bank.example/');
    await expect(page.locator('[data-screen="lock"]')).toBeVisible();
  });

  test('a download of vault data (a blob with a download attribute) is cancelled and reported, and no file is written', async ({ app }) => {
    const { page } = app;
    await app.unlock();
    await page.evaluate(() => {
      const blob = new Blob(['DE89370400440532013000;624344.62'], { type: 'text/csv' });
      const link = document.createElement('a');
      link.href = URL.createObjectURL(blob);
      link.download = 'accounts.csv';
      link.id = 'export';
      link.textContent = 'export';
      document.body.prepend(link);
    });
    await page.locator('#export').click();
    await expect.poll(() => app.blocked.map((e) => e.reason)).toContain('DESKTOP_DOWNLOAD_REFUSED');
    expect(app.blocked.find((e) => e.kind === 'download')?.target).toBe('blob:…');
    expect(filesHolding(app.tempDir, ['DE89370400440532013000;624344.62'])).toEqual([]);
  });

  test('alert, confirm and prompt are dismissed and reported', async ({ app }) => {
    const answer = await app.page.evaluate(() => confirm('Send all money?'));
    expect(answer).toBe(false);
    expect(app.blocked).toContainEqual({ kind: 'dialog', target: 'confirm', reason: 'DESKTOP_DIALOG_REFUSED' });
  });

  test('permission requests are denied without a prompt', async ({ app }) => {
    const states = await app.page.evaluate(async () => ({
      notifications: await Notification.requestPermission(),
      geolocation: (await navigator.permissions.query({ name: 'geolocation' })).state,
      camera: (await navigator.permissions.query({ name: 'camera' as PermissionName })).state,
      clipboard: await navigator.clipboard.readText().then(
        () => 'granted',
        (error: Error) => error.name,
      ),
    }));
    expect(states.notifications).toBe('denied');
    expect(states.geolocation).toBe('denied');
    expect(states.camera).toBe('denied');
    expect(states.clipboard).toBe('NotAllowedError');
  });
});
