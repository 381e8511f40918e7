import type { EntryDraft } from './bookingEntry.js';
import { identifyEntries } from './entryIdentity.js';
import type { ParsedStatement } from './parsedStatement.js';
import { reconcileStatement } from './reconcileStatement.js';
import type { ReconciliationCheck } from './reconciliation.js';

/** A statement as a reader returns it, before identities and reconciliation. */
export type StatementDraft = Omit<ParsedStatement, 'source' | 'reconciliation' | 'entries'> & {
  entries: EntryDraft[];
  /** Checks the reader made itself (a CSV's running balance). */
  checks?: ReconciliationCheck[];
  notChecked?: string[];
};

/**
 * Completes a reader's statement the same way for every format: entry identities (for
 * de-duplication across imports) and the statement's reconciliation with itself.
 */
export function finishStatement(draft: StatementDraft, source: ParsedStatement['source']): ParsedStatement {
  const { checks, notChecked, ...statement } = draft;
  const entries = identifyEntries(statement.entries);
  const reconciliation = reconcileStatement({
    kind: statement.kind,
    currency: statement.account.currency,
    balances: statement.balances,
    summary: statement.summary,
    entries,
    ...(checks ? { checks } : {}),
    ...(notChecked ? { notChecked } : {}),
  });
  return { ...statement, entries, source, reconciliation };
}
