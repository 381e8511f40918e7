import { describe, expect, it } from 'vitest';
import { generateJwsKeyPair } from '../../crypto/index.js';
import { signPaymentStatusReport, verifyPaymentStatusReport } from './paymentStatusReport.js';

const report = { orgId: 'nordlicht', paymentId: 'pay-1', digest: 'ab'.repeat(32), status: 'executed' as const, at: '2026-12-02T09:30:00Z' };

describe('payment status reports', () => {
  it('round-trips through the bank key, and fails under any other key', async () => {
    const bank = generateJwsKeyPair('EdDSA');
    const jws = await signPaymentStatusReport(report, bank.signingKey);
    expect(await verifyPaymentStatusReport(jws, bank.verificationKey)).toEqual(report);
    await expect(verifyPaymentStatusReport(jws, generateJwsKeyPair('EdDSA').verificationKey)).toThrowCode('DOMAIN_BAD_STATUS_REPORT');
  });

  describe('when a rejection has no reason, or an execution has one', () => {
    it('refuses to sign it', async () => {
      const bank = generateJwsKeyPair('EdDSA');
      await expect(signPaymentStatusReport({ ...report, status: 'rejected' }, bank.signingKey)).rejects.toThrow(/reason/);
      await expect(signPaymentStatusReport({ ...report, reason: 'AM04' }, bank.signingKey)).rejects.toThrow(/reason/);
    });
  });
});
