import type { z } from 'zod';

type Issue = z.core.$ZodIssue;

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

/** One line naming the first failing field and what it expected: `permissions[2].allow[0].currencies: …`. */
export function describeIssue(error: z.ZodError): string {
  const first = error.issues[0];
  if (!first) return 'invalid';
  const issue = mostRelevant(first);
  const path = formatPath(issue.path);
  return `${path === '' ? '(top level)' : path}: ${issue.message}`;
}
