/** Stable codes of the crypto layer; callers branch on `code`, never on the message. */
export type CryptoErrorCode = 'CRYPTO_BAD_KEY' | 'CRYPTO_BAD_INPUT' | 'CRYPTO_AUTH_FAILED';

export class CryptoError extends Error {
  override readonly name = 'CryptoError';
  constructor(
    readonly code: CryptoErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
