import { parseIban, type Iban } from '../account/parseIban.js';
import { CofferError } from '../../contract/index.js';

// Counterparty IBANs repeat (the same customers, the same suppliers): checking each spelling once per
// process keeps an import of 100,000 entries from running the mod-97 check 100,000 times.
const CACHE_LIMIT = 20_000;
const cache = new Map<string, Iban | CofferError>();

/** parseIban, remembered per spelling; throws the same DOMAIN_BAD_IBAN error for a bad one. */
export function cachedIban(text: string): Iban {
  let result = cache.get(text);
  if (result === undefined) {
    try {
      result = parseIban(text);
    } catch (error) {
      if (!(error instanceof CofferError)) throw error;
      result = error;
    }
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(text, result);
  }
  if (result instanceof CofferError) throw new CofferError(result.code, result.message);
  return result;
}
