import type { Role, SignatureClass } from '../../policy/index.js';

/*
 * The demo bank's customer, as the desktop's demo vaults know it (src/app/demo has the same organisation,
 * users and accounts): the gateway may not import the app, so the shapes are stated here again.
 */

export const DEMO_ORG = { id: 'demo-nordlicht', name: 'Nordlicht Handels GmbH' } as const;

export const DEMO_USERS: readonly { id: string; name: string; role: Role }[] = [
  { id: 'alice', name: 'Alice Maker', role: 'maker' },
  { id: 'bob', name: 'Bob Approver', role: 'approver' },
  { id: 'carol', name: 'Carol Approver', role: 'approver' },
  { id: 'dave', name: 'Dave Auditor', role: 'auditor' },
  { id: 'erin', name: 'Erin Viewer', role: 'viewer' },
];

export const DEMO_ACCOUNTS = [
  { iban: 'DE89370400440532013000', bic: 'COBADEFFXXX', currency: 'EUR', name: 'Nordlicht Operating EUR' },
  { iban: 'DE62370400440532013001', bic: 'COBADEFFXXX', currency: 'USD', name: 'Nordlicht USD' },
  { iban: 'GB29NWBK60161331926819', bic: 'NWBKGB2L', currency: 'GBP', name: 'Nordlicht GBP' },
] as const;

/** Up to 10,000.00 EUR from the operating account one E signature suffices; above, A + B. */
export const DEMO_SMALL_EUR_LIMIT_MINOR = 10_000_00;

type Signers = readonly { userId: string; signatureClass: SignatureClass }[];
const AB: Signers = [
  { userId: 'bob', signatureClass: 'A' },
  { userId: 'carol', signatureClass: 'B' },
  { userId: 'alice', signatureClass: 'T' },
];

export const DEMO_RULES: readonly { account: string; currency?: 'EUR'; minAmountMinor: number; maxAmountMinor?: number; approvers: Signers }[] = [
  {
    account: DEMO_ACCOUNTS[0].iban,
    currency: 'EUR',
    minAmountMinor: 0,
    maxAmountMinor: DEMO_SMALL_EUR_LIMIT_MINOR,
    approvers: [
      { userId: 'bob', signatureClass: 'E' },
      { userId: 'carol', signatureClass: 'A' },
      { userId: 'alice', signatureClass: 'T' },
    ],
  },
  { account: DEMO_ACCOUNTS[0].iban, currency: 'EUR', minAmountMinor: DEMO_SMALL_EUR_LIMIT_MINOR + 1, approvers: AB },
  { account: '*', minAmountMinor: 0, approvers: AB },
];

/** Counterparties of the demo's bookings (IBANs with valid check digits). */
export const DEMO_COUNTERPARTIES = [
  { name: 'Hanseatic Retail AG', iban: 'DK5000400440116243' },
  { name: 'Svensk Möbel AB', iban: 'SE4550000000058398257466' },
  { name: 'Alpen Logistik GmbH', iban: 'AT611904300234573201' },
  { name: 'Van Dijk Trading B.V.', iban: 'NL91ABNA0417164300' },
  { name: 'Helvetia Präzision AG', iban: 'CH9300762011623852957' },
  { name: 'Thames Components Ltd', iban: 'GB33BUKB20201555555555' },
] as const;
