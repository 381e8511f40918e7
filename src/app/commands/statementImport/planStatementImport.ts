import type { ParsedInput, ReconciliationView, SkippedGroup } from '../../../api/index.js';
import { dedupeEntries, type SkippedEntry } from '../../../domain/index.js';
import type { VaultDatabase } from '../../../vault/index.js';
import { CofferError } from '../../../contract/index.js';
import type { AccountRecord } from '../records/accountRecords.js';
import type { CommandContext } from '../../dispatch/defineCommand.js';
import { bookedIdentities } from './bookedIdentities.js';
import type { PlannedEntry, ReadStatement } from './readStatementEntries.js';
import { readStatementFile } from './readStatementFile.js';
import { matchStatementAccount, type AccountMatch } from './matchStatementAccount.js';
import { reconciliationView } from './reconciliationView.js';
import { skipGroups } from './skipGroups.js';

/** One statement of the file, matched to an account, checked, and split into bookings to make and skips. */
export interface StatementPlan {
  statement: ReadStatement;
  /** "statement 2 of x.xml": how messages name it (never by its account number). */
  label: string;
  account: AccountRecord;
  matchedBy: AccountMatch;
  reconciliation: ReconciliationView;
  otherCurrency: number;
  fresh: PlannedEntry[];
  skipped: SkippedGroup[];
}

export interface ImportPlan {
  file: string;
  container: 'file' | 'zip';
  statements: StatementPlan[];
  /** Every account booked on, once. */
  accounts: AccountRecord[];
  /** The statements that do not reconcile with themselves. */
  differing: StatementPlan[];
}

function labelOf(statement: ReadStatement, file: string): string {
  const { member, index } = statement.source;
  return `statement ${index + 1} of ${member === null ? file : `${member} in ${file}`}`;
}

function plan(db: VaultDatabase, statement: ReadStatement, input: ParsedInput<'statements.import'>): StatementPlan {
  const label = labelOf(statement, input.file.name);
  const { account, matchedBy } = matchStatementAccount(db, statement, input.account, label);
  // Ensure the file keeps this account in the account's currency: anything else is another account's statement.
  if (statement.account.currency !== null && statement.account.currency !== account.currency) {
    throw new CofferError('APP_BAD_FILE', `expected ${label} in ${account.currency}, the currency of the account it names, found a statement in ${statement.account.currency}`);
  }
  const { view, otherCurrency } = reconciliationView(statement, account.currency);
  return { statement, label, account, matchedBy, reconciliation: view, otherCurrency, fresh: [], skipped: [] };
}

/** De-duplicates one account's statements together, in file order, and hands each statement its share. */
async function dedupeAccount(db: VaultDatabase, plans: readonly StatementPlan[], file: string): Promise<void> {
  const planOf = new Map<PlannedEntry, StatementPlan>();
  for (const p of plans) for (const entry of p.statement.entries) planOf.set(entry, p);
  const entries = [...planOf.keys()];
  const accountId = (plans[0] as StatementPlan).account.id;
  const origins = await bookedIdentities(db, accountId, entries.filter((entry) => entry.booked));
  const booked = [...origins].map(([identity, origin]) => ({ identity, statementId: origin.statementId, position: origin.position ?? 0 }));
  const { fresh, skipped } = dedupeEntries(booked, entries);
  for (const entry of fresh) planOf.get(entry)?.fresh.push(entry);
  const skippedOf = new Map<StatementPlan, SkippedEntry<PlannedEntry>[]>();
  for (const skip of skipped) {
    const owner = planOf.get(skip.entry) as StatementPlan;
    const list = skippedOf.get(owner) ?? [];
    skippedOf.set(owner, list);
    list.push(skip);
  }
  for (const [owner, list] of skippedOf) owner.skipped = skipGroups(list, origins, file);
}

/**
 * Everything `statements.import` decides before it writes: the file read and parsed (camt, MT940, CSV or
 * ZIP; in a worker thread when large), each statement matched to an account and reconciled, and its entries
 * split into bookings to make and skips with reasons (not booked by the bank, already booked, repeated in
 * this file). Read-only; cancelled with the dispatch's signal.
 */
export async function planStatementImport(ctx: CommandContext, input: ParsedInput<'statements.import'>): Promise<ImportPlan> {
  const parsed = await readStatementFile(input.file.bytes, {
    fileName: input.file.name,
    ...(input.format === undefined ? {} : { format: input.format }),
    ...(input.columns === undefined ? {} : { columns: input.columns }),
    ...(ctx.signal ? { signal: ctx.signal } : {}),
    onProgress: (progress) => ctx.progress(progress),
  });
  const { db } = ctx;
  const statements = parsed.statements.map((statement) => plan(db, statement, input));
  const byAccount = new Map<string, StatementPlan[]>();
  for (const p of statements) {
    const plans = byAccount.get(p.account.id) ?? [];
    byAccount.set(p.account.id, plans);
    plans.push(p);
  }
  for (const plans of byAccount.values()) {
    ctx.throwIfCancelled();
    await dedupeAccount(db, plans, input.file.name);
  }
  ctx.throwIfCancelled();
  return {
    file: input.file.name,
    container: parsed.container,
    statements,
    accounts: [...byAccount.values()].map((plans) => (plans[0] as StatementPlan).account),
    differing: statements.filter((p) => p.reconciliation.status === 'differs'),
  };
}
