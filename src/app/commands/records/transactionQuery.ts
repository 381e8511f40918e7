import { Currency, formatAmount, parseAmount } from '../../../domain/index.js';
import { CofferError } from '../../../contract/index.js';
import type { CommandContext, Preparation } from '../../dispatch/defineCommand.js';
import { listAccountRecords, requireAccount } from './accountRecords.js';

/** The filters of `transactions.list` and `transactions.export`, as parsed. */
export interface TransactionFilterInput {
  account?: string;
  currency?: Currency;
  from?: string;
  to?: string;
  minAmount?: string;
  maxAmount?: string;
  direction?: 'credit' | 'debit';
  text?: string;
}

export interface TransactionQuery {
  accountId: string | undefined;
  currency: Currency | undefined;
  min: number | undefined;
  max: number | undefined;
}

interface Row {
  iban: string;
  entry_ref: string | null;
  booking_date: string;
  value_date: string | null;
  amount_minor: number;
  currency: Currency;
  reversal: number;
  counterparty_name: string | null;
  counterparty_iban: string | null;
  remittance_info: string | null;
  additional_info: string | null;
  posting_text: string | null;
  end_to_end_ref: string | null;
  statement_id: string | null;
}

/** Where `text` is looked for: the people and words of a booking, and its references. */
const SEARCHED = ['counterparty_name', 'remittance_info', 'additional_info', 'posting_text', 'entry_ref', 'end_to_end_ref'];

function bound(text: string | undefined, currency: Currency | undefined, field: string): number | undefined {
  if (text === undefined) return undefined;
  if (currency === undefined) throw new CofferError('APP_BAD_INPUT', `${field}: expected an account or currency to read the amount in, found neither`);
  try {
    return parseAmount(text, currency);
  } catch (error) {
    throw new CofferError('APP_BAD_INPUT', `${field}: ${(error as Error).message}`);
  }
}

/** Reads the account and amount bounds of a filter and names what authorisation must allow. */
export function prepareTransactionQuery(ctx: CommandContext, input: TransactionFilterInput): Preparation<TransactionQuery> {
  const account = input.account === undefined ? undefined : requireAccount(ctx.db, input.account);
  if (account !== undefined && input.currency !== undefined && input.currency !== account.currency) {
    throw new CofferError('APP_BAD_INPUT', `currency: expected ${account.currency}, the account's currency, found ${input.currency}`);
  }
  const currency = account?.currency ?? input.currency;
  const min = bound(input.minAmount, currency, 'minAmount');
  const max = bound(input.maxAmount, currency, 'maxAmount');
  const data = { accountId: account?.id, currency, min, max };
  if (account !== undefined) return { resource: { account: account.iban, currency: account.currency }, target: account.iban, data };
  // Across accounts: allowed when some account is readable; the others' bookings are filtered out.
  const accounts = listAccountRecords(ctx.db).filter((a) => currency === undefined || a.currency === currency);
  return { resource: accounts.length === 0 ? {} : accounts.map((a) => ({ account: a.iban, currency: a.currency })), anyResource: true, data };
}

/** The bookings a filter selects, newest first, with their total; only accounts the session may read. */
export function selectTransactions(ctx: CommandContext, input: TransactionFilterInput, query: TransactionQuery, page?: { limit: number; offset: number }) {
  const { accountId, currency, min, max } = query;
  // Only accounts this role may read: a scoped capability filters the bookings, not just the page.
  const readable = listAccountRecords(ctx.db).filter((a) => ctx.permits({ account: a.iban, currency: a.currency }));
  const where = ['t.account_id IN (SELECT value FROM json_each(?))'];
  const params: unknown[] = [JSON.stringify(readable.map((a) => a.id))];
  const add = (clause: string, value: unknown) => {
    where.push(clause);
    params.push(value);
  };
  if (accountId !== undefined) add('t.account_id = ?', accountId);
  if (currency !== undefined) add('t.currency = ?', currency);
  if (input.from !== undefined) add('t.booking_date >= ?', input.from);
  if (input.to !== undefined) add('t.booking_date <= ?', input.to);
  if (min !== undefined) add('abs(t.amount_minor) >= ?', min);
  if (max !== undefined) add('abs(t.amount_minor) <= ?', max);
  if (input.direction === 'credit') where.push('t.amount_minor > 0');
  if (input.direction === 'debit') where.push('t.amount_minor < 0');
  if (input.text !== undefined) {
    const pattern = `%${input.text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    where.push(`(${SEARCHED.map((column) => `lower(t.${column}) LIKE ? ESCAPE '\\'`).join(' OR ')})`);
    params.push(...SEARCHED.map(() => pattern));
  }
  const from = `FROM statement_transactions t JOIN accounts a ON a.id = t.account_id WHERE ${where.join(' AND ')}`;
  const total = (ctx.db.prepare(`SELECT count(*) AS n ${from}`).get(...params) as { n: number }).n;
  const paging = page === undefined ? '' : ' LIMIT ? OFFSET ?';
  const rows = ctx.db
    .prepare(
      `SELECT a.iban, t.entry_ref, t.booking_date, t.value_date, t.amount_minor, t.currency, t.reversal, t.counterparty_name, t.counterparty_iban,
              t.remittance_info, t.additional_info, t.posting_text, t.end_to_end_ref, t.statement_id
       ${from} ORDER BY t.booking_date DESC, t.entry_ref DESC, t.rowid DESC${paging}`,
    )
    .all(...params, ...(page === undefined ? [] : [page.limit, page.offset])) as Row[];
  const transactions = rows.map((row) => ({
    account: row.iban,
    entryRef: row.entry_ref,
    bookingDate: row.booking_date,
    valueDate: row.value_date,
    amountMinor: row.amount_minor,
    amount: formatAmount(row.amount_minor, row.currency),
    currency: row.currency,
    reversal: row.reversal === 1,
    counterpartyName: row.counterparty_name,
    counterpartyIban: row.counterparty_iban,
    remittanceInfo: row.remittance_info ?? '',
    additionalInfo: row.additional_info,
    postingText: row.posting_text,
    endToEndId: row.end_to_end_ref,
    statementId: row.statement_id,
  }));
  return { total, transactions };
}
