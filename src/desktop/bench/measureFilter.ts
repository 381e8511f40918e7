import type { Page } from 'playwright-core';

/**
 * Types a search into the transactions screen over all loaded bookings and measures, in the page, from
 * each keydown to the frame after the table changed (requestAnimationFrame, then a task: the rows are painted).
 */
export async function measureFilter(page: Page): Promise<{ median: number; p95: number; samples: number; rows: number }> {
  await page.locator('[data-section="transactions"]').click();
  await page.waitForSelector('[data-screen="transactions"][data-ready="true"]', { timeout: 120_000 });
  const rows = Number(await page.locator('[data-table="transactions"]').getAttribute('data-count'));
  await page.evaluate(() => {
    const scope = globalThis as unknown as { benchTimes: number[]; document: { querySelector(s: string): unknown; addEventListener(t: string, f: (e: { timeStamp: number }) => void, c: boolean): void } };
    scope.benchTimes = [];
    let started: number | undefined;
    scope.document.addEventListener('keydown', (event) => (started = event.timeStamp), true);
    const table = scope.document.querySelector('[data-table="transactions"]');
    const Observer = (globalThis as unknown as { MutationObserver: new (f: () => void) => { observe(t: unknown, o: object): void } }).MutationObserver;
    new Observer(() => {
      if (started === undefined) return;
      const from = started;
      started = undefined;
      const raf = (globalThis as unknown as { requestAnimationFrame(f: () => void): void }).requestAnimationFrame;
      raf(() => setTimeout(() => scope.benchTimes.push(performance.now() - from), 0));
    }).observe(table, { subtree: true, childList: true, characterData: true, attributes: true });
  });
  const search = page.getByRole('searchbox');
  await search.click();
  for (const term of ['invoice nl-2026-00', 'order po-0044', 'alpen']) {
    for (const key of term) {
      await page.keyboard.type(key);
      await page.waitForTimeout(60);
    }
    await search.fill('');
    await page.waitForTimeout(200);
  }
  const times = (await page.evaluate(() => (globalThis as unknown as { benchTimes: number[] }).benchTimes)).sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? 0;
  return { median: at(0.5), p95: at(0.95), samples: times.length, rows };
}
