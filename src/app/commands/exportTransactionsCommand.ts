import { neutraliseCsvCell } from '../../domain/index.js';
import { implementCommand } from '../dispatch/defineCommand.js';
import { prepareTransactionQuery, selectTransactions } from './records/transactionQuery.js';

/** The columns of the export, in order; amounts are plain decimal text (1234.56), never through a locale. */
const HEADER = ['booking_date', 'value_date', 'account', 'amount', 'currency', 'counterparty_name', 'counterparty_iban', 'remittance_info', 'additional_info', 'posting_text', 'entry_ref', 'end_to_end_id', 'statement_id'];

/**
 * `transactions.export`: the bookings a filter selects as RFC 4180 CSV (CRLF lines, UTF-8 with a BOM so
 * spreadsheet programs read umlauts). Every text cell goes through the domain's formula neutralisation: a
 * remittance line "=HYPERLINK(…)" from a bank file stays text. The export is an audit entry.
 */
export const exportTransactionsCommand = implementCommand('transactions.export', {
  prepare: prepareTransactionQuery,
  run(ctx, input, query) {
    const { transactions } = selectTransactions(ctx, input, query);
    const lines = [HEADER.join(',')];
    for (const t of transactions) {
      const text = [t.counterpartyName, t.counterpartyIban, t.remittanceInfo, t.additionalInfo, t.postingText, t.entryRef, t.endToEndId, t.statementId];
      lines.push([t.bookingDate, t.valueDate ?? '', t.account, t.amount, t.currency, ...text.map((cell) => neutraliseCsvCell(cell ?? ''))].join(','));
    }
    const bytes = new TextEncoder().encode(`\ufeff${lines.join('\r\n')}\r\n`);
    const day = ctx.now.toISOString().slice(0, 10);
    return { file: { name: `coffer-transactions-${day}.csv`, mediaType: 'text/csv', bytes }, count: transactions.length };
  },
});
