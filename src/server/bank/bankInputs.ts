import { z } from 'zod';
import { CofferError, describeZodIssue } from '../../contract/index.js';
import { Currency, parseIban } from '../../domain/index.js';
import { RoleSchema, SIGNATURE_CLASSES } from '../../policy/index.js';

/** Organisation and user ids as they appear in policies, certificates and audit entries. */
export const OrgIdText = z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'expected lower-case letters, digits and -, at most 64');
export const UserIdText = z.string().regex(/^[a-z0-9][a-z0-9._-]{0,63}$/, 'expected lower-case letters, digits and . _ -, at most 64');
export const DisplayName = z.string().trim().min(1).max(200);
export const RolesInput = z.array(RoleSchema).min(1, 'expected at least one role');
export const IbanInput = z.string().transform((value, context) => {
  try {
    return parseIban(value);
  } catch {
    context.addIssue({ code: 'custom', message: 'expected an IBAN whose check digits and country format hold' });
    return z.NEVER;
  }
});
export const CurrencyInput = z.enum(Currency.options, { error: 'expected an ISO 4217 currency code Coffer knows' });
export const ApproverInput = z.strictObject({ userId: UserIdText, signatureClass: z.enum(SIGNATURE_CLASSES) });

/** Parses the input of a bank command; a refusal names the field, never changes anything. */
export function parseBankInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw new CofferError('SERVER_BAD_REQUEST', describeZodIssue(parsed.error).text);
  return parsed.data;
}
