import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeDemoVault, storedPayment, type DemoVault } from '../../../test/fixtures/demo/demoVault.js';
import { dispatch } from '../dispatch/dispatch.js';
import { openSession } from '../dispatch/openSession.js';

let alice: DemoVault;
beforeAll(async () => {
  alice = await makeDemoVault('alice');
});
afterAll(() => alice?.close());

describe('when the progress of an export is watched', () => {
  it('reports the payments checked of those selected, ending with all of them', async () => {
    const seen: { done: number; total: number }[] = [];
    const result = await dispatch(await openSession(alice.vault), 'payments.export', { format: 'pain.001', currency: 'GBP' }, { onProgress: (p) => seen.push(p) });
    expect(result).toMatchObject({ ok: true, value: { count: 1, payments: ['demo-0007'] } });
    expect(seen.at(0)).toEqual({ done: 0, total: 1 });
    expect(seen.at(-1)).toEqual({ done: 1, total: 1 });
    expect(storedPayment(alice.vault, 'demo-0007')).toMatchObject({ status: 'queued' });
  });

  it('is refused with APP_CANCELLED when cancelled, and the payment stays approved', async () => {
    const vault = (await makeDemoVault('alice')) as DemoVault;
    try {
      const controller = new AbortController();
      controller.abort();
      const result = await dispatch(await openSession(vault.vault), 'payments.export', { format: 'pain.001', currency: 'GBP' }, { signal: controller.signal });
      expect(result).toMatchObject({ ok: false, error: { code: 'APP_CANCELLED' } });
      expect(storedPayment(vault.vault, 'demo-0007')).toMatchObject({ status: 'approved', version: 3 });
    } finally {
      vault.close();
    }
  });
});
