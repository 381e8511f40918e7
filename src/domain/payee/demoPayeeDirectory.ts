/**
 * DEMO ONLY. The names the demo bank holds for accounts at other banks of the scheme (the demo's statement
 * counterparties and the demo vault's payees): the Verification of Payee answers of `coffer server` and of `coffer demo seed`
 * come from the same list, so a demo vault shows what the demo gateway would answer. Two differ on purpose
 * from the demo vault's payees: a close match (another legal form) and a no match (another company).
 * `booked`: a counterparty of the demo bank's statement lines (`coffer server seed-demo`).
 */
export const DEMO_PAYEE_DIRECTORY = [
  { iban: 'DK5000400440116243', name: 'Hanseatic Retail AG', booked: true },
  { iban: 'SE4550000000058398257466', name: 'Svensk Möbel AB', booked: true },
  { iban: 'AT611904300234573201', name: 'Alpen Logistik GmbH', booked: true },
  { iban: 'FR1420041010050500013M02606', name: 'Boulangerie Éclair SAS' },
  { iban: 'NL91ABNA0417164300', name: 'Van Dijk Trading B.V.', booked: true },
  { iban: 'ES9121000418450200051332', name: 'Iberia Trade Holdings SL' },
  { iban: 'IT60X0542811101000000123456', name: 'Ricambi Ferraresi S.p.A.' },
  { iban: 'CH9300762011623852957', name: 'Helvetia Präzision AG', booked: true },
  { iban: 'GB33BUKB20201555555555', name: 'Thames Components Ltd', booked: true },
  { iban: 'GB82WEST12345698765432', name: 'West Country Packaging Limited' },
] as const;
