import { z } from 'zod';
import { parseAmount, parseBic, parseIban, type Currency } from '../domain/values.js';

/*
 * Input fields as people and the UI send them. Each refuses with a one-line message that the dispatcher
 * turns into APP_BAD_INPUT naming the field; none repeats an account number or amount.
 */

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : 'invalid';
}

/** An IBAN as typed ("de89 3704 …"), normalised to electronic format. */
export const IbanInput = z
  .string()
  .max(64)
  .transform((value, ctx) => {
    try {
      return parseIban(value);
    } catch (error) {
      ctx.addIssue({ code: 'custom', message: messageOf(error) });
      return z.NEVER;
    }
  });

export const BicInput = z
  .string()
  .max(16)
  .transform((value, ctx) => {
    try {
      return parseBic(value.trim().toUpperCase());
    } catch (error) {
      ctx.addIssue({ code: 'custom', message: messageOf(error) });
      return z.NEVER;
    }
  });

/** An amount as decimal text ("1,234.56"): never a number, so no float ever carries money in. */
export const AmountText = z.string().min(1).max(32);

/** Reads `text` in `currency` for the field `field`, adding a zod issue instead of throwing. */
export function amountIn(text: string, currency: Currency, ctx: z.RefinementCtx, field: string, signed = false): number {
  try {
    return parseAmount(text, currency, { signed });
  } catch (error) {
    ctx.addIssue({ code: 'custom', path: [field], message: messageOf(error) });
    return z.NEVER;
  }
}

export const PageLimit = (max: number, fallback: number) => z.number().int().min(1).max(max).default(fallback);

/** Raw bytes: a file's contents travel as bytes, never as a path of the machine the app runs on. */
export const Bytes = z.custom<Uint8Array>((value) => value instanceof Uint8Array, 'expected bytes');

/** A file name as a person sees it: no folders, no NUL, no leading dot (nothing hidden, nothing relative). */
export const FileName = z
  .string()
  .min(1)
  .max(255)
  .regex(/^[^/\\\0]+$/, 'expected a file name without folders')
  .refine((name) => !name.startsWith('.'), 'expected a file name that does not start with a dot');

/** The largest file a command takes in (a statement, a ZIP of statements). */
export const MAX_FILE_BYTES = 64 * 1024 * 1024;

/** A file handed to a command: its name (for the audit entry and format detection) and its contents. */
export const FileInput = z.strictObject({
  name: FileName,
  bytes: Bytes.refine((bytes) => bytes.byteLength <= MAX_FILE_BYTES, `expected at most ${MAX_FILE_BYTES} bytes`),
});
export type FileInput = z.infer<typeof FileInput>;

/** A file a command produces: a suggested name, its media type and the bytes; the caller decides where it goes. */
export const FileOutput = z.strictObject({ name: FileName, mediaType: z.string(), bytes: Bytes });
export type FileOutput = z.infer<typeof FileOutput>;

/** Today as YYYY-MM-DD in UTC. */
export function isoDay(now: Date): string {
  return now.toISOString().slice(0, 10);
}
