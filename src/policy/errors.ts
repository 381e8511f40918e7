/** Stable codes of the policy layer; callers branch on `code`, never on the message. */
export type PolicyErrorCode =
  | 'POLICY_DENIED'
  | 'POLICY_UNKNOWN_PERMISSION'
  | 'POLICY_BAD_REQUEST'
  | 'POLICY_BAD_CAPABILITY'
  | 'POLICY_BAD_POLICY'
  | 'POLICY_BAD_SIGNATURE'
  | 'POLICY_EXPIRED'
  | 'POLICY_NOT_YET_VALID'
  | 'POLICY_WRONG_ORG'
  | 'POLICY_STALE'
  | 'POLICY_NO_APPROVAL_RULE'
  | 'POLICY_APPROVALS_MISSING'
  | 'POLICY_APPROVAL_IMPOSSIBLE';

export class PolicyError extends Error {
  override readonly name = 'PolicyError';
  constructor(
    readonly code: PolicyErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
