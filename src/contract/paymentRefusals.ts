import type { ErrorCode } from './errors.js';

/**
 * What the maker's app does about a refused submission:
 * - `retry`: the same request later, under the same Idempotency-Key (the gateway or the network failed);
 * - `approve-again`: the approvals do not hold for the payment as sent; fresh ones are needed;
 * - `new-payment`: the order itself cannot be accepted; it needs changing, which voids its approvals;
 * - `enrol-again`: this device cannot speak for its user any more (revoked, unknown, or its key is not the one enrolled);
 * - `report`: a fault of the app's own request; nothing the user changes will help.
 */
export type PaymentRefusalRemedy = 'retry' | 'approve-again' | 'new-payment' | 'enrol-again' | 'report';

export interface PaymentRefusal {
  remedy: PaymentRefusalRemedy;
  /** One sentence for the user: what the bank refused, in the bank's words, without the technical reason. */
  text: string;
}

/**
 * Every code POST /v1/payments answers a refusal with, and what it means for the user. The answer itself is
 * `{error: {code, message}}`: the code is stable and is what the app branches on and looks up here; the message
 * is one line for the log and the support desk. A test fails when a submission is refused with a code that is
 * not listed (test/support/paymentGateway.ts). docs/gateway.md "Gateway protocol" lists them with their status.
 */
export const PAYMENT_REFUSALS = {
  SERVER_UNSIGNED: { remedy: 'report', text: 'The request to the bank was not signed by this device.' },
  SERVER_BAD_SIGNATURE: { remedy: 'enrol-again', text: "The bank did not recognise this device's signature." },
  SERVER_BAD_DIGEST: { remedy: 'retry', text: 'The payment was damaged on its way to the bank.' },
  SERVER_CLOCK_SKEW: { remedy: 'retry', text: "This computer's clock is too far from the bank's; set it right and send again." },
  SERVER_UNKNOWN_DEVICE: { remedy: 'enrol-again', text: 'The bank does not know this device.' },
  SERVER_REPLAY: { remedy: 'retry', text: 'The bank had seen this exact request before; it will be sent afresh.' },
  SERVER_DEVICE_REVOKED: { remedy: 'enrol-again', text: 'The bank has revoked this device.' },
  SERVER_RATE_LIMITED: { remedy: 'retry', text: 'The bank asked to slow down; the payment will be sent again shortly.' },
  SERVER_STORE_UNAVAILABLE: { remedy: 'retry', text: 'The bank is unavailable; the payment will be sent again.' },
  SERVER_INTERNAL: { remedy: 'retry', text: 'The bank failed to process the payment; it will be sent again.' },
  SERVER_BAD_REQUEST: { remedy: 'report', text: 'The bank could not read the submission.' },
  SERVER_IDEMPOTENCY_KEY_REUSED: { remedy: 'report', text: 'The submission reused the key of another request.' },
  SERVER_NOT_MAKER: { remedy: 'report', text: "Only the payment's maker's device may send it to the bank." },
  DOMAIN_BAD_PAYMENT: { remedy: 'new-payment', text: 'The bank found the payment invalid.' },
  SERVER_PAYMENT_ID_CONFLICT: { remedy: 'new-payment', text: 'The bank already accepted another payment under this id.' },
  DOMAIN_PAYMENT_EXPIRED: { remedy: 'new-payment', text: 'The payment expired before it reached the bank.' },
  SERVER_UNKNOWN_ACCOUNT: { remedy: 'new-payment', text: 'The bank does not hold the debtor account for your organisation.' },
  DOMAIN_BAD_EXPORT: { remedy: 'new-payment', text: 'The bank cannot execute the payment as it is (country, amount or format).' },
  DOMAIN_BAD_CHARSET: { remedy: 'new-payment', text: 'The payment uses characters the bank cannot send on.' },
  DOMAIN_BAD_DIGEST: { remedy: 'approve-again', text: 'The batch the payment was approved in is malformed.' },
  SERVER_UNKNOWN_CREDENTIAL: { remedy: 'approve-again', text: 'An approval was given with a hardware key the bank has not registered.' },
  SERVER_BAD_APPROVAL: { remedy: 'approve-again', text: 'An approval does not match the payment as sent.' },
  SERVER_CREDENTIAL_CLONED: { remedy: 'approve-again', text: 'An approval was used before, or its key signed later approvals first.' },
  SERVER_MAKER_APPROVED: { remedy: 'approve-again', text: "The payment's maker may not approve it." },
  SERVER_NOT_IN_BATCH: { remedy: 'approve-again', text: 'The payment is not one of those approved in its batch, or it changed since.' },
  SERVER_NOT_FOUND: { remedy: 'report', text: 'The bank has no policy for your organisation.' },
  POLICY_NO_APPROVAL_RULE: { remedy: 'new-payment', text: 'No approval rule of your organisation covers this payment.' },
  POLICY_APPROVALS_MISSING: { remedy: 'approve-again', text: 'The payment lacks approvals the rule requires.' },
  POLICY_APPROVAL_IMPOSSIBLE: { remedy: 'new-payment', text: 'No set of approvers can release this payment under the rule.' },
} as const satisfies Partial<Record<ErrorCode, PaymentRefusal>>;

export type PaymentRefusalCode = keyof typeof PAYMENT_REFUSALS;

/** The refusal a code stands for, or undefined for a code POST /v1/payments never answers with. */
export function paymentRefusalOf(code: string): PaymentRefusal | undefined {
  return Object.hasOwn(PAYMENT_REFUSALS, code) ? PAYMENT_REFUSALS[code as PaymentRefusalCode] : undefined;
}
