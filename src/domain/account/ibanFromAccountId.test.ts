import { describe, expect, it } from 'vitest';
import { ibanFromAccountId } from './ibanFromAccountId.js';
import { parseIban } from './parseIban.js';

describe('ibanFromAccountId', () => {
  it.each([
    // The registry's German example: BLZ 37040044, account 0532013000 (IBAN registry, SWIFT, release 98).
    ['a German "BLZ/Kontonummer"', '37040044/0532013000', 'DE89370400440532013000'],
    ['an account number shorter than 10 digits, padded with zeros', '37040044/532013000', 'DE89370400440532013000'],
    ['a currency suffix after the account', '37040044/0532013000EUR', 'DE89370400440532013000'],
    ['an IBAN with spaces', 'DE89 3704 0044 0532 0130 00', 'DE89370400440532013000'],
    ['an IBAN with a currency suffix', 'DE89370400440532013000EUR', 'DE89370400440532013000'],
  ])('reads %s', (_, accountId, iban) => {
    expect(ibanFromAccountId(accountId)).toBe(iban);
    expect(parseIban(iban)).toBe(iban);
  });

  it.each([
    ['a US account number', 'DD01100056869'],
    ['a UK account number', '60000635'],
    ['an IBAN whose check digits fail', 'FI8529501800030574'],
    ['a bank code that is not 8 digits', '3704004/0532013000'],
    ['a BIC and account', 'COBADEFFXXX/0532013000'],
    ['an empty text', ''],
  ])('finds none in %s', (_, accountId) => {
    expect(ibanFromAccountId(accountId)).toBeNull();
  });

  it('gives the IBAN of the MT940 fixture\'s second account (76026000/1234567890)', () => {
    expect(ibanFromAccountId('76026000/1234567890')).toMatch(/^DE[0-9]{2}760260001234567890$/);
  });
});
