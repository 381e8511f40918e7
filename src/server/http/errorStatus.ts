import type { ErrorCode } from '../../contract/index.js';

/**
 * The one place a refusal's code becomes an HTTP status. Codes not listed are server faults (500) or,
 * for policy and domain codes, a request the rules refuse (422).
 */
const STATUS: Partial<Record<ErrorCode, number>> = {
  SERVER_BAD_REQUEST: 400,
  SERVER_UNSIGNED: 401,
  SERVER_BAD_SIGNATURE: 401,
  SERVER_BAD_DIGEST: 401,
  SERVER_CLOCK_SKEW: 401,
  SERVER_UNKNOWN_DEVICE: 401,
  SERVER_REPLAY: 401,
  SERVER_DEVICE_REVOKED: 403,
  SERVER_BAD_ACTIVATION_CODE: 403,
  SERVER_ACTIVATION_CODE_EXPIRED: 403,
  SERVER_ACTIVATION_CODE_USED: 409,
  SERVER_DEVICE_KEY_IN_USE: 409,
  SERVER_EXISTS: 409,
  SERVER_NOT_FOUND: 404,
  SERVER_WITNESS_UNTRUSTED: 403,
  SERVER_WITNESS_UNKNOWN_LOG: 404,
  SERVER_WITNESS_STALE: 409,
  SERVER_WITNESS_INCONSISTENT: 422,
  SERVER_RATE_LIMITED: 429,
  SERVER_STORE_UNAVAILABLE: 503,
  SERVER_BAD_CREDENTIAL: 422,
  SERVER_DEMO_CREDENTIAL: 422,
  SERVER_CREDENTIAL_IN_USE: 409,
  SERVER_UNKNOWN_CREDENTIAL: 422,
  SERVER_BAD_APPROVAL: 422,
  SERVER_CREDENTIAL_CLONED: 422,
  SERVER_MAKER_APPROVED: 422,
  SERVER_NOT_MAKER: 403,
  SERVER_UNKNOWN_ACCOUNT: 422,
  SERVER_PAYMENT_ID_CONFLICT: 409,
  SERVER_NOT_IN_BATCH: 422,
  // draft-ietf-httpapi-idempotency-key-header §2.7: a key reused for another request is 422.
  SERVER_IDEMPOTENCY_KEY_REUSED: 422,
};

export function httpStatusFor(code: ErrorCode): number {
  const status = STATUS[code];
  if (status !== undefined) return status;
  return code.startsWith('POLICY_') || code.startsWith('DOMAIN_') ? 422 : 500;
}
