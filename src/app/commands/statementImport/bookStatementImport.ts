import type { ParsedInput, StatementImportResult, StatementsImportResult } from '../../../api/index.js';
import { formatAmount, sumMoney, type Currency, type CsvField } from '../../../domain/index.js';
import { CofferError } from '../../../contract/index.js';
import type { RunContext } from '../../dispatch/defineCommand.js';
import { bookingRowWriter } from '../records/bookingRecords.js';
import { newRecordId } from '../records/newRecordId.js';
import type { ImportPlan, StatementPlan } from './planStatementImport.js';
import type { ReadStatement } from './readStatementEntries.js';

/** Bookings written between progress reports and cancellation checks. */
const PROGRESS_EVERY = 5000;

const money = (minor: number, currency: Currency) => ({ amountMinor: minor, amount: formatAmount(minor, currency, { grouping: true }), currency });
const json = (value: unknown) => (value === null ? null : JSON.stringify(value));

function recordStatement(ctx: RunContext, p: StatementPlan, file: string, accepted: boolean): string {
  const s = p.statement;
  const id = newRecordId();
  ctx.db
    .prepare(
      `INSERT INTO statements (id, account_id, format, kind, message_id, statement_id, electronic_sequence, legal_sequence, bank_created_at, period_from,
         period_to, account_iban, account_other_id, currency, balances_json, summary_json, reconciliation_status, reconciliation_json, accepted_unreconciled,
         warnings_json, csv_mapping_json, formula_cells_json, additional_info, source_file, source_member, source_index, entries, imported, imported_at, imported_by)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      id, p.account.id, s.format, s.kind, s.messageId, s.statementId, s.electronicSequence, s.legalSequence, s.createdAt, s.period.from, s.period.to,
      s.account.iban, s.account.otherId, s.account.currency, JSON.stringify(s.balances), json(s.summary), p.reconciliation.status,
      JSON.stringify({ checks: p.reconciliation.checks, notChecked: p.reconciliation.notChecked }), accepted ? 1 : 0, JSON.stringify(s.warnings),
      json(s.csv?.mapping ?? null), json(s.csv?.formulaCells ?? null), s.additionalInfo, file, s.source.member, s.source.index, s.entries.length,
      p.fresh.length, ctx.now.toISOString(), ctx.userId,
    );
  return id;
}

function csvOut(statement: ReadStatement): StatementImportResult['csv'] {
  if (statement.csv === null) return null;
  const { mapping, formulaCells } = statement.csv;
  const columns = Object.entries(mapping.columns).map(([field, column]) => ({ field: field as CsvField, index: column.index, header: column.header }));
  const { dialect, dialectName, encoding, delimiter, decimal, headerLine } = mapping;
  return { dialect, dialectName, encoding, delimiter, decimal, headerLine, columns: columns.sort((a, b) => a.index - b.index), formulaCells };
}

function resultOf(p: StatementPlan, accepted: boolean): StatementImportResult {
  const s = p.statement;
  const net = sumMoney(p.fresh.filter((e) => e.amount.currency === p.account.currency).map((e) => e.amount), p.account.currency).minor;
  return {
    source: { ...s.source }, format: s.format, kind: s.kind, statementId: s.statementId, messageId: s.messageId,
    electronicSequence: s.electronicSequence, legalSequence: s.legalSequence, period: { ...s.period },
    account: { iban: p.account.iban, currency: p.account.currency, name: p.account.name, matchedBy: p.matchedBy },
    entries: s.entries.length, imported: p.fresh.length, importedNet: money(net, p.account.currency), otherCurrency: p.otherCurrency,
    skipped: p.skipped, reconciliation: p.reconciliation, acceptedUnreconciled: accepted && p.reconciliation.status === 'differs',
    warnings: s.warnings.map(({ code, where, message }) => ({ code, where, message })), csv: csvOut(s),
  };
}

/** A second booking of one identity means another import booked the same entries since this one read the vault. */
function stale(error: unknown): unknown {
  if ((error as { code?: unknown }).code !== 'SQLITE_CONSTRAINT_UNIQUE') return error;
  return new CofferError('APP_STALE', 'expected the bookings this file was checked against, found others booked since (another import): nothing was booked; import it again');
}

/**
 * Writes an import the plan decided, inside the command's transaction: a `statements` row per statement,
 * its new bookings, and each account's balance moved by the bookings in its currency. Reports progress
 * and honours cancellation between chunks (a throw rolls everything back).
 */
export function bookStatementImport(ctx: RunContext, plan: ImportPlan, input: ParsedInput<'statements.import'>): StatementsImportResult {
  const accepted = input.acceptUnreconciled === true;
  const book = bookingRowWriter(ctx.db);
  const total = plan.statements.reduce((n, p) => n + p.fresh.length, 0);
  let done = 0;
  ctx.progress({ done, total });
  for (const p of plan.statements) {
    const member = p.statement.source.member;
    const source = { statementRecordId: recordStatement(ctx, p, plan.file, accepted), format: p.statement.format, file: member === null ? plan.file : `${plan.file}/${member}` };
    for (const entry of p.fresh) {
      try {
        book(p.account.id, entry.row, source);
      } catch (error) {
        throw stale(error);
      }
      if (++done % PROGRESS_EVERY === 0) {
        ctx.throwIfCancelled();
        ctx.progress({ done, total });
      }
    }
  }
  const accounts = plan.accounts.map((account) => {
    const fresh = plan.statements.filter((p) => p.account.id === account.id).flatMap((p) => p.fresh);
    const moved = fresh.filter((e) => e.amount.currency === account.currency).map((e) => e.amount);
    const balance = sumMoney([{ minor: account.balanceMinor, currency: account.currency }, ...moved], account.currency).minor;
    ctx.db.prepare('UPDATE accounts SET balance_minor = ? WHERE id = ?').run(balance, account.id);
    return { iban: account.iban, imported: fresh.length, balance: money(balance, account.currency) };
  });
  ctx.progress({ done, total });
  const statements = plan.statements.map((p) => resultOf(p, accepted));
  return {
    file: plan.file, container: plan.container, imported: total,
    skipped: statements.reduce((n, s) => n + s.skipped.reduce((m, g) => m + g.count, 0), 0),
    differing: plan.differing.length, statements, accounts,
  };
}
