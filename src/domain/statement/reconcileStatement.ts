import type { Currency } from '../money/currency.js';
import type { Money } from '../money/money.js';
import type { BookingEntry } from './bookingEntry.js';
import type { StatementBalance, StatementKind, TransactionsSummary } from './parsedStatement.js';
import type { Reconciliation, ReconciliationCheck, ReconciliationCheckName } from './reconciliation.js';

/** What reconcileStatement needs of a statement. */
export interface ReconcileInput {
  kind: StatementKind;
  currency: Currency | null;
  balances: readonly StatementBalance[];
  summary: TransactionsSummary | null;
  entries: readonly BookingEntry[];
  /** Checks a reader made itself (a CSV's running balance), merged into the result. */
  checks?: readonly ReconciliationCheck[];
  notChecked?: readonly string[];
}

interface Totals {
  count: number;
  credits: number;
  creditCount: number;
  debits: number;
  debitCount: number;
  foreign: number;
}

function totals(entries: readonly BookingEntry[], currency: Currency | null): Totals {
  const result: Totals = { count: 0, credits: 0, creditCount: 0, debits: 0, debitCount: 0, foreign: 0 };
  for (const entry of entries) {
    result.count += 1;
    if (currency !== null && entry.amount.currency !== currency) {
      result.foreign += 1;
      continue;
    }
    if (entry.amount.minor >= 0) {
      result.credits += entry.amount.minor;
      result.creditCount += 1;
    } else {
      result.debits -= entry.amount.minor;
      result.debitCount += 1;
    }
  }
  return result;
}

function check(name: ReconciliationCheckName, expected: number, found: number, currency: Currency | null, what: string): ReconciliationCheck {
  const ok = expected === found;
  return { check: name, ok, expected, found, currency, message: ok ? `${what}: as stated` : `${what}: the entries give another ${currency ? 'sum' : 'count'} than the file states` };
}

function compareSummary(summary: TransactionsSummary, sums: Totals, entries: string): ReconciliationCheck[] {
  const checks: ReconciliationCheck[] = [];
  const add = (name: ReconciliationCheckName, stated: number | Money | null | undefined, found: number, what: string) => {
    if (stated === null || stated === undefined) return;
    if (typeof stated === 'number') checks.push(check(name, stated, found, null, what));
    else checks.push(check(name, stated.minor, found, stated.currency, what));
  };
  add('entry-count', summary.entries?.count, sums.count, `number of ${entries} (TxsSummry/TtlNtries)`);
  add('entry-sum', summary.entries?.sum, sums.credits + sums.debits, `sum of ${entries}, credits and debits alike (TxsSummry/TtlNtries/Sum)`);
  add('net-sum', summary.entries?.net, sums.credits - sums.debits, `credits minus debits of ${entries} (TxsSummry/TtlNtries/TtlNetNtry)`);
  add('credit-count', summary.credits?.count, sums.creditCount, `number of credit ${entries} (TxsSummry/TtlCdtNtries)`);
  add('credit-sum', summary.credits?.sum, sums.credits, `sum of credit ${entries} (TxsSummry/TtlCdtNtries/Sum)`);
  add('debit-count', summary.debits?.count, sums.debitCount, `number of debit ${entries} (TxsSummry/TtlDbtNtries)`);
  add('debit-sum', summary.debits?.sum, sums.debits, `sum of debit ${entries} (TxsSummry/TtlDbtNtries/Sum)`);
  return checks;
}

function find(balances: readonly StatementBalance[], ...types: string[]): StatementBalance | undefined {
  for (const type of types) {
    const matches = balances.filter((balance) => balance.type === type);
    // Several interim balances: the first opens the period, the last closes it.
    if (matches.length > 0) return type === 'ITBD' && types[0] !== 'ITBD' ? matches[matches.length - 1] : matches[0];
  }
  return undefined;
}

/**
 * Checks a statement against itself: its summary (camt TxsSummry, MT942 :90C:/:90D:) against its
 * entries (booked ones for a statement; all of them for an intraday report or a notification, which
 * summarise what they report), and opening balance + booked entries = closing balance. Every failed
 * check is returned with expected and found; nothing is accepted silently.
 */
export function reconcileStatement(input: ReconcileInput): Reconciliation {
  const checks: ReconciliationCheck[] = [...(input.checks ?? [])];
  const notChecked: string[] = [...(input.notChecked ?? [])];
  const booked = input.entries.filter((entry) => entry.booked);
  const currency = input.currency;
  const bookedTotals = totals(booked, currency);
  if (bookedTotals.foreign > 0) {
    checks.push({ check: 'entry-currency', ok: false, expected: 0, found: bookedTotals.foreign, currency: null, message: `booked entries in another currency than the statement's ${currency}: they cannot be added to its balances` });
  }
  if (input.summary) {
    // Banks differ on whether a summary counts pending entries: booked ones first, all of them if that fits.
    const onBooked = compareSummary(input.summary, bookedTotals, 'booked entries');
    const all = input.entries.length === booked.length ? onBooked : compareSummary(input.summary, totals(input.entries, currency), 'entries, pending ones included');
    const fitsAll = all !== onBooked && onBooked.some((c) => !c.ok) && all.every((c) => c.ok);
    checks.push(...(fitsAll ? all : onBooked));
  } else {
    notChecked.push('no transactions summary (TxsSummry)');
  }
  const opening = find(input.balances, 'OPBD', 'PRCD');
  const closing = find(input.balances, 'CLBD', 'ITBD');
  if (!opening || !closing) {
    notChecked.push(!opening ? 'no opening balance (OPBD or PRCD)' : 'no closing balance (CLBD or ITBD)');
  } else if (opening.amount.currency !== closing.amount.currency || (currency !== null && currency !== opening.amount.currency)) {
    checks.push({
      check: 'balance', ok: false, expected: closing.amount.minor, found: opening.amount.minor + bookedTotals.credits - bookedTotals.debits, currency: null,
      message: `the opening balance (${opening.type}) is in ${opening.amount.currency}, the closing balance (${closing.type}) in ${closing.amount.currency}${currency ? ` and the statement in ${currency}` : ''}: they cannot be reconciled`,
    });
  } else {
    const found = opening.amount.minor + bookedTotals.credits - bookedTotals.debits;
    const ok = found === closing.amount.minor;
    checks.push({
      check: 'balance', ok, expected: closing.amount.minor, found, currency: opening.amount.currency,
      message: `opening balance (${opening.type}) plus ${booked.length} booked entries ${ok ? 'gives' : 'does not give'} the closing balance (${closing.type})`,
    });
  }
  const status = checks.some((c) => !c.ok) ? 'differs' : checks.length > 0 ? 'reconciled' : 'unchecked';
  return { status, checks, notChecked };
}
