import { z } from 'zod';
import { Currency, Iban, parseIban } from '../domain/index.js';

// ISO 13616-1 electronic format (upper case, no spaces), or "*": stated in the schema so editors check it.
const ACCOUNT_OR_ANY_PATTERN = /^(\*|[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30})$/;

/** An account in a capability scope or an approval rule: an IBAN (the domain's rules), or "*" for every account. */
export const AccountOrAnySchema = z
  .string()
  .regex(ACCOUNT_OR_ANY_PATTERN, 'expected "*" or an IBAN in electronic format (upper case, no spaces)')
  // Ensure the check digits hold: a mistyped IBAN in a deny scope would deny nothing.
  .refine((value) => value === '*' || Iban.safeParse(value).success, 'expected an IBAN whose check digits and country format hold');

/** An ISO 4217 code the domain knows the minor unit of: "ERU" in a deny scope would deny nothing. */
export const CurrencyCodeSchema = z.enum(Currency.options, { error: (issue) => `expected an ISO 4217 currency code Coffer knows, found ${JSON.stringify(issue.input)}` });

/** An amount in integer minor units of its currency (cents for EUR); never a float. */
export const AmountMinorSchema = z.int({ error: (issue) => `expected a whole number of minor units, found ${JSON.stringify(issue.input)}` }).min(0);

/** The electronic form of a requested account, or undefined when it is no valid IBAN. */
export function normalizeRequestAccount(account: string): string | undefined {
  try {
    return parseIban(account);
  } catch {
    return undefined;
  }
}
