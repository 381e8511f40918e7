import type { PayeeCheckView } from '../../api/index.js';

/**
 * Verification of Payee in plain words for `payments show`. A no match, a close match and a check that does
 * not verify are written in capitals: the approver must not read past them. None of them blocks the payment
 * (the regulation leaves the decision to the payer), so each says what to do instead.
 */
export function payeeCheckText(view: PayeeCheckView): string {
  if (view.status === 'not-checked') return 'not checked (offline): the bank has not been asked about this payee yet';
  if (view.status === 'tampered') return `CHECK DOES NOT VERIFY: a stored answer is not the bank's (${view.problem}); treat the payee as unchecked and tell your security team`;
  const when = `checked ${view.checkedAt.slice(0, 10)}`;
  switch (view.result) {
    case 'match':
      return `match: the name is the account holder's (${when})`;
    case 'close-match':
      return `CLOSE MATCH: the bank holds "${view.registeredName ?? ''}" for this IBAN (${when}); correct the payee's name or confirm it is the same company before approving`;
    case 'no-match':
      return `NO MATCH: the name is not that of the account holder (${when}); the money may reach someone else: confirm the IBAN with the payee before approving`;
    case 'not-possible':
      return `not possible: the payee's bank could not check this IBAN (${when})`;
  }
}

/** The same in one word or two, for the payee table: `match`, `CLOSE MATCH`, `NO MATCH`, `not possible`, `not checked`, `DOES NOT VERIFY`. */
export function payeeCheckWord(view: PayeeCheckView): string {
  if (view.status === 'not-checked') return 'not checked';
  if (view.status === 'tampered') return 'DOES NOT VERIFY';
  return { match: 'match', 'close-match': 'CLOSE MATCH', 'no-match': 'NO MATCH', 'not-possible': 'not possible' }[view.result];
}
