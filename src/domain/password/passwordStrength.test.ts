import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { assertStrongPassword, MIN_PASSWORD_SCORE, passwordStrength } from './index.js';

describe('passwordStrength', () => {
  for (const [what, password] of [
    ['twelve spaces', ' '.repeat(12)],
    ['twelve zero-width spaces', '\u200b'.repeat(12)],
    ['twelve times the same letter', 'aaaaaaaaaaaa'],
  ] as const) {
    it(`refuses ${what} with DOMAIN_WEAK_PASSWORD and a warning in words`, async () => {
      expect((await passwordStrength(password)).acceptable).toBe(false);
      const refusal = assertStrongPassword(password);
      await expect(refusal).toThrowCode('DOMAIN_WEAK_PASSWORD');
      await expect(refusal).rejects.toThrow(/too easy to guess .*[A-Za-z]{4}/);
    });
  }

  it('accepts a passphrase of four unrelated words', async () => {
    const strength = await assertStrongPassword('purple otter kettle harbour');
    expect(strength.score).toBeGreaterThanOrEqual(MIN_PASSWORD_SCORE);
    expect(strength.warning).toBeNull();
  });

  it('recognises German words: one long common word, or a word and a year, is refused', async () => {
    // Fourteen letters would be score 4 as random letters; as a German dictionary word it is score 1.
    expect((await passwordStrength('Entschuldigung')).score).toBeLessThanOrEqual(1);
    expect((await passwordStrength('Sommerurlaub2024')).acceptable).toBe(false);
    expect((await passwordStrength('qzxvbnwplkrtsd')).acceptable).toBe(true);
  });

  it("counts the caller's own words (a user name, the organisation) as known", async () => {
    const plain = await passwordStrength('Winterbottom Logistics');
    const known = await passwordStrength('Winterbottom Logistics', ['Winterbottom', 'Logistics']);
    expect(known.guessesLog10).toBeLessThan(plain.guessesLog10);
    expect(known.acceptable).toBe(false);
  });

  it('never puts the password into its refusal', async () => {
    const refusal = assertStrongPassword('Passwort12345');
    await expect(refusal).rejects.not.toThrow(/Passwort12345/);
  });
});

describe('the domain index', () => {
  it('does not export the password rule, so code that starts fast never reaches the word lists', () => {
    expect(readFileSync(new URL('../index.ts', import.meta.url), 'utf8')).not.toMatch(/password|zxcvbn/i);
  });
});
