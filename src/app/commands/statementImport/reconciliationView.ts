import type { ReconciliationView } from '../../../api/index.js';
import { formatAmount, type Currency, type ReconciliationCheck } from '../../../domain/index.js';
import type { ReadStatement } from './readStatementEntries.js';

const COUNTS = new Set(['entry-count', 'credit-count', 'debit-count', 'entry-currency']);

function shown(check: ReconciliationCheck, value: number): string {
  if (check.currency !== null) return `${formatAmount(value, check.currency, { grouping: true })} ${check.currency}`;
  // A balance check between two currencies has no one currency to write its figures in.
  return COUNTS.has(check.check) ? String(value) : `${value} (minor units of different currencies)`;
}

/**
 * A statement's reconciliation as the import shows it: the file's own checks with expected and found
 * written for people, plus the check only the app can make, that booked entries are in the currency of
 * the account they move (the domain compares them with the statement's currency, which a CSV may not state).
 */
export function reconciliationView(statement: ReadStatement, accountCurrency: Currency): { view: ReconciliationView; otherCurrency: number } {
  const booked = statement.entries.filter((entry) => entry.booked);
  const otherCurrency = booked.filter((entry) => entry.amount.currency !== accountCurrency).length;
  const checks: ReconciliationCheck[] = [...statement.reconciliation.checks];
  if (otherCurrency > 0 && statement.account.currency === null) {
    checks.push({
      check: 'entry-currency', ok: false, expected: 0, found: otherCurrency, currency: null,
      message: `booked entries in another currency than the account's ${accountCurrency}: they cannot be added to its balance`,
    });
  }
  const status = checks.some((c) => !c.ok) ? 'differs' : checks.length > 0 ? 'reconciled' : 'unchecked';
  return {
    view: {
      status,
      checks: checks.map((check) => ({ ...check, expectedText: shown(check, check.expected), foundText: shown(check, check.found) })),
      notChecked: [...statement.reconciliation.notChecked],
    },
    otherCurrency,
  };
}
