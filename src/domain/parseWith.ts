import type { z } from 'zod';
import { DomainError, type DomainErrorCode } from './errors.js';

/** Parses with a zod schema and turns its first issue into a one-line DomainError naming the field. */
export function parseWith<S extends z.ZodType>(schema: S, input: unknown, code: DomainErrorCode, what: string): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const where = issue && issue.path.length > 0 ? `${what} ${issue.path.join('.')}` : what;
  throw new DomainError(code, `${where}: ${issue?.message ?? 'invalid'}`, { cause: result.error });
}
