import { z } from 'zod';
import { validateBIC } from 'ibantools';
import { CofferError } from '../../contract/index.js';

// ISO 9362 (as in the pain.001 XSD BICFIDec2014Identifier): institution, country, location, branch.
const BIC_FORMAT = /^[A-Z0-9]{4}[A-Z]{2}[A-Z0-9]{2}$|^[A-Z0-9]{4}[A-Z]{2}[A-Z0-9]{5}$/;

function bicProblem(value: string): string | undefined {
  if (!BIC_FORMAT.test(value)) return `expected a BIC of 8 or 11 upper-case letters and digits, found ${value.length} characters`;
  // ibantools also checks that characters 5-6 name a real country (and that 1-4 are letters).
  if (!validateBIC(value).valid) return `expected a BIC of a known country and bank code, found country "${value.slice(4, 6)}"`;
  return undefined;
}

/** A BIC (ISO 9362), 8 or 11 characters, upper case, with a known country code. */
export const Bic = z
  .string()
  .superRefine((value, ctx) => {
    const problem = bicProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  })
  .brand<'Bic'>();
export type Bic = z.infer<typeof Bic>;

/** Reads a BIC as typed (surrounding spaces, lower case) and checks it; refuses with DOMAIN_BAD_BIC. */
export function parseBic(input: string): Bic {
  if (typeof input !== 'string' || input.length > 32) {
    throw new CofferError('DOMAIN_BAD_BIC', 'expected a BIC of 8 or 11 characters, found a longer value');
  }
  const value = input.trim().toUpperCase();
  const problem = bicProblem(value);
  if (problem) throw new CofferError('DOMAIN_BAD_BIC', problem);
  return value as Bic;
}
