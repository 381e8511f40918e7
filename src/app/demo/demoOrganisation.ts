import { DEMO_ORG, DEMO_USERS, demoApprovalRules, type OrgPolicy } from '../../policy/index.js';
import { demoCredential } from './demoCredentials.js';

export { DEMO_ORG, DEMO_USERS, DEMO_ACCOUNTS, DEMO_SMALL_EUR_LIMIT_MINOR } from '../../policy/index.js';

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
    approvalRules: demoApprovalRules(),
  };
}
