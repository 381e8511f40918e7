import { isValidIBAN } from 'ibantools';
import { z } from 'zod';

// Kept local until the policy layer adopts src/domain's Iban and Currency; the rules here are the same in
// spirit (electronic-format IBAN with valid check digits, ISO 4217 code, integer minor units).

// ISO 13616-1 electronic format (upper case, no spaces), or "*".
const ACCOUNT_OR_ANY_PATTERN = /^(\*|[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30})$/;
/** A request's account: electronic format after removing spaces; checksums are the domain layer's job. */
const REQUEST_IBAN_PATTERN = /^[A-Z]{2}[0-9]{2}[A-Z0-9]{1,30}$/;

const ISO_4217 = new Set(Intl.supportedValuesOf('currency'));

/** An account in a capability scope or an approval rule: an IBAN, or "*" for every account. */
export const AccountOrAnySchema = z
  .string()
  .regex(ACCOUNT_OR_ANY_PATTERN, 'expected "*" or an IBAN in electronic format (upper case, no spaces)')
  // Ensure the check digits hold: a mistyped IBAN in a deny scope would deny nothing.
  .refine((value) => value === '*' || isValidIBAN(value), 'expected an IBAN whose check digits and country format hold');

/** An ISO 4217 alphabetic code known to the runtime's ICU data. */
export const CurrencyCodeSchema = z
  .string()
  .regex(/^[A-Z]{3}$/, 'expected an ISO 4217 code of three upper-case letters')
  // Ensure the code exists: "ERU" in a deny scope would deny nothing.
  .refine((value) => ISO_4217.has(value), 'expected an ISO 4217 currency code that exists');

/** An amount in integer minor units of its currency (cents for EUR); never a float. */
export const AmountMinorSchema = z.int({ error: (issue) => `expected a whole number of minor units, found ${JSON.stringify(issue.input)}` }).min(0);

/** The electronic form of a requested account, or undefined when it cannot be an IBAN. */
export function normalizeRequestAccount(account: string): string | undefined {
  const electronic = account.replace(/ /g, '').toUpperCase();
  return REQUEST_IBAN_PATTERN.test(electronic) ? electronic : undefined;
}
