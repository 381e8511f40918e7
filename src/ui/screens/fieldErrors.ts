import type { z } from 'zod';

/**
 * The first message per field of a failed parse with the app's own input schema (src/api): the window
 * checks an IBAN, a BIC or an amount with exactly the code the app will run again.
 */
export function fieldErrors(schema: z.ZodType, input: unknown): Record<string, string> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return {};
  const errors: Record<string, string> = {};
  for (const issue of parsed.error.issues) {
    const field = String(issue.path[0] ?? '');
    errors[field] ??= issue.message;
  }
  return errors;
}
