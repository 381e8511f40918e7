import type { z } from 'zod';

/** The first problem of a zod error as one line naming the field, and the field path. */
export function describeInputIssue(error: z.ZodError): { field: string; message: string } {
  const issue = error.issues[0];
  const field = issue && issue.path.length > 0 ? issue.path.map(String).join('.') : 'input';
  let message = issue?.message ?? 'invalid';
  if (issue?.code === 'unrecognized_keys') message = `unexpected field(s) ${issue.keys.join(', ')}`;
  return { field, message: `${field}: ${message.split('\n')[0] ?? ''}` };
}
