import type { BrowserContext, Route } from 'playwright-core';
import { describeUrl, type BlockedListener } from './blockedEvent.js';
import { responseHeaders } from './responseHeaders.js';
import type { UiBundle } from './loadUiBundle.js';

/**
 * Answers every request of the window: GETs of the app's origin from the checked bundle in memory, and
 * nothing else. Requests to any other origin, other methods, and unknown paths are refused and reported.
 */
export async function serveUi(context: BrowserContext, origin: string, bundle: UiBundle, onBlocked: BlockedListener): Promise<void> {
  await context.route('**/*', async function serveOrRefuse(route: Route) {
    const request = route.request();
    const url = new URL(request.url());
    const kind = request.isNavigationRequest() ? 'navigation' : 'request';
    if (url.origin !== origin) {
      onBlocked({ kind, target: describeUrl(request.url()), reason: 'DESKTOP_OFF_ORIGIN' });
      return route.abort('blockedbyclient');
    }
    if (request.method() !== 'GET') {
      onBlocked({ kind, target: describeUrl(request.url()), reason: 'DESKTOP_METHOD_REFUSED' });
      return route.abort('blockedbyclient');
    }
    const asset = bundle.files.get(url.pathname === '/' ? '/index.html' : url.pathname);
    if (asset === undefined) {
      onBlocked({ kind, target: describeUrl(request.url()), reason: 'DESKTOP_UNKNOWN_ASSET' });
      return route.fulfill({ status: 404, headers: responseHeaders('text/plain; charset=utf-8'), body: 'not found' });
    }
    return route.fulfill({ status: 200, headers: responseHeaders(asset.contentType), body: asset.body });
  });
}
