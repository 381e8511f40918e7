import type { DispatchFailure } from '../../api/index.js';
import { CofferError } from '../../contract/index.js';

export type { DispatchResult, DispatchFailure } from '../../api/index.js';

/**
 * A thrown value as a failure: our coded errors keep their code and first line; anything else (a SQLite or
 * Node error) becomes APP_INTERNAL without its message, which could carry data.
 */
export function failureOf(error: unknown): DispatchFailure {
  if (error instanceof CofferError) return { code: error.code, message: error.message.split('\n')[0] ?? '' };
  return { code: 'APP_INTERNAL', message: 'unexpected internal error' };
}
