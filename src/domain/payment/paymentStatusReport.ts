import { CofferError, describeZodIssue, PaymentStatusReport } from '../../contract/index.js';
import { signJws, verifyJws, type JwsSigningKey, type JwsVerificationKey } from '../../crypto/index.js';

/** The JWS `typ` of a payment status report: no policy or device certificate passes for one, nor the reverse. */
export const PAYMENT_STATUS_JWS_TYPE = 'coffer-payment-status+jws';

/** The bank signs what it says of a payment (the gateway, when it accepts one and when staff mark it). */
export async function signPaymentStatusReport(report: PaymentStatusReport, bankKey: JwsSigningKey): Promise<string> {
  const checked = PaymentStatusReport.parse(report);
  return signJws(new TextEncoder().encode(JSON.stringify(checked)), bankKey, { typ: PAYMENT_STATUS_JWS_TYPE });
}

/**
 * A status report checked against the pinned bank key, and what it says. A report edited after signing,
 * signed by another key (a vault's own device key too), or of another JWS type is DOMAIN_BAD_STATUS_REPORT:
 * a vault's user cannot turn "rejected" into "executed", nor make a report up.
 */
export async function verifyPaymentStatusReport(jws: string, bankKey: JwsVerificationKey): Promise<PaymentStatusReport> {
  let payload: Uint8Array;
  try {
    ({ payload } = await verifyJws(jws, bankKey, { typ: PAYMENT_STATUS_JWS_TYPE }));
  } catch (cause) {
    throw new CofferError('DOMAIN_BAD_STATUS_REPORT', 'expected a payment status report signed by the bank key, found one that does not verify', { cause });
  }
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(payload));
  } catch (cause) {
    throw new CofferError('DOMAIN_BAD_STATUS_REPORT', 'expected a status report of UTF-8 JSON, found other bytes', { cause });
  }
  const parsed = PaymentStatusReport.safeParse(json);
  if (!parsed.success) throw new CofferError('DOMAIN_BAD_STATUS_REPORT', `status report: ${describeZodIssue(parsed.error).text}`);
  return parsed.data;
}
