import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
// eslint-disable-next-line no-restricted-imports -- an independent SHA-256 to check the digest against
import { createHash } from 'node:crypto';
import { paymentDigest, PAYMENT_DIGEST_TAG } from './paymentDigest.js';
import type { Payment } from './parsePayment.js';
import { samplePayment } from '../../../test/fixtures/domain/samplePayment.js';

const sha256Hex = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

describe('paymentDigest', () => {
  describe('when the payment is the sample payment', () => {
    it('hashes the tag and the canonical JSON written out by hand', () => {
      // RFC 8785: keys sorted by UTF-16 code units, no spaces, strings as JSON.stringify writes them.
      const canonical =
        '{"amountMinor":"123456","creditorBic":"NWBKGB2L","creditorIban":"GB29NWBK60161331926819",' +
        '"creditorName":"Müller & Söhne <GmbH>","currency":"EUR","debtorIban":"DE89370400440532013000",' +
        '"executionDate":"2025-03-03","expiresAt":"2025-03-10T17:00:00.000Z","id":"pay-0001",' +
        '"remittanceInfo":"Invoice 2025-001 \\"Q1\\""}';
      const digest = paymentDigest(samplePayment());
      expect(digest.toString('hex')).toBe(sha256Hex(`coffer/payment/v1${canonical}`));
      // Also computed outside Node with printf '%s' 'coffer/payment/v1{…}' | sha256sum.
      expect(digest.toString('hex')).toBe('bee4779745730ffc74bbea2485f4ffb3375d298e0629310df3f0bdf1691ef947');
      expect(PAYMENT_DIGEST_TAG).toBe('coffer/payment/v1');
    });

    it('binds a missing BIC as null', () => {
      const payment = samplePayment({ creditor: { name: 'ACME', iban: 'GB29NWBK60161331926819' } });
      const canonical =
        '{"amountMinor":"123456","creditorBic":null,"creditorIban":"GB29NWBK60161331926819",' +
        '"creditorName":"ACME","currency":"EUR","debtorIban":"DE89370400440532013000",' +
        '"executionDate":"2025-03-03","expiresAt":"2025-03-10T17:00:00.000Z","id":"pay-0001",' +
        '"remittanceInfo":"Invoice 2025-001 \\"Q1\\""}';
      expect(paymentDigest(payment).toString('hex')).toBe(sha256Hex(`coffer/payment/v1${canonical}`));
    });
  });

  describe('when a bound field changes', () => {
    const base = samplePayment();
    const creditor = base.creditor;
    it.each([
      ['id', { id: 'pay-0002' }],
      ['debtor IBAN', { debtorIban: 'NL91ABNA0417164300' }],
      ['creditor name', { creditor: { ...creditor, name: 'Mueller & Soehne <GmbH>' } }],
      ['creditor IBAN', { creditor: { ...creditor, iban: 'FR1420041010050500013M02606' } }],
      ['creditor BIC', { creditor: { ...creditor, bic: 'NWBKGB2LXXX' } }],
      ['creditor BIC removed', { creditor: { name: creditor.name, iban: creditor.iban } }],
      ['amount by one cent', { amountMinor: 123457 }],
      ['currency', { currency: 'GBP' }],
      ['remittance', { remittanceInfo: 'Invoice 2025-002 "Q1"' }],
      ['execution date', { executionDate: '2025-03-04' }],
      ['expiry', { expiresAt: '2025-03-10T17:00:00.001Z' }],
    ])('changes the digest (%s)', (_, overrides) => {
      expect(paymentDigest(samplePayment(overrides)).equals(paymentDigest(base))).toBe(false);
    });

    it.each([
      ['status', { status: 'approved' }],
      ['version', { version: 7 }],
      ['author', { createdBy: 'someone-else' }],
      ['creation time', { createdAt: '2025-03-02T00:00:00.000Z' }],
    ])('keeps the digest when only the %s changes', (_, overrides) => {
      expect(paymentDigest(samplePayment(overrides)).equals(paymentDigest(base))).toBe(true);
    });
  });

  describe('when the same payment is written in another key order', () => {
    it('gives the same digest', () => {
      const payment = samplePayment();
      const reversed = Object.fromEntries(Object.entries(payment).reverse()) as Payment;
      const creditorReversed = { ...reversed, creditor: Object.fromEntries(Object.entries(payment.creditor).reverse()) } as Payment;
      expect(Object.keys(creditorReversed)[0]).toBe('version');
      expect(paymentDigest(creditorReversed).equals(paymentDigest(payment))).toBe(true);
    });
  });

  describe('when names and remittance are random text', () => {
    it('matches a digest built independently with sorted keys and JSON.stringify', () => {
      const text = (max: number) =>
        fc.string({ unit: 'grapheme', minLength: 1, maxLength: max }).filter((value) => {
          try {
            samplePayment({ remittanceInfo: value, creditor: { name: value.trim() === value ? value : 'X', iban: 'GB29NWBK60161331926819' } });
            return value.trim() === value && [...value].length <= 70;
          } catch {
            return false;
          }
        });
      fc.assert(
        fc.property(text(70), text(70), fc.integer({ min: 1, max: 99_999_999_999_999 }), (name, remittance, amount) => {
          const payment = samplePayment({ creditor: { name, iban: 'GB29NWBK60161331926819' }, remittanceInfo: remittance, amountMinor: amount });
          const body: [string, string | null][] = [
            ['amountMinor', String(amount)],
            ['creditorBic', null],
            ['creditorIban', 'GB29NWBK60161331926819'],
            ['creditorName', name],
            ['currency', 'EUR'],
            ['debtorIban', 'DE89370400440532013000'],
            ['executionDate', '2025-03-03'],
            ['expiresAt', '2025-03-10T17:00:00.000Z'],
            ['id', 'pay-0001'],
            ['remittanceInfo', remittance],
          ];
          const json = `{${body.map(([key, value]) => `${JSON.stringify(key)}:${JSON.stringify(value)}`).join(',')}}`;
          expect(paymentDigest(payment).toString('hex')).toBe(sha256Hex(PAYMENT_DIGEST_TAG + json));
        }),
        { numRuns: 200 },
      );
    });
  });

  describe('when the payment is invalid', () => {
    it('refuses to digest it with DOMAIN_BAD_PAYMENT', async () => {
      const payment = { ...samplePayment(), amountMinor: 0 };
      await expect(() => paymentDigest(payment)).toThrowCode('DOMAIN_BAD_PAYMENT');
      const noCreditor = { ...samplePayment(), creditor: undefined } as unknown as Payment;
      await expect(() => paymentDigest(noCreditor)).toThrowCode('DOMAIN_BAD_PAYMENT');
    });
  });
});
