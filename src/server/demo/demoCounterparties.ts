/** Counterparties of the demo's bookings (IBANs with valid check digits). */
export const DEMO_COUNTERPARTIES = [
  { name: 'Hanseatic Retail AG', iban: 'DK5000400440116243' },
  { name: 'Svensk Möbel AB', iban: 'SE4550000000058398257466' },
  { name: 'Alpen Logistik GmbH', iban: 'AT611904300234573201' },
  { name: 'Van Dijk Trading B.V.', iban: 'NL91ABNA0417164300' },
  { name: 'Helvetia Präzision AG', iban: 'CH9300762011623852957' },
  { name: 'Thames Components Ltd', iban: 'GB33BUKB20201555555555' },
] as const;
