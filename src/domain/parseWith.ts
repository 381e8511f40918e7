import type { z } from 'zod';
import { type DomainErrorCode, CofferError, describeZodIssue } from '../contract/index.js';

/** Parses with a zod schema and turns its first issue into a one-line CofferError naming the field. */
export function parseWith<S extends z.ZodType>(schema: S, input: unknown, code: DomainErrorCode, what: string): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const { path, message } = describeZodIssue(result.error);
  throw new CofferError(code, `${path === '' ? what : `${what} ${path}`}: ${message}`, { cause: result.error });
}
