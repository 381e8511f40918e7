/** Stable codes of the domain layer; callers branch on `code`, never on the message. */
export type DomainErrorCode =
  | 'DOMAIN_BAD_AMOUNT'
  | 'DOMAIN_AMOUNT_OVERFLOW'
  | 'DOMAIN_BAD_CURRENCY'
  | 'DOMAIN_CURRENCY_MISMATCH'
  | 'DOMAIN_BAD_IBAN'
  | 'DOMAIN_BAD_BIC'
  | 'DOMAIN_BAD_PAYEE'
  | 'DOMAIN_BAD_PAYMENT'
  | 'DOMAIN_ILLEGAL_TRANSITION'
  | 'DOMAIN_PAYMENT_LOCKED'
  | 'DOMAIN_BAD_DIGEST'
  | 'DOMAIN_BAD_EXPORT'
  | 'DOMAIN_BAD_CHARSET'
  | 'DOMAIN_UNSAFE_XML'
  | 'DOMAIN_BAD_STATEMENT'
  | 'DOMAIN_BAD_CSV'
  | 'DOMAIN_BAD_ARCHIVE';

export class DomainError extends Error {
  override readonly name = 'DomainError';
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
