/**
 * True when an SPDX licence expression can be met using allowed licences only: `A OR B` needs one of
 * them, `A AND B` needs both, `A WITH exception` needs A (an exception only adds permissions), `A+`
 * needs A. Anything else is refused: a guessed licence (the checker's trailing `*`), lower-case
 * operators, an unbalanced parenthesis, an empty string. (license-checker's own --onlyAllow asks only
 * whether the text contains an allowed name, so `MIT AND GPL-3.0-only` would pass it.)
 */
export function licenceAllowed(expression: string, allowed: ReadonlySet<string>): boolean {
  if (expression.endsWith('*')) return false;
  const words = expression.match(/\(|\)|[^\s()]+/g) ?? [];
  let at = 0;

  function orExpression(): boolean | undefined {
    let result = andExpression();
    while (result !== undefined && words[at] === 'OR') {
      at += 1;
      const right = andExpression();
      result = right === undefined ? undefined : result || right;
    }
    return result;
  }
  function andExpression(): boolean | undefined {
    let result = atom();
    while (result !== undefined && words[at] === 'AND') {
      at += 1;
      const right = atom();
      result = right === undefined ? undefined : result && right;
    }
    return result;
  }
  function atom(): boolean | undefined {
    const word = words[at];
    if (word === undefined || word === ')' || word === 'AND' || word === 'OR' || word === 'WITH') return undefined;
    at += 1;
    if (word === '(') {
      const inner = orExpression();
      if (words[at] !== ')') return undefined;
      at += 1;
      return inner;
    }
    if (words[at] === 'WITH') {
      at += 1;
      const exception = words[at];
      if (exception === undefined || /^[()]$|^(AND|OR|WITH)$/.test(exception)) return undefined;
      at += 1;
    }
    return allowed.has(word.replace(/\+$/, ''));
  }

  const result = orExpression();
  return at === words.length && (result ?? false);
}
