import fc from 'fast-check';
import { describe, it } from 'vitest';
import { approvalStatus, type ApprovalStatus, type ApprovalStatusInput } from './approvalStatus.js';
import { SIGNATURE_CLASSES, type ApprovalRule, type OrgUser, type SignatureClass } from './orgPolicySchema.js';

const USER_IDS = ['u1', 'u2', 'u3', 'u4', 'u5', 'u6'];
const users: OrgUser[] = USER_IDS.map((id) => ({ id, name: id.toUpperCase(), roles: ['approver'] }));
const CANDIDATES = [...USER_IDS, 'outsider'];

/** One rule over every payment, giving a random subset of users a random class each. */
const ruleArb: fc.Arbitrary<ApprovalRule> = fc
  .subarray(USER_IDS, { minLength: 1 })
  .chain((ids) => fc.tuple(fc.constant(ids), fc.array(fc.constantFrom(...SIGNATURE_CLASSES), { minLength: ids.length, maxLength: ids.length })))
  .map(([ids, classes]) => ({
    account: '*',
    minAmountMinor: 0,
    approvers: ids.map((userId, index) => ({ userId, signatureClass: classes[index] as SignatureClass })),
  }));

const inputArb: fc.Arbitrary<ApprovalStatusInput> = fc.record({
  payment: fc.record({
    id: fc.constant('p'),
    account: fc.constant('DE89370400440532013000'),
    currency: fc.constant('EUR'),
    amountMinor: fc.nat(1_000_000),
    createdBy: fc.constantFrom(...USER_IDS),
  }),
  approvals: fc.array(fc.constantFrom(...CANDIDATES).map((userId) => ({ userId })), { maxLength: 8 }),
  rules: ruleArb.map((rule) => [rule]),
  users: fc.constant(users),
});

/** The decision, without the message (whose wording lists who was not counted). */
const decision = (status: ApprovalStatus) =>
  JSON.stringify(
    status.executable
      ? { executable: true, counted: status.counted.map((c) => c.userId).sort() }
      : { executable: false, reason: status.reason, missing: status.missing, counted: status.counted.map((c) => c.userId).sort() },
  );

describe('when approvals are counted (properties)', () => {
  it('does not depend on the order of the approvals', () => {
    const withPermutation = inputArb.chain((input) =>
      fc.tuple(fc.constant(input), fc.shuffledSubarray([...input.approvals], { minLength: input.approvals.length, maxLength: input.approvals.length })),
    );
    fc.assert(
      fc.property(withPermutation, ([input, permuted]) => decision(approvalStatus(input)) === decision(approvalStatus({ ...input, approvals: permuted }))),
    );
  });

  it('never becomes executable by adding approvals of class T', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const rule = input.rules[0] as ApprovalRule;
        const transport = rule.approvers.filter((a) => a.signatureClass === 'T').map((a) => ({ userId: a.userId }));
        fc.pre(transport.length > 0);
        return approvalStatus(input).executable || !approvalStatus({ ...input, approvals: [...input.approvals, ...transport] }).executable;
      }),
    );
  });

  it('gives the same decision without the maker\'s own approvals', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const withoutMaker = input.approvals.filter((a) => a.userId !== input.payment.createdBy);
        return decision(approvalStatus(input)) === decision(approvalStatus({ ...input, approvals: withoutMaker }));
      }),
    );
  });

  it('gives the same decision when every approval is repeated', () => {
    fc.assert(
      fc.property(inputArb, (input) => decision(approvalStatus(input)) === decision(approvalStatus({ ...input, approvals: [...input.approvals, ...input.approvals] }))),
    );
  });

  it('never stops being executable when someone else approves too', () => {
    fc.assert(
      fc.property(inputArb, fc.constantFrom(...CANDIDATES), (input, userId) => {
        return !approvalStatus(input).executable || approvalStatus({ ...input, approvals: [...input.approvals, { userId }] }).executable;
      }),
    );
  });

  it('is executable exactly when the distinct non-maker signatures hold an E, two A, or an A and a B', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const rule = input.rules[0] as ApprovalRule;
        const signers = new Set(input.approvals.map((a) => a.userId).filter((id) => id !== input.payment.createdBy && USER_IDS.includes(id)));
        const tally = { E: 0, A: 0, B: 0, T: 0 };
        for (const approver of rule.approvers) if (signers.has(approver.userId)) tally[approver.signatureClass] += 1;
        const expected = tally.E > 0 || tally.A > 1 || (tally.A > 0 && tally.B > 0);
        return approvalStatus(input).executable === expected;
      }),
    );
  });

  it('reports POLICY_APPROVAL_IMPOSSIBLE only when even every other approver of the rule signing would not do', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const status = approvalStatus(input);
        const everyone = (input.rules[0] as ApprovalRule).approvers.map((a) => ({ userId: a.userId }));
        const rescued = approvalStatus({ ...input, approvals: [...input.approvals, ...everyone] }).executable;
        return status.executable || (status.reason === 'POLICY_APPROVAL_IMPOSSIBLE') === !rescued;
      }),
    );
  });

  it('lists only ways that, once signed by the rule\'s remaining approvers, make the payment executable', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const status = approvalStatus(input);
        if (status.executable) return true;
        const rule = input.rules[0] as ApprovalRule;
        const approved = new Set(input.approvals.map((a) => a.userId));
        return status.missing.every((way) => {
          const extra: { userId: string }[] = [];
          for (const cls of way.split('+')) {
            const next = rule.approvers.find(
              (a) => a.signatureClass === cls && a.userId !== input.payment.createdBy && !approved.has(a.userId) && !extra.some((e) => e.userId === a.userId),
            );
            if (next === undefined) return false;
            extra.push({ userId: next.userId });
          }
          return approvalStatus({ ...input, approvals: [...input.approvals, ...extra] }).executable;
        });
      }),
    );
  });
});
