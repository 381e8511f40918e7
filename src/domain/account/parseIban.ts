import { z } from 'zod';
import { ValidationErrorsIBAN, electronicFormatIBAN, validateIBAN } from 'ibantools';
import { CofferError } from '../../contract/index.js';

// ISO 13616-1: two letters, two check digits, up to 30 alphanumerics, in electronic format.
const ELECTRONIC_FORMAT = /^[A-Z]{2}[0-9]{2}[A-Z0-9]{1,30}$/;
const MAX_IBAN_INPUT = 64;

const REASONS: Record<ValidationErrorsIBAN, string> = {
  [ValidationErrorsIBAN.NoIBANProvided]: 'an IBAN',
  [ValidationErrorsIBAN.NoIBANCountry]: 'a country that issues IBANs',
  [ValidationErrorsIBAN.WrongBBANLength]: 'the account-number length of its country',
  [ValidationErrorsIBAN.WrongBBANFormat]: 'the account-number format of its country',
  [ValidationErrorsIBAN.ChecksumNotNumber]: 'numeric check digits',
  [ValidationErrorsIBAN.WrongIBANChecksum]: 'check digits that match (ISO 7064 mod 97-10)',
  [ValidationErrorsIBAN.WrongAccountBankBranchChecksum]: 'a valid national account checksum',
  [ValidationErrorsIBAN.QRIBANNotAllowed]: 'not a QR-IBAN',
};

/** Why an electronic-format IBAN is invalid, or undefined when it is valid. */
function ibanProblem(value: string): string | undefined {
  if (!ELECTRONIC_FORMAT.test(value)) return 'expected an IBAN in electronic format (no spaces, upper case)';
  const result = validateIBAN(value);
  if (result.valid) return undefined;
  const reasons = result.errorCodes.map((code) => REASONS[code]).join(', ');
  // The account number is personal data: say which country, never repeat the number.
  return `expected an IBAN with ${reasons}, found one from ${value.slice(0, 2)} without`;
}

/** An IBAN in electronic format whose country rules and mod-97 check digits hold (ibantools). */
export const Iban = z
  .string()
  .superRefine((value, ctx) => {
    const problem = ibanProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  })
  .brand<'Iban'>();
export type Iban = z.infer<typeof Iban>;

/**
 * Reads an IBAN as people type it ("de89 3704 0044 0532 0130 00", hyphens too) into electronic
 * format and checks it; refuses anything else with DOMAIN_BAD_IBAN.
 */
export function parseIban(input: string): Iban {
  // Ensure we look at a short string before normalising it.
  if (typeof input !== 'string' || input.length > MAX_IBAN_INPUT) {
    throw new CofferError('DOMAIN_BAD_IBAN', `expected an IBAN of at most ${MAX_IBAN_INPUT} characters, found ${typeof input === 'string' ? input.length : typeof input}`);
  }
  const electronic = electronicFormatIBAN(input.trim()) ?? '';
  const problem = ibanProblem(electronic);
  if (problem) throw new CofferError('DOMAIN_BAD_IBAN', problem);
  return electronic as Iban;
}
