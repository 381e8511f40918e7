/** What every dispatch returns; it never throws. `code` is a stable string (APP_…, POLICY_…, DOMAIN_…, VAULT_…). */
export type DispatchResult<T> = { ok: true; value: T } | { ok: false; error: DispatchFailure };

export interface DispatchFailure {
  code: string;
  message: string;
}

const OUR_CODE = /^(VAULT|CRYPTO|AUDIT|POLICY|DOMAIN|APP)_[A-Z0-9_]+$/;

/**
 * A thrown value as a failure: our layers' coded errors keep their code and first line; anything else
 * (a SQLite or Node error) becomes APP_INTERNAL without its message, which could carry data.
 */
export function failureOf(error: unknown): DispatchFailure {
  const code = error instanceof Error ? (error as { code?: unknown }).code : undefined;
  if (typeof code === 'string' && OUR_CODE.test(code)) return { code, message: error instanceof Error ? (error.message.split('\n')[0] ?? '') : '' };
  return { code: 'APP_INTERNAL', message: 'unexpected internal error' };
}
