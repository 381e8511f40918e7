import { payeeNameTokens, type PayeeNameTokens } from './payeeNameTokens.js';

/** The name rule's outcomes; `not-possible` (NOAP) is the bank's answer for an account it cannot check, never the rule's. */
export type PayeeNameMatch = { result: 'match' } | { result: 'close-match'; registeredName: string } | { result: 'no-match' };

/**
 * How alike two names must be, as 1 − edit distance / length of the longer, to be a close match: one typo
 * in ten letters ("Hanseatik Retail" for "Hanseatic Retail") is close, a different company is not.
 */
export const CLOSE_MATCH_SIMILARITY = 0.85;

/** Levenshtein distance; names are at most a few hundred characters, so the quadratic table is small. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

function similarity(a: string, b: string): number {
  const longer = Math.max(a.length, b.length);
  return longer === 0 ? 1 : 1 - editDistance(a, b) / longer;
}

/**
 * Compares the name a payer gave with the name the bank holds for the account (EPC288-23's cleansing:
 * case, diacritics, punctuation, spacing, legal-form designations and word order do not count):
 * - `match`: the same words, in any order, and no contradicting legal forms;
 * - `close-match` (with the registered name, which the payer is then shown): the same words but another
 *   legal form ("GmbH" for an "AG"), or a small deviation in spelling;
 * - `no-match`: anything else, including a name with no letters or digits at all.
 */
export function matchPayeeName(given: string, registeredName: string): PayeeNameMatch {
  // Each name is read twice: "ä" as "a" (a keyboard without umlauts) and as "ae" (German transliteration).
  const readings = (name: string) => [payeeNameTokens(name), payeeNameTokens(name, { transliterate: true })] as const;
  const [a, aTransliterated] = readings(given);
  const [b, bTransliterated] = readings(registeredName);
  if (a.words.length === 0 || b.words.length === 0) return { result: 'no-match' };
  // Legal forms contradict only when both names state one and they differ.
  const formsAgree = a.legalForms.length === 0 || b.legalForms.length === 0 || a.legalForms.join(' ') === b.legalForms.join(' ');
  const pairs = [
    [a, b],
    [aTransliterated, bTransliterated],
  ] as const;
  if (pairs.some(([x, y]) => sortedWords(x) === sortedWords(y))) return formsAgree ? { result: 'match' } : { result: 'close-match', registeredName };
  const close = pairs.some(
    ([x, y]) => similarity(sortedWords(x), sortedWords(y)) >= CLOSE_MATCH_SIMILARITY || similarity(x.words.join(' '), y.words.join(' ')) >= CLOSE_MATCH_SIMILARITY,
  );
  return close ? { result: 'close-match', registeredName } : { result: 'no-match' };
}

const sortedWords = (tokens: PayeeNameTokens) => [...tokens.words].sort().join(' ');
