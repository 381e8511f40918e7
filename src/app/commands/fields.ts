import { z } from 'zod';
import { parseAmount, parseBic, parseIban, type Currency } from '../../domain/index.js';

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

/** A file path named by the caller (CLI argument; the desktop passes one chosen in its save dialog). */
export const FilePath = z.string().min(1).max(4096).refine((value) => !value.includes('\0'), 'expected a file path without NUL');

/** Today as YYYY-MM-DD in UTC. */
export function isoDay(now: Date): string {
  return now.toISOString().slice(0, 10);
}
