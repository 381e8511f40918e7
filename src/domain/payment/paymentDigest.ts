import { CofferError, canonicalJson } from '../../contract/index.js';
import { sha256 } from '../../crypto/index.js';
import { parseWith } from '../parseWith.js';
import { ORDER_FIELDS, PaymentFields, checkPaymentRules } from './parsePayment.js';

/**
 * Domain separation tag of a payment digest: the bytes hashed before the canonical JSON, so a
 * payment digest can never be mistaken for any other SHA-256 the system signs (audit leaves,
 * batches, checkpoints). Changing what is bound means a new version of this tag.
 */
export const PAYMENT_DIGEST_TAG = 'coffer/payment/v1';

/** What an approver's signature binds (PSD2 dynamic linking: amount and payee, plus the rest of the order). */
const DIGEST_FIELDS = { id: true, ...ORDER_FIELDS } as const;
export const PaymentDigestInput = PaymentFields.pick(DIGEST_FIELDS).loose().superRefine(checkPaymentRules);
export type PaymentDigestInput = Pick<ReturnType<typeof PaymentDigestInput.parse>, keyof typeof DIGEST_FIELDS>;

/**
 * The JSON object whose RFC 8785 canonical form is hashed. Flat, every key always present
 * (`creditorBic` is null when there is none), and the amount as a decimal string of minor units
 * so that no JSON reader anywhere can round it through a double.
 */
export function paymentDigestBody(payment: PaymentDigestInput): Record<string, string | null> {
  const checked = parseWith(PaymentDigestInput, payment, 'DOMAIN_BAD_PAYMENT', 'payment');
  return {
    id: checked.id,
    debtorIban: checked.debtorIban,
    creditorName: checked.creditor.name,
    creditorIban: checked.creditor.iban,
    creditorBic: checked.creditor.bic ?? null,
    amountMinor: String(checked.amountMinor),
    currency: checked.currency,
    remittanceInfo: checked.remittanceInfo,
    executionDate: checked.executionDate,
    expiresAt: checked.expiresAt,
  };
}

/**
 * SHA-256(UTF-8 "coffer/payment/v1" ‖ UTF-8 RFC 8785 canonical JSON of paymentDigestBody(payment)):
 * the 32-byte WebAuthn challenge an approver signs. Status, version and authorship are not bound:
 * they change as the payment moves, what is paid does not. Refuses an invalid payment with
 * DOMAIN_BAD_PAYMENT.
 */
export function paymentDigest(payment: PaymentDigestInput): Buffer {
  let json: string;
  try {
    json = canonicalJson(paymentDigestBody(payment));
  } catch (cause) {
    throw new CofferError('DOMAIN_BAD_PAYMENT', 'expected a payment that serialises to JSON, found none', { cause });
  }
  return sha256(Buffer.from(PAYMENT_DIGEST_TAG, 'utf8'), Buffer.from(json, 'utf8'));
}
