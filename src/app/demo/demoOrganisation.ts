import type { OrgPolicy, Role } from '../../policy/index.js';
import { demoCredential } from './demoCredentials.js';

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

export const DEMO_PAYEES = [
  { id: 'payee-alpen', name: 'Alpen Logistik GmbH', iban: 'AT611904300234573201' },
  { id: 'payee-eclair', name: 'Boulangerie Éclair SARL', iban: 'FR1420041010050500013M02606', bic: 'BNPAFRPP' },
  { id: 'payee-vandijk', name: 'Van Dijk Trading B.V.', iban: 'NL91ABNA0417164300', bic: 'ABNANL2A' },
  { id: 'payee-brussels', name: 'Brussels Office Supplies', iban: 'BE68539007547034' },
  { id: 'payee-iberica', name: 'Construcciones Ibéricas S.L.', iban: 'ES9121000418450200051332' },
  { id: 'payee-ricambi', name: 'Ricambi Ferraresi S.p.A.', iban: 'IT60X0542811101000000123456' },
  { id: 'payee-helvetia', name: 'Helvetia Präzision AG', iban: 'CH9300762011623852957', bic: 'UBSWCHZH80A' },
  { id: 'payee-thames', name: 'Thames Components Ltd', iban: 'GB33BUKB20201555555555', bic: 'BUKBGB22' },
  { id: 'payee-westcountry', name: 'West Country Packaging Ltd', iban: 'GB82WEST12345698765432', bic: 'WESTGB2L' },
] as const;

/** Up to 10,000.00 EUR from the operating account one E signature suffices. */
export const DEMO_SMALL_EUR_LIMIT_MINOR = 10_000_00;
const DAY_MS = 24 * 60 * 60 * 1000;
/** How long the bank lets a demo device work offline on this policy. */
export const DEMO_POLICY_VALIDITY_DAYS = 90;

/** RFC 3339 without milliseconds, as a bank would write it. */
function rfc3339(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/**
 * The demo organisation policy (EBICS signature classes): on the EUR operating account, small payments
 * need one E (Bob), larger ones A + B (Bob A, Carol B); every other account and currency needs A + B.
 * Alice prepares and transports (T): she never counts, also not for others' payments.
 */
export function demoOrgPolicy(now: Date, validityDays = DEMO_POLICY_VALIDITY_DAYS): OrgPolicy {
  const eur = DEMO_ACCOUNTS[0].iban;
  return {
    orgId: DEMO_ORG.id,
    orgName: DEMO_ORG.name,
    issuedAt: rfc3339(now.getTime()),
    expiresAt: rfc3339(now.getTime() + validityDays * DAY_MS),
    // The bank vouches for each demo user's software key: approvals are verified against these (DEMO only).
    users: DEMO_USERS.map((user) => {
      const credential = demoCredential(user.id);
      return { id: user.id, name: user.name, roles: [user.role], credentials: [{ id: credential.id, publicKey: credential.publicKey.toString('base64url') }] };
    }),
    approvalRules: [
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
      {
        account: eur,
        currency: 'EUR',
        minAmountMinor: DEMO_SMALL_EUR_LIMIT_MINOR + 1,
        approvers: [
          { userId: 'bob', signatureClass: 'A' },
          { userId: 'carol', signatureClass: 'B' },
          { userId: 'alice', signatureClass: 'T' },
        ],
      },
      {
        account: '*',
        minAmountMinor: 0,
        approvers: [
          { userId: 'bob', signatureClass: 'A' },
          { userId: 'carol', signatureClass: 'B' },
          { userId: 'alice', signatureClass: 'T' },
        ],
      },
    ],
  };
}
