import { DEMO_PAYEES } from './demoOrganisation.js';
import { mulberry32 } from './mulberry32.js';

/** One generated booking, ready for the statement_transactions table. */
export interface DemoBooking {
  id: string;
  entryRef: string;
  bookingDate: string;
  valueDate: string;
  amountMinor: number;
  counterpartyName: string | null;
  counterpartyIban: string | null;
  remittanceInfo: string;
}

const DAY_MS = 24 * 60 * 60 * 1000;


const CUSTOMERS = [
  { name: 'Hanseatic Retail AG', iban: 'DK5000400440116243' },
  { name: 'Svensk Möbel AB', iban: 'SE4550000000058398257466' },
  { name: 'Polska Dystrybucja Sp. z o.o.', iban: 'PL61109010140000071219812874' },
  ...DEMO_PAYEES.slice(0, 4).map((p) => ({ name: p.name, iban: p.iban })),
];
const SUPPLIERS = DEMO_PAYEES.map((p) => ({ name: p.name, iban: p.iban }));
const FEES = ['Account maintenance fee', 'Card settlement', 'Interest', 'SEPA transfer fees'];

/** An amount in minor units between `min` and `max` major units, skewed towards small sums. */
function amount(random: () => number, min: number, max: number): number {
  const skewed = random() ** 2.5;
  return Math.round((min + skewed * (max - min)) * 100);
}

/**
 * `count` bookings spread over the 365 days ending `endDay` (YYYY-MM-DD), oldest first, deterministic for
 * a given `seed`: customer receipts, supplier payments, salaries at month end and bank fees.
 */
export function generateDemoStatements(code: string, count: number, endDay: string, seed: number): DemoBooking[] {
  const random = mulberry32(seed);
  const end = Date.parse(`${endDay}T00:00:00.000Z`);
  const start = end - 364 * DAY_MS;
  const bookings: DemoBooking[] = [];
  for (let n = 0; n < count; n++) {
    const day = start + Math.floor((n * 365) / count) * DAY_MS;
    const bookingDate = new Date(day).toISOString().slice(0, 10);
    const valueDate = new Date(day + (random() < 0.2 ? DAY_MS : 0)).toISOString().slice(0, 10);
    const kind = random();
    const serial = String(n + 1).padStart(6, '0');
    let booking: Omit<DemoBooking, 'id' | 'entryRef' | 'bookingDate' | 'valueDate'>;
    if (kind < 0.45) {
      const customer = CUSTOMERS[Math.floor(random() * CUSTOMERS.length)] ?? CUSTOMERS[0];
      booking = { amountMinor: amount(random, 50, 32_000), counterpartyName: customer?.name ?? null, counterpartyIban: customer?.iban ?? null, remittanceInfo: `Invoice NL-${bookingDate.slice(0, 4)}-${serial}` };
    } else if (kind < 0.9) {
      const supplier = SUPPLIERS[Math.floor(random() * SUPPLIERS.length)] ?? SUPPLIERS[0];
      booking = { amountMinor: -amount(random, 20, 30_000), counterpartyName: supplier?.name ?? null, counterpartyIban: supplier?.iban ?? null, remittanceInfo: `Order PO-${serial}` };
    } else if (kind < 0.95) {
      booking = { amountMinor: -amount(random, 1_500, 6_000), counterpartyName: 'Payroll', counterpartyIban: null, remittanceInfo: `Salaries ${bookingDate.slice(0, 7)}` };
    } else {
      const fee = FEES[Math.floor(random() * FEES.length)] ?? 'Bank fee';
      booking = { amountMinor: -amount(random, 1, 120), counterpartyName: null, counterpartyIban: null, remittanceInfo: fee };
    }
    bookings.push({ id: `demo-${code}-${serial}`, entryRef: `NLH-${code}-${serial}`, bookingDate, valueDate, ...booking });
  }
  return bookings;
}
