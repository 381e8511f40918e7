import type { BrowserContext, ConsoleMessage, Page } from 'playwright-core';
import { describeUrl, type BlockedListener } from './blockedEvent.js';

/** Permissions API names denied without a prompt (Browser.setPermission); unknown names are skipped. */
const DENIED_PERMISSIONS = [
  'geolocation', 'notifications', 'midi', 'camera', 'microphone', 'clipboard-read', 'clipboard-write', 'background-sync',
  'payment-handler', 'persistent-storage', 'idle-detection', 'screen-wake-lock', 'display-capture', 'window-management',
  'local-fonts', 'storage-access', 'keyboard-lock', 'pointer-lock', 'accelerometer', 'gyroscope', 'magnetometer',
];

const CSP_VIOLATION = /violates the following Content Security Policy directive: "([^"]{1,120})"/;

/**
 * Keeps the window what it is: one page of the app's origin. New windows are closed, downloads cancelled,
 * dialogs dismissed, navigation elsewhere taken back, permissions denied; each is reported.
 */
export async function guardWindow(context: BrowserContext, page: Page, origin: string, onBlocked: BlockedListener): Promise<void> {
  context.on('page', function closeNewWindow(other) {
    if (other === page) return;
    onBlocked({ kind: 'popup', target: describeUrl(other.url()), reason: 'DESKTOP_NEW_WINDOW' });
    void other.close().catch(() => undefined);
  });
  page.on('download', function cancelDownload(download) {
    onBlocked({ kind: 'download', target: describeUrl(download.url()), reason: 'DESKTOP_DOWNLOAD_REFUSED' });
    void download.cancel().catch(() => undefined);
  });
  page.on('dialog', function dismissDialog(dialog) {
    onBlocked({ kind: 'dialog', target: dialog.type(), reason: 'DESKTOP_DIALOG_REFUSED' });
    void dialog.dismiss().catch(() => undefined);
  });
  page.on('framenavigated', function takeBack(frame) {
    // Navigations the route never sees (blob:, data:, about:) end here: back to the app, which reloads it.
    if (frame !== page.mainFrame() || frame.url().startsWith(`${origin}/`)) return;
    // An error page follows a navigation the route refused, which was reported there already.
    if (!frame.url().startsWith('chrome-error:')) onBlocked({ kind: 'navigation', target: describeUrl(frame.url()), reason: 'DESKTOP_NAVIGATION_REFUSED' });
    void page.goto(`${origin}/`).catch(() => undefined);
  });
  page.on('console', function reportCspViolation(message: ConsoleMessage) {
    const directive = CSP_VIOLATION.exec(message.text())?.[1];
    if (directive !== undefined) onBlocked({ kind: 'csp', target: directive, reason: 'DESKTOP_CSP_VIOLATION' });
  });

  const cdp = await context.newCDPSession(page);
  for (const name of DENIED_PERMISSIONS) {
    await cdp.send('Browser.setPermission', { permission: { name }, setting: 'denied', origin }).catch(() => undefined);
  }
  await cdp.detach();
}
