import type { ParsedInput } from '../../api/index.js';
import { dedupeByEntryRef, sumMoney, type StatementEntry } from '../../domain/index.js';
import { implementCommand } from '../dispatch/defineCommand.js';
import { requireAccount, type AccountRecord } from './records/accountRecords.js';
import { newRecordId } from './records/newRecordId.js';
import { readStatementFile } from './records/readStatementFile.js';
import { CofferError } from '../../contract/index.js';

interface AccountBatch {
  account: AccountRecord;
  entries: StatementEntry[];
}

function batches(ctx: { db: Parameters<typeof requireAccount>[0] }, input: ParsedInput<'statements.import'>): { format: string; formulaCells: number; batches: AccountBatch[] } {
  const file = readStatementFile(input.file, input.format);
  const byAccount = new Map<string, AccountBatch>();
  for (const statement of file.statements) {
    const iban = statement.accountIban ?? input.account;
    if (iban === undefined) throw new CofferError('APP_BAD_INPUT', 'account: expected the account a CSV statement belongs to, found none');
    if (statement.accountIban !== undefined && input.account !== undefined && statement.accountIban !== input.account) {
      throw new CofferError('APP_BAD_INPUT', 'account: expected the account the camt.053 statement names, found another');
    }
    const account = requireAccount(ctx.db, iban);
    const batch = byAccount.get(account.id) ?? { account, entries: [] };
    statement.entries.forEach((entry, index) => {
      // Ensure every booking is in the account's currency: minor units of two currencies never add up.
      if (entry.currency !== account.currency) {
        throw new CofferError('APP_BAD_FILE', `entry ${index + 1} (${entry.entryRef}): expected ${account.currency}, the account's currency, found ${entry.currency}`);
      }
      batch.entries.push(entry);
    });
    byAccount.set(account.id, batch);
  }
  return { format: file.format, formulaCells: file.formulaCells, batches: [...byAccount.values()] };
}

/**
 * `statements.import`: books a camt.053 or CSV statement, skipping entries already booked (by the bank's
 * entry reference, per account). All or nothing: a bad file is refused naming the element or line at
 * fault, and nothing is imported.
 */
export const importStatementCommand = implementCommand('statements.import', {
  prepare(ctx, input) {
    const read = batches(ctx, input);
    const details = { file: input.file.name, format: read.format, entries: read.batches.reduce((n, b) => n + b.entries.length, 0) };
    return { resource: read.batches.map((b) => ({ account: b.account.iban, currency: b.account.currency })), target: input.file.name, details, data: read };
  },
  run(ctx, _input, read) {
    const insert = ctx.db.prepare(
      `INSERT INTO statement_transactions (id, account_id, entry_ref, booking_date, value_date, amount_minor, currency, counterparty_name,
         counterparty_iban, remittance_info) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const refs = ctx.db.prepare('SELECT entry_ref FROM statement_transactions WHERE account_id = ?').pluck();
    const accounts = read.batches.map(({ account, entries }) => {
      const { fresh, duplicates } = dedupeByEntryRef(refs.all(account.id) as string[], entries);
      for (const e of fresh) {
        insert.run(newRecordId(), account.id, e.entryRef, e.bookingDate, e.valueDate, e.amountMinor, e.currency, e.counterpartyName, e.counterpartyIban, e.remittanceInfo);
      }
      const booked = sumMoney([{ minor: account.balanceMinor, currency: account.currency }, ...fresh.map((e) => ({ minor: e.amountMinor, currency: account.currency }))], account.currency);
      ctx.db.prepare('UPDATE accounts SET balance_minor = ? WHERE id = ?').run(booked.minor, account.id);
      return { iban: account.iban, imported: fresh.length, duplicates: duplicates.length };
    });
    const imported = accounts.reduce((n, a) => n + a.imported, 0);
    const duplicates = accounts.reduce((n, a) => n + a.duplicates, 0);
    return { format: read.format, imported, duplicates, formulaCells: read.formulaCells, accounts };
  },
});
