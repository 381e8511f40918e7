import type { z } from 'zod';

type Issue = z.core.$ZodIssue;

/** The first issue of a failed parse, as one line for a person: where it is and what was expected. */
export interface ZodIssueDescription {
  /** `permissions[2].allow[0].currencies`, or '' for the value itself. */
  path: string;
  /** zod's message; it names types and formats, never the input's value. */
  message: string;
  /** `path: message`, with `(top level)` for an empty path. */
  text: string;
}

// How far a union branch got before failing: deeper paths first, then a value problem over a type mismatch.
function progress(issues: readonly Issue[]): number {
  const first = issues[0];
  if (!first) return -1;
  return first.path.length * 2 + (first.code === 'invalid_type' ? 0 : 1);
}

/** The issue the author most likely meant: inside a union, the branch whose shape the input had. */
function mostRelevant(issue: Issue): Issue {
  if (issue.code !== 'invalid_union' || issue.errors.length === 0) return issue;
  const best = issue.errors.reduce((a, b) => (progress(b) > progress(a) ? b : a));
  const inner = best[0];
  return inner ? mostRelevant({ ...inner, path: [...issue.path, ...inner.path] }) : issue;
}

function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) out += typeof key === 'number' ? `[${key}]` : out === '' ? String(key) : `.${String(key)}`;
  return out;
}

/** The project's one reading of a zod error: every layer names the first failing field the same way. */
export function describeZodIssue(error: z.ZodError): ZodIssueDescription {
  const first = error.issues[0];
  if (!first) return { path: '', message: 'invalid', text: '(top level): invalid' };
  const issue = mostRelevant(first);
  const path = formatPath(issue.path);
  const message = issue.code === 'unrecognized_keys' ? `unexpected field(s) ${issue.keys.join(', ')}` : (issue.message.split('\n')[0] ?? 'invalid');
  return { path, message, text: `${path === '' ? '(top level)' : path}: ${message}` };
}
