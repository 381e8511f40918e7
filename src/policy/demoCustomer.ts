import type { ApprovalRule } from './orgPolicySchema.js';
import type { Role } from './roles.js';

/*
 * The demo bank's customer, shared by the desktop's demo vaults (src/app/demo) and the gateway's seed-demo
 * (src/server/demo), which may not import each other: one organisation, its users, accounts and rules.
 */

/** The demo organisation: a mid-sized trading company with three accounts at its bank. */
export const DEMO_ORG = { id: 'demo-nordlicht', name: 'Nordlicht Handels GmbH' } as const;

/** The five demo users and the one role each holds. */
export const DEMO_USERS: readonly { id: string; name: string; role: Role }[] = [
  { id: 'alice', name: 'Alice Maker', role: 'maker' },
  { id: 'bob', name: 'Bob Approver', role: 'approver' },
  { id: 'carol', name: 'Carol Approver', role: 'approver' },
  { id: 'dave', name: 'Dave Auditor', role: 'auditor' },
  { id: 'erin', name: 'Erin Viewer', role: 'viewer' },
];

export const DEMO_ACCOUNTS = [
  { code: 'EUR', iban: 'DE89370400440532013000', bic: 'COBADEFFXXX', currency: 'EUR', name: 'Nordlicht Operating EUR', openingMinor: 1_500_000_00 },
  { code: 'USD', iban: 'DE62370400440532013001', bic: 'COBADEFFXXX', currency: 'USD', name: 'Nordlicht USD', openingMinor: 650_000_00 },
  { code: 'GBP', iban: 'GB29NWBK60161331926819', bic: 'NWBKGB2L', currency: 'GBP', name: 'Nordlicht GBP', openingMinor: 420_000_00 },
] as const;

/** Up to 10,000.00 EUR from the operating account one E signature suffices. */
export const DEMO_SMALL_EUR_LIMIT_MINOR = 10_000_00;

/**
 * The demo approval rules (EBICS signature classes): on the EUR operating account, small payments need one
 * E (Bob), larger ones A + B (Bob A, Carol B); every other account and currency needs A + B. Alice
 * prepares and transports (T): she never counts, also not for others' payments.
 */
export function demoApprovalRules(): ApprovalRule[] {
  const eur = DEMO_ACCOUNTS[0].iban;
  const aPlusB = () => [
    { userId: 'bob', signatureClass: 'A' as const },
    { userId: 'carol', signatureClass: 'B' as const },
    { userId: 'alice', signatureClass: 'T' as const },
  ];
  return [
    {
      account: eur,
      currency: 'EUR',
      minAmountMinor: 0,
      maxAmountMinor: DEMO_SMALL_EUR_LIMIT_MINOR,
      approvers: [
        { userId: 'bob', signatureClass: 'E' },
        { userId: 'carol', signatureClass: 'A' },
        { userId: 'alice', signatureClass: 'T' },
      ],
    },
    { account: eur, currency: 'EUR', minAmountMinor: DEMO_SMALL_EUR_LIMIT_MINOR + 1, approvers: aPlusB() },
    { account: '*', minAmountMinor: 0, approvers: aPlusB() },
  ];
}
