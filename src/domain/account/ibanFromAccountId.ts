import { composeIBAN, electronicFormatIBAN, isValidIBAN } from 'ibantools';
import type { Iban } from './parseIban.js';

// MT940 :25: and German CSV exports name an account as "BLZ/Kontonummer": an 8-digit German bank code and
// an account number of up to 10 digits, sometimes followed by the currency (SWIFT MT940 field 25, 35x).
const BANK_CODE = /^[0-9]{8}$/;
const ACCOUNT_NUMBER = /^[0-9]{1,10}$/;
const CURRENCY_SUFFIX = /[A-Z]{3}$/;

function withoutCurrency(text: string): string {
  return CURRENCY_SUFFIX.test(text) ? text.slice(0, -3) : text;
}

function germanIban(bankCode: string, accountNumber: string): Iban | null {
  if (!BANK_CODE.test(bankCode) || !ACCOUNT_NUMBER.test(accountNumber)) return null;
  const iban = composeIBAN({ countryCode: 'DE', bban: `${bankCode}${accountNumber.padStart(10, '0')}` });
  return iban !== null && isValidIBAN(iban) ? (iban as Iban) : null;
}

/**
 * The IBAN an account identifier other than an IBAN stands for, where one follows from it alone: an
 * IBAN written with spaces or a currency suffix, or a German "BLZ/Kontonummer" (the German IBAN is
 * DE + check digits + the 8-digit bank code + the account number padded to 10 digits, ECBS TR 201).
 * Null when it names no IBAN (a US account number, an IBAN whose check digits fail).
 */
export function ibanFromAccountId(accountId: string): Iban | null {
  const text = accountId.trim();
  const parts = text.split('/');
  if (parts.length === 2) return germanIban(parts[0] ?? '', withoutCurrency(parts[1] ?? ''));
  const electronic = electronicFormatIBAN(text) ?? '';
  if (isValidIBAN(electronic)) return electronic as Iban;
  const stripped = withoutCurrency(electronic);
  return stripped !== electronic && isValidIBAN(stripped) ? (stripped as Iban) : null;
}
