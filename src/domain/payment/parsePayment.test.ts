import { describe, expect, it } from 'vitest';
import { parsePayment } from './parsePayment.js';
import { parsePayee } from './parsePayee.js';
import { samplePayment } from '../../../test/fixtures/domain/samplePayment.js';

describe('parsePayment', () => {
  describe('when the record is a valid payment', () => {
    it('accepts it unchanged', () => {
      const payment = samplePayment();
      expect(parsePayment(structuredClone(payment))).toEqual(payment);
    });

    it('accepts one without BIC, with empty remittance, in yen at the limit', () => {
      const payment = samplePayment({
        creditor: { name: '株式会社 東京商事', iban: 'GB29NWBK60161331926819' },
        remittanceInfo: '',
        currency: 'JPY',
        amountMinor: 999_999_999_999,
      });
      expect(payment.creditor.bic).toBeUndefined();
    });
  });

  describe('when a field breaks the rules', () => {
    it.each([
      ['a zero amount', { amountMinor: 0 }, 'amountMinor'],
      ['a negative amount', { amountMinor: -100 }, 'amountMinor'],
      ['a fractional amount', { amountMinor: 1.5 }, 'amountMinor'],
      ['an amount above the limit', { amountMinor: 100_000_000_000_000 }, 'amountMinor'],
      ['yen above the limit', { currency: 'JPY', amountMinor: 1_000_000_000_000 }, 'amountMinor'],
      ['an amount as a string', { amountMinor: '123456' }, 'amountMinor'],
      ['an unknown currency', { currency: 'XBT' }, 'currency'],
      ['a wrong debtor checksum', { debtorIban: 'DE88370400440532013000' }, 'debtorIban'],
      ['an IBAN with spaces', { debtorIban: 'DE89 3704 0044 0532 0130 00' }, 'debtorIban'],
      ['the debtor account as creditor', { creditor: { name: 'Us', iban: 'DE89370400440532013000' } }, 'creditor.iban'],
      ['a lower-case BIC', { creditor: { name: 'X', iban: 'GB29NWBK60161331926819', bic: 'nwbkgb2l' } }, 'creditor.bic'],
      ['an empty name', { creditor: { name: '', iban: 'GB29NWBK60161331926819' } }, 'creditor.name'],
      ['a 71-character name', { creditor: { name: 'A'.repeat(71), iban: 'GB29NWBK60161331926819' } }, 'creditor.name'],
      ['a name with a newline', { creditor: { name: 'ACME\nLtd', iban: 'GB29NWBK60161331926819' } }, 'creditor.name'],
      ['a name with a right-to-left override', { creditor: { name: 'ACME \u202eLTD', iban: 'GB29NWBK60161331926819' } }, 'creditor.name'],
      ['a name in decomposed Unicode', { creditor: { name: 'Mu\u0308ller', iban: 'GB29NWBK60161331926819' } }, 'creditor.name'],
      ['a name with a surrounding space', { creditor: { name: ' ACME', iban: 'GB29NWBK60161331926819' } }, 'creditor.name'],
      ['an extra creditor field', { creditor: { name: 'X', iban: 'GB29NWBK60161331926819', country: 'GB' } }, 'creditor'],
      ['141 characters of remittance', { remittanceInfo: 'x'.repeat(141) }, 'remittanceInfo'],
      ['a NUL in remittance', { remittanceInfo: 'a\u0000b' }, 'remittanceInfo'],
      ['a lone surrogate in remittance', { remittanceInfo: 'a\ud800b' }, 'remittanceInfo'],
      ['a date that does not exist', { executionDate: '2025-02-29' }, 'executionDate'],
      ['a date with a time', { executionDate: '2025-03-03T00:00:00Z' }, 'executionDate'],
      ['an expiry with an offset', { expiresAt: '2025-03-10T18:00:00.000+01:00' }, 'expiresAt'],
      ['an expiry without milliseconds', { expiresAt: '2025-03-10T17:00:00Z' }, 'expiresAt'],
      ['an impossible creation time', { createdAt: '2025-02-30T09:30:00.000Z' }, 'createdAt'],
      ['an expiry before creation', { expiresAt: '2025-03-01T09:29:59.999Z' }, 'expiresAt'],
      ['an unknown status', { status: 'paid' }, 'status'],
      ['a UUID id (36 characters, too long for EndToEndId)', { id: '3f2b8c1e-6a4d-4f7e-9b2a-1c5d7e9f0a3b' }, 'id'],
      ['an id with a slash', { id: 'pay/1' }, 'id'],
      ['version zero', { version: 0 }, 'version'],
      ['an extra field', { approvedBy: 'mallory' }, 'approvedBy'],
    ])('refuses %s with DOMAIN_BAD_PAYMENT naming the field', async (_, overrides, field) => {
      await expect(() => samplePayment(overrides)).toThrowCode('DOMAIN_BAD_PAYMENT');
      expect(() => samplePayment(overrides)).toThrow(field);
    });
  });
});

describe('parsePayee', () => {
  it('accepts a payee with and without BIC', () => {
    expect(parsePayee({ id: 'p1', name: 'ACME', iban: 'NL91ABNA0417164300', bic: 'ABNANL2A' }).bic).toBe('ABNANL2A');
    expect(parsePayee({ id: 'p1', name: 'ACME', iban: 'NL91ABNA0417164300' }).bic).toBeUndefined();
  });

  it.each([
    { id: 'p1', name: 'ACME', iban: 'NL92ABNA0417164300' },
    { id: '', name: 'ACME', iban: 'NL91ABNA0417164300' },
    { id: 'p1', name: 'ACME', iban: 'NL91ABNA0417164300', bic: 'ABNA' },
    { id: 'p1', iban: 'NL91ABNA0417164300' },
  ])('refuses %j with DOMAIN_BAD_PAYEE', async (input) => {
    await expect(() => parsePayee(input)).toThrowCode('DOMAIN_BAD_PAYEE');
  });
});
