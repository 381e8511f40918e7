import type { ApprovalRule } from './orgPolicySchema.js';
import { CofferError } from '../contract/index.js';

export interface RuleTarget {
  /** IBAN in electronic format. */
  account: string;
  currency: string;
  amountMinor: number;
}

/** Account beats currency: a rule for this account outranks a "*" rule that names the currency. */
export function ruleSpecificity(rule: ApprovalRule): number {
  return (rule.account === '*' ? 0 : 2) + (rule.currency === undefined ? 0 : 1);
}

export function ruleCovers(rule: ApprovalRule, target: RuleTarget): boolean {
  return (
    (rule.account === '*' || rule.account === target.account) &&
    (rule.currency === undefined || rule.currency === target.currency) &&
    target.amountMinor >= rule.minAmountMinor &&
    (rule.maxAmountMinor === undefined || target.amountMinor <= rule.maxAmountMinor)
  );
}

/**
 * The rule that governs a payment: of the rules covering its account, currency and amount, the most
 * specific. Undefined when none covers it. Two equally specific covering rules are a broken policy
 * (parseOrgPolicy refuses them up front), so they throw POLICY_BAD_POLICY rather than pick one.
 */
export function selectApprovalRule(rules: readonly ApprovalRule[], target: RuleTarget): ApprovalRule | undefined {
  let best: ApprovalRule | undefined;
  let tie = false;
  for (const rule of rules) {
    if (!ruleCovers(rule, target)) continue;
    if (best === undefined || ruleSpecificity(rule) > ruleSpecificity(best)) {
      best = rule;
      tie = false;
    } else if (ruleSpecificity(rule) === ruleSpecificity(best)) {
      tie = true;
    }
  }
  if (tie) {
    throw new CofferError('POLICY_BAD_POLICY', `expected one most specific approval rule for ${target.currency} ${target.amountMinor}, found two`);
  }
  return best;
}
