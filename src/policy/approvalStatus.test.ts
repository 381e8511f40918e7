import { describe, expect, it } from 'vitest';
import { approvalStatus, type ApprovalStatusInput } from './approvalStatus.js';
import type { ApprovalRule, OrgUser } from './orgPolicySchema.js';

const PAYROLL = 'DE89370400440532013000';
const OPERATIONS = 'GB29NWBK60161331926819';

const users: OrgUser[] = ['alice', 'bob', 'carol', 'dave', 'erin', 'tom', 'mallory', 'zed'].map((id) => ({
  id,
  name: id[0]?.toUpperCase() + id.slice(1),
  roles: ['approver'],
}));

/** Any account, EUR: Alice E; Bob, Carol, Mallory A; Dave, Erin B; Tom T. Zed is a user without a class here. */
const standard: ApprovalRule = {
  account: '*',
  currency: 'EUR',
  minAmountMinor: 0,
  approvers: [
    { userId: 'alice', signatureClass: 'E' },
    { userId: 'bob', signatureClass: 'A' },
    { userId: 'carol', signatureClass: 'A' },
    { userId: 'mallory', signatureClass: 'A' },
    { userId: 'dave', signatureClass: 'B' },
    { userId: 'erin', signatureClass: 'B' },
    { userId: 'tom', signatureClass: 'T' },
  ],
};

const payment = { id: 'p-1', account: OPERATIONS, currency: 'EUR', amountMinor: 5_000_00, createdBy: 'mallory' };
const status = (approvers: string[], rules: ApprovalRule[] = [standard], overrides: Partial<ApprovalStatusInput['payment']> = {}) =>
  approvalStatus({ payment: { ...payment, ...overrides }, approvals: approvers.map((userId) => ({ userId })), rules, users });

describe('when signatures are counted by class', () => {
  const cases: [string, string[], true | string[]][] = [
    ['no approval yet', [], ['E', 'A+A', 'A+B']],
    ['E alone', ['alice'], true],
    ['one A', ['bob'], ['E', 'A', 'B']],
    ['A with another A', ['bob', 'carol'], true],
    ['A with B', ['bob', 'dave'], true],
    ['B with A, in the other order', ['dave', 'bob'], true],
    ['one B', ['dave'], ['E', 'A']],
    ['two B', ['dave', 'erin'], ['E', 'A']],
    ['T alone', ['tom'], ['E', 'A+A', 'A+B']],
    ['A with T', ['bob', 'tom'], ['E', 'A', 'B']],
    ['the maker (class A) with one A', ['mallory', 'bob'], ['E', 'A', 'B']],
    ['the same A twice', ['bob', 'bob'], ['E', 'A', 'B']],
    ['an A with a user who has no class in the rule', ['bob', 'zed'], ['E', 'A', 'B']],
    ['an A with someone who is not a user', ['bob', 'ghost'], ['E', 'A', 'B']],
  ];
  for (const [when, approvers, expected] of cases) {
    it(expected === true ? `makes the payment executable with ${when}` : `reports POLICY_APPROVALS_MISSING ${expected.join(' | ')} with ${when}`, () => {
      const result = status(approvers);
      if (expected === true) expect(result).toMatchObject({ executable: true });
      else expect(result).toMatchObject({ executable: false, reason: 'POLICY_APPROVALS_MISSING', missing: expected });
    });
  }

  it('says in words what is missing and why approvals were not counted', () => {
    const result = status(['bob', 'mallory', 'tom']);
    expect(!result.executable && result.message).toBe(
      'payment p-1 needs further signatures: one of class E, or one of class A, or one of class B ' +
        '(counted: Bob (A); not counted: Mallory made the payment, Tom has class T, which never counts)',
    );
  });
});

describe('when the remaining approvers cannot complete the rule', () => {
  const thin: ApprovalRule = {
    ...standard,
    approvers: [
      { userId: 'mallory', signatureClass: 'A' },
      { userId: 'bob', signatureClass: 'A' },
      { userId: 'dave', signatureClass: 'B' },
    ],
  };
  it('lists only the ways that are still possible', () => {
    expect(status([], [thin])).toMatchObject({ missing: ['A+B'] });
    expect(status(['dave'], [thin])).toMatchObject({ missing: ['A'] });
  });
  it('reports POLICY_APPROVAL_IMPOSSIBLE when only the maker could add the last signature', () => {
    expect(status(['bob'], [{ ...thin, approvers: thin.approvers.slice(0, 2) }])).toMatchObject({
      executable: false,
      reason: 'POLICY_APPROVAL_IMPOSSIBLE',
      missing: [],
    });
  });
});

describe('when the rule is picked for account, currency and amount', () => {
  const payrollLarge: ApprovalRule = { account: PAYROLL, currency: 'EUR', minAmountMinor: 1_000_00, approvers: [{ userId: 'carol', signatureClass: 'A' }, { userId: 'erin', signatureClass: 'B' }] };
  const payrollSmall: ApprovalRule = { account: PAYROLL, currency: 'EUR', minAmountMinor: 0, maxAmountMinor: 99_999, approvers: [{ userId: 'bob', signatureClass: 'E' }] };
  const anyCurrency: ApprovalRule = { account: '*', minAmountMinor: 0, approvers: [{ userId: 'alice', signatureClass: 'E' }] };
  const rules = [standard, payrollLarge, payrollSmall, anyCurrency];

  it('takes the rule of the payment account over the "*" rule, so a class from "*" does not count', () => {
    expect(status(['alice'], rules, { account: PAYROLL })).toMatchObject({ executable: false, reason: 'POLICY_APPROVALS_MISSING', rule: payrollLarge });
    expect(status(['carol', 'erin'], rules, { account: PAYROLL })).toMatchObject({ executable: true, rule: payrollLarge });
  });
  it('takes the band holding the amount, both ends inclusive', () => {
    expect(status(['bob'], rules, { account: PAYROLL, amountMinor: 99_999 })).toMatchObject({ executable: true, rule: payrollSmall });
    expect(status(['bob'], rules, { account: PAYROLL, amountMinor: 1_000_00 })).toMatchObject({ executable: false, rule: payrollLarge });
  });
  it('falls back to the "*" rule where the account\'s own bands leave a gap', () => {
    const gap = [payrollSmall, standard];
    expect(status(['alice'], gap, { account: PAYROLL, amountMinor: 1_000_00 })).toMatchObject({ executable: true, rule: standard });
  });
  it('takes a currency-specific rule over an any-currency rule, and the any-currency rule for other currencies', () => {
    expect(status(['bob', 'dave'], rules, { account: OPERATIONS, currency: 'EUR' })).toMatchObject({ executable: true, rule: standard });
    expect(status(['alice'], rules, { account: OPERATIONS, currency: 'CHF' })).toMatchObject({ executable: true, rule: anyCurrency });
  });
  it('reports POLICY_NO_APPROVAL_RULE, saying why, when no rule covers the payment', () => {
    const result = status(['alice'], [payrollSmall], { account: PAYROLL, amountMinor: 1_000_00 });
    expect(result).toMatchObject({ executable: false, reason: 'POLICY_NO_APPROVAL_RULE', missing: [] });
    expect(!result.executable && result.message).toBe('payment p-1 cannot be approved: no approval rule covers 100000 EUR minor units from account DE…3000');
  });
  it('refuses two equally specific rules covering the payment with POLICY_BAD_POLICY', async () => {
    await expect(() => status(['alice'], [standard, { ...standard, minAmountMinor: 1 }])).toThrowCode('POLICY_BAD_POLICY');
  });
  it('refuses a payment with a fractional amount with POLICY_BAD_REQUEST', async () => {
    await expect(() => status(['alice'], [standard], { amountMinor: 10.5 })).toThrowCode('POLICY_BAD_REQUEST');
  });
});
