import type { Currency } from '../money/currency.js';

/** Which comparison of a statement with itself. */
export type ReconciliationCheckName =
  /** TxsSummry/TtlNtries/NbOfNtries (MT942 :90D: + :90C: counts) against the entries. */
  | 'entry-count'
  /** TxsSummry/TtlNtries/Sum: the sum of all entry amounts, credits and debits alike. */
  | 'entry-sum'
  /** TxsSummry/TtlNtries/TtlNetNtry: credits minus debits. */
  | 'net-sum'
  | 'credit-count'
  | 'credit-sum'
  | 'debit-count'
  | 'debit-sum'
  /** Every entry in the statement's currency, or the summary and balances cannot be compared. */
  | 'entry-currency'
  /** Opening balance (OPBD, else PRCD; MT940 :60:) + booked entries = closing balance (CLBD, else ITBD; :62:). */
  | 'balance'
  /** A CSV's balance-after-booking column: each row's balance = the previous one + the row's amount. */
  | 'running-balance';

export interface ReconciliationCheck {
  check: ReconciliationCheckName;
  ok: boolean;
  /** What the file itself states (its summary, its closing balance), in minor units or as a count. */
  expected: number;
  /** What its entries add up to (or the opening balance plus them). */
  found: number;
  /** The currency of `expected` and `found`; null for counts. */
  currency: Currency | null;
  /** In words, naming what was compared, without amounts (the app formats `expected` and `found`). */
  message: string;
}

/**
 * reconciled: every possible check passed; differs: at least one failed (show it loudly, never
 * accept it silently); unchecked: the file gives nothing to check against (see notChecked).
 */
export interface Reconciliation {
  status: 'reconciled' | 'differs' | 'unchecked';
  checks: ReconciliationCheck[];
  /** Checks that could not be made, and why, e.g. "no opening balance (OPBD or PRCD)". */
  notChecked: string[];
}
