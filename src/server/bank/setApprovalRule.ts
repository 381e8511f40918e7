import { z } from 'zod';
import type { GatewayStore } from '../store/openStore.js';
import { ensureOrganisation } from './activeUser.js';
import { applyBankChange, type AppliedBankChange } from './applyBankChange.js';
import { ApproverInput, CurrencyInput, IbanInput, OrgIdText, parseBankInput } from './bankInputs.js';

export const SetApprovalRuleInput = z.strictObject({
  orgId: OrgIdText,
  account: z.union([z.literal('*'), IbanInput]),
  currency: CurrencyInput.optional(),
  minAmountMinor: z.int().min(0),
  maxAmountMinor: z.int().min(0).optional(),
  approvers: z.array(ApproverInput).min(1, 'expected at least one approver'),
});
export type SetApprovalRuleInput = z.input<typeof SetApprovalRuleInput>;

/**
 * `coffer server rule set`: the rule for an account, currency and band starting at `minAmountMinor`,
 * created or replaced. The policy's own checks (approvers are users, bands do not overlap) decide whether
 * the organisation may have it.
 */
export async function setApprovalRule(store: GatewayStore, staff: string, input: SetApprovalRuleInput, now = Date.now()): Promise<AppliedBankChange<void>> {
  const rule = parseBankInput(SetApprovalRuleInput, input);
  const { orgId, account, currency, minAmountMinor, maxAmountMinor, approvers } = rule;
  return applyBankChange(store, { staff, action: 'rule.set', orgId, details: { account, currency: currency ?? null, minAmountMinor, maxAmountMinor: maxAmountMinor ?? null, approvers }, now }, async (trx) => {
    await ensureOrganisation(trx, orgId);
    const row = { org_id: orgId, account, currency: currency ?? '', min_amount_minor: minAmountMinor, max_amount_minor: maxAmountMinor ?? null, approvers: JSON.stringify(approvers) };
    await trx
      .insertInto('approval_rules')
      .values(row)
      .onConflict((oc) => oc.columns(['org_id', 'account', 'currency', 'min_amount_minor']).doUpdateSet({ max_amount_minor: row.max_amount_minor, approvers: row.approvers }))
      .execute();
  });
}
