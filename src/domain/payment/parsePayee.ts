import { z } from 'zod';
import { Iban } from '../account/parseIban.js';
import { Bic } from '../account/parseBic.js';
import { parseWith } from '../parseWith.js';
import { PartyName, PayeeId } from './fields.js';

/** A beneficiary the organisation pays: name, IBAN and (outside SEPA, usually) a BIC. */
export const Payee = z.strictObject({
  id: PayeeId,
  name: PartyName,
  iban: Iban,
  bic: Bic.optional(),
});
export type Payee = z.infer<typeof Payee>;

/** Checks an untrusted payee record; refuses it with DOMAIN_BAD_PAYEE naming the field. */
export function parsePayee(input: unknown): Payee {
  return parseWith(Payee, input, 'DOMAIN_BAD_PAYEE', 'payee');
}
