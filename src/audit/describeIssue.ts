/** The first schema issue as `path: message`; zod messages name types and formats, never input values. */
export function describeIssue(error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] }): string {
  const issue = error.issues[0];
  if (issue === undefined) return 'an unknown problem';
  return `${issue.path.map(String).join('.') || 'the value'}: ${issue.message}`;
}
