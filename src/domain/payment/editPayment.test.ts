import { describe, expect, it } from 'vitest';
import { editPayment, type PaymentChanges } from './editPayment.js';
import { paymentDigest } from './paymentDigest.js';
import type { PaymentStatus } from './parsePayment.js';
import { samplePayment } from '../../../test/fixtures/domain/samplePayment.js';

describe('editPayment', () => {
  describe('when the payment is a draft', () => {
    it('applies the change, keeps it a draft and raises the version', () => {
      const { payment, approvalsVoided } = editPayment(samplePayment(), { amountMinor: 99 });
      expect(payment.amountMinor).toBe(99);
      expect(payment.status).toBe('draft');
      expect(payment.version).toBe(2);
      expect(approvalsVoided).toBe(false);
    });
  });

  describe('when the payment is pending approval', () => {
    it('sends it back to draft and voids the approvals collected', () => {
      const pending = samplePayment({ status: 'pending_approval', version: 4 });
      const { payment, approvalsVoided } = editPayment(pending, {
        creditor: { name: 'Other GmbH', iban: 'NL91ABNA0417164300' },
      });
      expect(payment.status).toBe('draft');
      expect(payment.version).toBe(5);
      expect(payment.creditor).toEqual({ name: 'Other GmbH', iban: 'NL91ABNA0417164300' });
      expect(approvalsVoided).toBe(true);
      expect(paymentDigest(payment).equals(paymentDigest(pending))).toBe(false);
    });
  });

  describe('when the payment is approved but has not left', () => {
    it('returns it to draft and says its approvals are void (a new execution date after the old one passed)', () => {
      const { payment, approvalsVoided } = editPayment(samplePayment({ status: 'approved', version: 4 }), { executionDate: '2099-01-02', expiresAt: '2099-02-01T00:00:00.000Z' });
      expect(payment).toMatchObject({ status: 'draft', version: 5, executionDate: '2099-01-02' });
      expect(approvalsVoided).toBe(true);
    });
  });

  describe('when the payment has left for the bank or ended', () => {
    it.each(['queued', 'submitted', 'accepted', 'rejected', 'cancelled'] as PaymentStatus[])(
      'refuses to edit a %s payment with DOMAIN_PAYMENT_LOCKED',
      async (status) => {
        await expect(() => editPayment(samplePayment({ status }), { amountMinor: 1 })).toThrowCode('DOMAIN_PAYMENT_LOCKED');
      },
    );
  });

  describe('when the changes are not allowed', () => {
    it.each([
      ['the status', { status: 'approved' }],
      ['the id', { id: 'pay-0002' }],
      ['the author', { createdBy: 'mallory' }],
      ['the version', { version: 99 }],
      ['an amount above the limit', { amountMinor: 100_000_000_000_000 }],
      ['a currency whose limit the amount exceeds', { currency: 'JPY', amountMinor: 1_000_000_000_000 }],
      ['a bad IBAN', { debtorIban: 'DE88370400440532013000' }],
    ])('refuses %s with DOMAIN_BAD_PAYMENT', async (_, changes) => {
      await expect(() => editPayment(samplePayment(), changes as PaymentChanges)).toThrowCode('DOMAIN_BAD_PAYMENT');
    });
  });
});
