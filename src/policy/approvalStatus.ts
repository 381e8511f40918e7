import { normalizeRequestAccount } from './bankValues.js';
import type { ApprovalRule, OrgUser, SignatureClass } from './orgPolicySchema.js';
import { maskIban } from './scopeMatch.js';
import { selectApprovalRule } from './selectApprovalRule.js';
import { CofferError } from '../contract/index.js';

export interface ApprovalStatusInput {
  payment: { id: string; account: string; currency: string; amountMinor: number; createdBy: string };
  /** Approvals already verified as signatures over this payment's digest; order and repeats do not matter. */
  approvals: readonly { userId: string }[];
  /** From a verified organisation policy. */
  rules: readonly ApprovalRule[];
  users: readonly OrgUser[];
}

export interface CountedApproval {
  userId: string;
  signatureClass: Exclude<SignatureClass, 'T'>;
}

/**
 * `missing` lists the ways to finish, each the classes of the further signatures needed joined by "+":
 * ['E', 'A', 'B'] = one more of any of these; ['E', 'A+A', 'A+B'] = one E or two more. Only ways the
 * rule's remaining approvers (not the maker, not those who already approved) can deliver are listed.
 */
export type ApprovalStatus =
  | { executable: true; rule: ApprovalRule; counted: CountedApproval[] }
  | {
      executable: false;
      reason: 'POLICY_NO_APPROVAL_RULE' | 'POLICY_APPROVALS_MISSING' | 'POLICY_APPROVAL_IMPOSSIBLE';
      missing: string[];
      message: string;
      rule?: ApprovalRule;
      counted: CountedApproval[];
    };

const WAYS: Record<string, string> = {
  E: 'one of class E',
  A: 'one of class A',
  B: 'one of class B',
  'A+A': 'two of class A',
  'A+B': 'one of class A and one of class B',
};

/** The ways to finish given a counted A and B (no E yet), limited to what the remaining signers can give. */
function waysToFinish(a: number, b: number, left: { E: number; A: number; B: number }): string[] {
  const ways =
    a === 1
      ? [left.E > 0 && 'E', left.A > 0 && 'A', left.B > 0 && 'B']
      : b >= 1
        ? [left.E > 0 && 'E', left.A > 0 && 'A'] // two B are never enough
        : [left.E > 0 && 'E', left.A >= 2 && 'A+A', left.A >= 1 && left.B >= 1 && 'A+B'];
  return ways.filter((way): way is string => way !== false);
}

function checkPayment(payment: ApprovalStatusInput['payment']): string {
  const account = normalizeRequestAccount(payment.account);
  if (account === undefined) throw new CofferError('POLICY_BAD_REQUEST', `payment ${payment.id}: expected an IBAN as account`);
  if (!/^[A-Z]{3}$/.test(payment.currency)) {
    throw new CofferError('POLICY_BAD_REQUEST', `payment ${payment.id}: expected an ISO 4217 currency, found ${JSON.stringify(payment.currency)}`);
  }
  if (!Number.isSafeInteger(payment.amountMinor) || payment.amountMinor < 0) {
    throw new CofferError('POLICY_BAD_REQUEST', `payment ${payment.id}: expected a whole number of minor units, found ${payment.amountMinor}`);
  }
  return account;
}

/**
 * Whether a payment's approvals satisfy the organisation's rule for its account, currency and amount, using
 * EBICS signature classes: E alone; A with another A or a B; B with an A; T never. The maker never counts
 * for their own payment, a user counts once, and only with the class this rule gives them.
 */
export function approvalStatus({ payment, approvals, rules, users }: ApprovalStatusInput): ApprovalStatus {
  const account = checkPayment(payment);
  const rule = selectApprovalRule(rules, { account, currency: payment.currency, amountMinor: payment.amountMinor });
  const amount = `${payment.amountMinor} ${payment.currency} minor units`;
  if (rule === undefined) {
    const message = `payment ${payment.id} cannot be approved: no approval rule covers ${amount} from account ${maskIban(account)}`;
    return { executable: false, reason: 'POLICY_NO_APPROVAL_RULE', missing: [], message, counted: [] };
  }
  const names = new Map(users.map((user) => [user.id, user.name]));
  const classes = new Map<string, SignatureClass>();
  for (const approver of rule.approvers) if (!classes.has(approver.userId)) classes.set(approver.userId, approver.signatureClass);
  const label = (userId: string) => names.get(userId) ?? userId;

  const counted: CountedApproval[] = [];
  const ignored: string[] = [];
  const approved = new Set<string>();
  for (const { userId } of approvals) {
    if (approved.has(userId)) continue;
    approved.add(userId);
    const signatureClass = classes.get(userId);
    // Ensure the four-eyes principle: whoever made the payment cannot also release it.
    if (userId === payment.createdBy) ignored.push(`${label(userId)} made the payment`);
    else if (!names.has(userId)) ignored.push(`${userId} is not a user of the organisation`);
    else if (signatureClass === undefined) ignored.push(`${label(userId)} has no signature class in this rule`);
    else if (signatureClass === 'T') ignored.push(`${label(userId)} has class T, which never counts`);
    else counted.push({ userId, signatureClass });
  }
  const have = (cls: SignatureClass) => counted.filter((approval) => approval.signatureClass === cls).length;
  const [e, a, b] = [have('E'), have('A'), have('B')];
  if (e >= 1 || a >= 2 || (a >= 1 && b >= 1)) return { executable: true, rule, counted };

  // Who could still sign: in this rule, a user, not the maker, not already approved.
  const left = (cls: SignatureClass) =>
    [...classes].filter(([userId, c]) => c === cls && userId !== payment.createdBy && names.has(userId) && !approved.has(userId)).length;
  const missing = waysToFinish(a, b, { E: left('E'), A: left('A'), B: left('B') });
  const tally = `counted: ${counted.map((c) => `${label(c.userId)} (${c.signatureClass})`).join(', ') || 'none'}${
    ignored.length > 0 ? `; not counted: ${ignored.join(', ')}` : ''
  }`;
  if (missing.length === 0) {
    const message = `payment ${payment.id} cannot become executable: the rule's remaining approvers cannot complete it (${tally})`;
    return { executable: false, reason: 'POLICY_APPROVAL_IMPOSSIBLE', missing, message, rule, counted };
  }
  const further = counted.length > 0 ? 'further signatures' : 'signatures';
  const message = `payment ${payment.id} needs ${further}: ${missing.map((way) => WAYS[way]).join(', or ')} (${tally})`;
  return { executable: false, reason: 'POLICY_APPROVALS_MISSING', missing, message, rule, counted };
}
