import { describe, expect, it } from 'vitest';
import type { ApprovalRule, OrgPolicy } from './orgPolicySchema.js';
import { parseOrgPolicy } from './parseOrgPolicy.js';
import { CofferError } from '../contract/index.js';

const rule: ApprovalRule = { account: '*', currency: 'EUR', minAmountMinor: 0, maxAmountMinor: 999_99, approvers: [{ userId: 'u1', signatureClass: 'E' }] };
const policy: OrgPolicy = {
  orgId: 'org-1',
  orgName: 'Example AG',
  issuedAt: '2025-01-01T00:00:00Z',
  expiresAt: '2025-02-01T00:00:00Z',
  users: [
    { id: 'u1', name: 'One', roles: ['approver'] },
    { id: 'u2', name: 'Two', roles: ['maker'] },
  ],
  approvalRules: [rule, { ...rule, minAmountMinor: 1_000_00, maxAmountMinor: undefined }],
};

function message(value: unknown): string {
  try {
    parseOrgPolicy(value);
  } catch (error) {
    if (error instanceof CofferError && error.code === 'POLICY_BAD_POLICY') return error.message;
    throw error;
  }
  throw new Error('expected POLICY_BAD_POLICY');
}

describe('when an organisation policy is inconsistent', () => {
  it('accepts the consistent base policy, with adjacent bands', () => {
    expect(parseOrgPolicy(JSON.parse(JSON.stringify(policy)))).toEqual(JSON.parse(JSON.stringify(policy)));
  });
  const cases: [string, unknown, string][] = [
    ['expiresAt is not after issuedAt', { ...policy, expiresAt: '2024-12-31T00:00:00Z' }, 'expiresAt: expected a time after issuedAt'],
    ['a user id repeats', { ...policy, users: [...policy.users, { id: 'u1', name: 'Again', roles: [] }] }, 'users[2].id: expected a unique user id, found "u1" twice'],
    ['a role is unknown', { ...policy, users: [{ id: 'u1', name: 'One', roles: ['root'] }] }, 'users[0].roles[0]: unknown role "root"'],
    ['an approver is not a user', { ...policy, approvalRules: [{ ...rule, approvers: [{ userId: 'u9', signatureClass: 'A' }] }] }, 'approvalRules[0].approvers[0].userId: expected a user of the organisation, found "u9"'],
    [
      'an approver appears twice in one rule',
      { ...policy, approvalRules: [{ ...rule, approvers: [{ userId: 'u1', signatureClass: 'A' }, { userId: 'u1', signatureClass: 'E' }] }] },
      'approvalRules[0].approvers[1].userId: expected each approver once per rule',
    ],
    ['a signature class is unknown', { ...policy, approvalRules: [{ ...rule, approvers: [{ userId: 'u1', signatureClass: 'C' }] }] }, 'approvalRules[0].approvers[0].signatureClass'],
    ['max is below min', { ...policy, approvalRules: [{ ...rule, minAmountMinor: 10, maxAmountMinor: 9 }] }, 'approvalRules[0].maxAmountMinor: expected at least minAmountMinor 10, found 9'],
    ['a band has no currency', { ...policy, approvalRules: [{ ...rule, currency: undefined }] }, 'approvalRules[0].currency: expected a currency for an amount band'],
    [
      'two bands of one account and currency overlap',
      { ...policy, approvalRules: [rule, { ...rule, minAmountMinor: 999_99, maxAmountMinor: undefined }] },
      'approvalRules[1]: expected amount bands of one account and currency not to overlap, found [99999, ∞] overlapping approvalRules[0] [0, 99999]',
    ],
    ['a timestamp is not RFC 3339 UTC', { ...policy, issuedAt: '1 Jan 2025' }, 'issuedAt'],
    ['an amount is a fraction', { ...policy, approvalRules: [{ ...rule, minAmountMinor: 0.5 }] }, 'approvalRules[0].minAmountMinor: expected a whole number of minor units, found 0.5'],
  ];
  for (const [when, value, expected] of cases) {
    it(`refuses it when ${when} with POLICY_BAD_POLICY, naming the field`, () => {
      expect(message(JSON.parse(JSON.stringify(value)))).toContain(expected);
    });
  }
  it('accepts the same bands for different currencies or accounts', () => {
    const other = { ...policy, approvalRules: [rule, { ...rule, currency: 'CHF' }, { ...rule, account: 'DE89370400440532013000' }] };
    expect(parseOrgPolicy(other).approvalRules).toHaveLength(3);
  });
});
