import { loadPasswordEstimator } from './loadPasswordEstimator.js';

/**
 * zxcvbn score 4 means an estimated 10^10 guesses or more for an attacker who knows the common patterns.
 * Score 3 (10^8) is the usual web minimum, where the server rate-limits guesses; a stolen laptop is
 * attacked offline at the speed of PBKDF2, where 10^8 guesses are hours of one GPU (docs/security.md).
 */
export const MIN_PASSWORD_SCORE = 4;

/** Words every Coffer password is checked against besides the caller's (user name, organisation, vault folder). */
const APP_WORDS = ['coffer', 'vault', 'bank', 'banking'];

export interface PasswordStrength {
  /** zxcvbn's 0–4. */
  score: 0 | 1 | 2 | 3 | 4;
  /** log10 of the estimated number of guesses. */
  guessesLog10: number;
  /** True when score ≥ MIN_PASSWORD_SCORE. */
  acceptable: boolean;
  /** Why it is weak, in words (never the password); null when there is nothing to say. */
  warning: string | null;
  suggestions: string[];
}

/**
 * How guessable a password is, judged by zxcvbn-ts with English and German word lists, names and common
 * passwords, and the caller's own words (a user name, the organisation). Pure but for loading the lists on
 * first use; safe in the renderer. Judges the NFKC form, which is what the vault derives its key from.
 */
export async function passwordStrength(password: string, userInputs: readonly string[] = []): Promise<PasswordStrength> {
  const estimator = await loadPasswordEstimator();
  const result = estimator.check(password.normalize('NFKC'), [...APP_WORDS, ...userInputs]);
  const acceptable = result.score >= MIN_PASSWORD_SCORE;
  const warning =
    result.feedback.warning ??
    (acceptable ? null : `this password could be guessed in about 10^${Math.floor(result.guessesLog10)} tries`);
  const suggestions = acceptable || result.feedback.suggestions.length > 0 ? result.feedback.suggestions : ['Add another word or two. Uncommon words are better.'];
  return { score: result.score, guessesLog10: result.guessesLog10, acceptable, warning, suggestions };
}
