import { OrgPolicySchema, type ApprovalRule, type OrgPolicy } from './orgPolicySchema.js';
import { CofferError, describeZodIssue } from '../contract/index.js';

const bad = (message: string) => new CofferError('POLICY_BAD_POLICY', `organisation policy ${message}`);

function bandText(rule: ApprovalRule): string {
  return `[${rule.minAmountMinor}, ${rule.maxAmountMinor ?? '∞'}]`;
}

// Ensure a rule's band and currency make sense before any payment is measured against it.
function checkRule(rule: ApprovalRule, index: number, userIds: ReadonlySet<string>): void {
  const at = `approvalRules[${index}]`;
  if (rule.maxAmountMinor !== undefined && rule.maxAmountMinor < rule.minAmountMinor) {
    throw bad(`${at}.maxAmountMinor: expected at least minAmountMinor ${rule.minAmountMinor}, found ${rule.maxAmountMinor}`);
  }
  // Minor units of different currencies are not comparable, so only a currency-specific rule may have a band.
  if (rule.currency === undefined && (rule.minAmountMinor !== 0 || rule.maxAmountMinor !== undefined)) {
    throw bad(`${at}.currency: expected a currency for an amount band, found a band ${bandText(rule)} for any currency`);
  }
  const seen = new Set<string>();
  for (const [position, approver] of rule.approvers.entries()) {
    if (!userIds.has(approver.userId)) {
      throw bad(`${at}.approvers[${position}].userId: expected a user of the organisation, found "${approver.userId}"`);
    }
    // Ensure one class per user per rule: two classes for one person would make the count depend on order.
    if (seen.has(approver.userId)) {
      throw bad(`${at}.approvers[${position}].userId: expected each approver once per rule, found "${approver.userId}" twice`);
    }
    seen.add(approver.userId);
  }
}

const overlaps = (a: ApprovalRule, b: ApprovalRule) =>
  a.account === b.account &&
  a.currency === b.currency &&
  a.minAmountMinor <= (b.maxAmountMinor ?? Infinity) &&
  b.minAmountMinor <= (a.maxAmountMinor ?? Infinity);

/**
 * Validates an organisation policy's shape and consistency: dates in order, unique users, approvers who are
 * users, bands that make sense, and no two rules for the same account and currency whose bands overlap (so
 * exactly one rule governs each payment). Throws POLICY_BAD_POLICY naming the field. Does not check time.
 */
export function parseOrgPolicy(value: unknown): OrgPolicy {
  const result = OrgPolicySchema.safeParse(value);
  if (!result.success) throw new CofferError('POLICY_BAD_POLICY', `organisation policy ${describeZodIssue(result.error).text}`, { cause: result.error });
  const policy = result.data;
  if (Date.parse(policy.expiresAt) <= Date.parse(policy.issuedAt)) {
    throw bad(`expiresAt: expected a time after issuedAt ${policy.issuedAt}, found ${policy.expiresAt}`);
  }
  const userIds = new Set<string>();
  for (const [index, user] of policy.users.entries()) {
    if (userIds.has(user.id)) throw bad(`users[${index}].id: expected a unique user id, found "${user.id}" twice`);
    userIds.add(user.id);
  }
  policy.approvalRules.forEach((rule, index) => checkRule(rule, index, userIds));
  policy.approvalRules.forEach((rule, index) => {
    const other = policy.approvalRules.findIndex((candidate, j) => j > index && overlaps(rule, candidate));
    if (other >= 0) {
      throw bad(
        `approvalRules[${other}]: expected amount bands of one account and currency not to overlap, found ${bandText(policy.approvalRules[other] as ApprovalRule)} overlapping approvalRules[${index}] ${bandText(rule)}`,
      );
    }
  });
  return policy;
}
