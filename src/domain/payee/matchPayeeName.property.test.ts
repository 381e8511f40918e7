import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { matchPayeeName } from './matchPayeeName.js';
import { payeeNameTokens } from './payeeNameTokens.js';

// Company-like names: two to four words of letters (with some diacritics), and sometimes a legal form.
const letter = fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzäöüéèñç');
// A distinguishing word: not a legal form ("aps", "sas") nor a joining word ("und"), which the rule sets apart
// wherever they stand (as in "AB Volvo"), so "Aps Aaa GmbH" rightly names two legal forms.
const word = fc.string({ unit: letter, minLength: 3, maxLength: 10 }).filter((candidate) => {
  // Beside another word: a name of one word keeps it even when it spells a legal form.
  const tokens = payeeNameTokens(`name ${candidate}`);
  return tokens.legalForms.length === 0 && tokens.words.length === 2;
});
const legalForm = fc.constantFrom('', 'GmbH', 'AG', 'Ltd', 'SA', 'SAS', 'B.V.', 'S.r.l.', 'AB');
const name = fc.tuple(fc.array(word, { minLength: 2, maxLength: 4 }), legalForm).map(([words, form]) => [...words, form].filter(Boolean).join(' '));

// Rewritings that must not change who is named: case, spacing, punctuation between words.
const cosmetic = fc.constantFrom(
  (text: string) => text.toUpperCase(),
  (text: string) => text.toLowerCase(),
  (text: string) => `  ${text.replace(/ /g, '   ')} `,
  (text: string) => text.replace(/ /g, ', '),
  (text: string) => text.replace(/ /g, '-'),
  (text: string) => text.normalize('NFD'),
);

describe('matchPayeeName, for any company-like name', () => {
  it('calls a name a match with itself', () => {
    fc.assert(
      fc.property(name, (n) => {
        expect(matchPayeeName(n, n)).toEqual({ result: 'match' });
      }),
    );
  });

  it('calls a name a match whatever its case, spacing, punctuation or Unicode form', () => {
    fc.assert(
      fc.property(name, cosmetic, (n, rewrite) => {
        expect(matchPayeeName(rewrite(n), n)).toEqual({ result: 'match' });
      }),
    );
  });

  it('calls the words in another order a match', () => {
    fc.assert(
      fc.property(name, fc.integer(), (n, turn) => {
        const words = n.split(' ');
        const shift = Math.abs(turn) % words.length;
        const reordered = [...words.slice(shift), ...words.slice(0, shift)].join(' ');
        expect(matchPayeeName(reordered, n)).toEqual({ result: 'match' });
      }),
    );
  });

  it('calls the name without its legal form a match, and with another legal form a close match', () => {
    fc.assert(
      fc.property(fc.array(word, { minLength: 2, maxLength: 4 }), (words) => {
        const core = words.join(' ');
        expect(matchPayeeName(core, `${core} GmbH`)).toEqual({ result: 'match' });
        expect(matchPayeeName(`${core} AG`, `${core} GmbH`)).toEqual({ result: 'close-match', registeredName: `${core} GmbH` });
      }),
    );
  });

  it('gives the registered name on a close match only, and the same outcome whichever side is asked', () => {
    fc.assert(
      fc.property(name, name, (a, b) => {
        const forward = matchPayeeName(a, b);
        expect('registeredName' in forward).toBe(forward.result === 'close-match');
        if (forward.result === 'close-match') expect(forward.registeredName).toBe(b);
        expect(matchPayeeName(b, a).result).toBe(forward.result);
      }),
    );
  });

  it('calls names without a letter in common no match', () => {
    const fromFirstHalf = fc.string({ unit: fc.constantFrom(...'bcdfghjklm'), minLength: 3, maxLength: 10 });
    const fromSecondHalf = fc.string({ unit: fc.constantFrom(...'npqrstvwxz'), minLength: 3, maxLength: 10 });
    fc.assert(
      fc.property(fc.array(fromFirstHalf, { minLength: 1, maxLength: 3 }), fc.array(fromSecondHalf, { minLength: 1, maxLength: 3 }), (a, b) => {
        expect(matchPayeeName(a.join(' '), b.join(' '))).toEqual({ result: 'no-match' });
      }),
    );
  });
});
