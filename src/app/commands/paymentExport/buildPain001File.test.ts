import { describe, expect, it } from 'vitest';
import { samplePayment } from '../../../../test/fixtures/domain/samplePayment.js';
import { buildPain001 } from '../../../domain/index.js';
import { buildPain001File, IN_THREAD_BELOW_PAYMENTS } from './buildPain001File.js';

// More payments than are built in place, each its own order (ids, amounts and remittance differ).
const payments = Array.from({ length: IN_THREAD_BELOW_PAYMENTS + 20 }, (_, i) =>
  samplePayment({ id: `pay-${String(i).padStart(4, '0')}`, amountMinor: 100 + i * 7, remittanceInfo: `Invoice 2025-${i}`, status: 'approved', version: 3 }),
);
const request = {
  messageId: 'MSG-0001',
  createdAt: '2025-03-01T10:00:00.000Z',
  initiatingParty: { name: 'Beispiel GmbH' },
  debtor: { name: 'Operating account', iban: 'DE89370400440532013000' },
  payments,
};

describe('when a pain.001 file of many payments is built', () => {
  it('builds it in a worker, byte for byte the file the domain builds in place', async () => {
    const bytes = await buildPain001File(request);
    expect(new TextDecoder().decode(bytes)).toBe(buildPain001(request));
    expect(bytes).toEqual(await buildPain001File(request, { inThreadBelowPayments: Infinity }));
  });

  it('reports the domain refusal of a bad request with its code, from the worker as in place', async () => {
    const bad = { ...request, payments: [...payments, samplePayment({ id: 'pay-usd', currency: 'USD', status: 'approved' })] };
    const inPlace = buildPain001File(bad, { inThreadBelowPayments: Infinity });
    await expect(inPlace).rejects.toThrow();
    const code = await inPlace.catch((error: { code?: string }) => error.code);
    expect(code).toMatch(/^DOMAIN_/);
    await expect(buildPain001File(bad, { inThreadBelowPayments: 0 })).toThrowCode(code as string);
  });

  it('stops the worker when cancelled and refuses with APP_CANCELLED', async () => {
    const controller = new AbortController();
    const building = buildPain001File(request, { signal: controller.signal, inThreadBelowPayments: 0 });
    setImmediate(() => controller.abort());
    await expect(building).toThrowCode('APP_CANCELLED');
  });
});
