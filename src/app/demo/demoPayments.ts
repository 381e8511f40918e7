import { parsePayment, paymentDigest, type Payment, type PaymentStatus } from '../../domain/index.js';
import { paymentExpiry } from '../commands/paymentExpiry.js';
import { DEMO_ACCOUNTS, DEMO_PAYEES } from './demoOrganisation.js';

/** A demo payment and the approvals it collected, as of the seed. */
export interface DemoPayment {
  payment: Payment;
  accountCode: string;
  approvals: { userId: string; signatureClass: 'E' | 'A' | 'B'; paymentVersion: number; digest: string }[];
}

type Signer = readonly ['bob' | 'carol', 'E' | 'A' | 'B'];
const VERSION: Record<PaymentStatus, number> = { draft: 1, pending_approval: 2, approved: 3, queued: 4, submitted: 5, accepted: 6, executed: 7, rejected: 6, cancelled: 2 };
const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;

const PLAN: readonly { id: string; status: PaymentStatus; account: string; payee: number; amountMinor: number; days: number; remittance: string; signers: readonly Signer[] }[] = [
  { id: 'demo-0001', status: 'draft', account: 'EUR', payee: 0, amountMinor: 1_250_00, days: 2, remittance: 'Freight March', signers: [] },
  { id: 'demo-0002', status: 'draft', account: 'EUR', payee: 2, amountMinor: 3_400_00, days: 3, remittance: 'Invoice VD-2291', signers: [] },
  { id: 'demo-0003', status: 'draft', account: 'GBP', payee: 7, amountMinor: 820_00, days: 4, remittance: 'Spare parts', signers: [] },
  { id: 'demo-0004', status: 'pending_approval', account: 'EUR', payee: 4, amountMinor: 48_000_00, days: 5, remittance: 'Warehouse works, 2nd instalment', signers: [['bob', 'A']] },
  { id: 'demo-0005', status: 'pending_approval', account: 'EUR', payee: 1, amountMinor: 2_300_00, days: 2, remittance: 'Catering Q2', signers: [] },
  { id: 'demo-0006', status: 'approved', account: 'EUR', payee: 5, amountMinor: 7_800_00, days: 1, remittance: 'Invoice RF-118', signers: [['bob', 'E']] },
  { id: 'demo-0007', status: 'approved', account: 'GBP', payee: 8, amountMinor: 15_000_00, days: 1, remittance: 'Packaging 2025', signers: [['bob', 'A'], ['carol', 'B']] },
  { id: 'demo-0008', status: 'queued', account: 'EUR', payee: 3, amountMinor: 9_100_00, days: 1, remittance: 'Office supplies', signers: [['bob', 'E']] },
  { id: 'demo-0009', status: 'submitted', account: 'USD', payee: 6, amountMinor: 22_000_00, days: -1, remittance: 'Precision tools', signers: [['bob', 'A'], ['carol', 'B']] },
  { id: 'demo-0010', status: 'accepted', account: 'EUR', payee: 0, amountMinor: 5_600_00, days: -6, remittance: 'Freight February', signers: [['bob', 'E']] },
  { id: 'demo-0011', status: 'rejected', account: 'EUR', payee: 2, amountMinor: 1_999_99, days: -4, remittance: 'Invoice VD-2250', signers: [['carol', 'A'], ['bob', 'E']] },
  { id: 'demo-0012', status: 'cancelled', account: 'EUR', payee: 3, amountMinor: 640_00, days: 3, remittance: 'Duplicate order', signers: [] },
];

/** Payments in every lifecycle state, all made by Alice, with the approvals each had collected. */
export function demoPayments(now: Date): DemoPayment[] {
  const today = Date.parse(`${now.toISOString().slice(0, 10)}T00:00:00.000Z`);
  return PLAN.map((plan, index) => {
    const account = DEMO_ACCOUNTS.find((a) => a.code === plan.account) ?? DEMO_ACCOUNTS[0];
    const payee = DEMO_PAYEES[plan.payee] ?? DEMO_PAYEES[0];
    const executionDate = new Date(today + plan.days * DAY_MS).toISOString().slice(0, 10);
    const createdAt = new Date(Math.min(now.getTime(), today + (plan.days - 3) * DAY_MS) - (index + 1) * HOUR_MS).toISOString();
    const payment = parsePayment({
      id: plan.id,
      debtorIban: account.iban,
      creditor: { name: payee.name, iban: payee.iban, ...('bic' in payee ? { bic: payee.bic } : {}) },
      amountMinor: plan.amountMinor,
      currency: account.currency,
      remittanceInfo: plan.remittance,
      executionDate,
      expiresAt: paymentExpiry(executionDate),
      status: plan.status,
      createdBy: 'alice',
      createdAt,
      version: VERSION[plan.status],
    });
    const digest = paymentDigest(payment).toString('hex');
    // Approvals are given while the payment is pending approval (version 2).
    const approvals = plan.signers.map(([userId, signatureClass]) => ({ userId, signatureClass, paymentVersion: 2, digest }));
    return { payment, accountCode: account.code, approvals };
  });
}
