/** How long after its execution date an unexecuted order (and every approval of it) stays valid. */
export const PAYMENT_VALIDITY_DAYS = 30;

/** The expiry bound into the payment digest: midnight UTC, PAYMENT_VALIDITY_DAYS after the execution date. */
export function paymentExpiry(executionDate: string): string {
  const day = Date.parse(`${executionDate}T00:00:00.000Z`);
  return new Date(day + PAYMENT_VALIDITY_DAYS * 24 * 60 * 60 * 1000).toISOString();
}
