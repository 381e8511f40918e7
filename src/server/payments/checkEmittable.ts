import type { PaymentOrder } from '../../contract/index.js';
import { buildPain001, parsePayment, type Payment } from '../../domain/index.js';

/** The order as the domain's pain.001 builder takes it: approved, version 1, made when accepted. */
export function emittablePayment(order: PaymentOrder, acceptedAt: number): Payment {
  const { createdBy, ...fields } = order;
  return parsePayment({ ...fields, status: 'approved', createdBy, createdAt: new Date(acceptedAt).toISOString(), version: 1 });
}

/**
 * Refuses, at acceptance, an order the pain.001 export would refuse later (SEPA character set and countries,
 * the SEPA amount limit): an accepted payment must be emittable, or it would block its whole file.
 */
export function checkEmittable(order: PaymentOrder, now: number): void {
  const payment = emittablePayment(order, now);
  buildPain001({ messageId: 'CHECK', createdAt: new Date(now).toISOString(), initiatingParty: { name: 'Check' }, debtor: { name: 'Check', iban: payment.debtorIban }, payments: [payment] });
}
