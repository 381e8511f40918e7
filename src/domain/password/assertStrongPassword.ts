import { MIN_PASSWORD_SCORE, passwordStrength, type PasswordStrength } from './passwordStrength.js';
import { CofferError } from '../../contract/index.js';

/**
 * Refuses a new password that is too easy to guess with DOMAIN_WEAK_PASSWORD, saying why in words and what
 * to do; returns its strength otherwise. The message never contains the password.
 */
export async function assertStrongPassword(password: string, userInputs: readonly string[] = []): Promise<PasswordStrength> {
  const strength = await passwordStrength(password, userInputs);
  if (!strength.acceptable) {
    const why = [strength.warning, ...strength.suggestions].filter(Boolean).join(' ');
    throw new CofferError(
      'DOMAIN_WEAK_PASSWORD',
      `the password is too easy to guess (strength ${strength.score} of 4, ${MIN_PASSWORD_SCORE} needed): ${why}`,
    );
  }
  return strength;
}
