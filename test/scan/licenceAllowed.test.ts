import { describe, expect, it } from 'vitest';
import { licenceAllowed } from '../../scripts/security/licenceAllowed.js';

const allowed = new Set(['MIT', 'ISC', 'Apache-2.0', 'CC0-1.0']);

describe('licenceAllowed', () => {
  describe('when the expression can be met with allowed licences', () => {
    it.each([
      'MIT',
      '(MIT OR WTFPL)',
      '(BSD-2-Clause OR MIT OR Apache-2.0)',
      '(MIT AND ISC)',
      'GPL-3.0-only OR (MIT AND CC0-1.0)',
      'Apache-2.0 WITH LLVM-exception',
      'Apache-2.0+',
    ])('allows %j', (expression) => {
      expect(licenceAllowed(expression, allowed)).toBe(true);
    });
  });

  describe('when it cannot, or cannot be read', () => {
    it.each([
      ['a licence off the list', 'GPL-3.0-only'],
      // license-checker's --onlyAllow passes this one: the text contains "MIT".
      ['an AND with a licence off the list', '(MIT AND GPL-3.0-only)'],
      ['a licence off the list with an exception', 'GPL-2.0-only WITH Classpath-exception-2.0'],
      ["a licence the checker guessed (trailing '*')", 'MIT*'],
      ['lower-case operators, which are not SPDX', 'MIT or MPL-2.0'],
      ['an unbalanced parenthesis', '(MIT OR ISC'],
      ['a dangling operator', 'MIT OR'],
      ['a WITH without its exception', 'MIT WITH'],
      ['an unknown licence', 'UNKNOWN'],
      ['an empty string', ''],
    ])('refuses %s', (_, expression) => {
      expect(licenceAllowed(expression, allowed)).toBe(false);
    });
  });
});
