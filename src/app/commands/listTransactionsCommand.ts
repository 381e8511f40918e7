import { implementCommand } from '../dispatch/defineCommand.js';
import { prepareTransactionQuery, selectTransactions } from './records/transactionQuery.js';

/** `transactions.list`: statement bookings, newest first, filtered and paged. */
export const listTransactionsCommand = implementCommand('transactions.list', {
  prepare: prepareTransactionQuery,
  run(ctx, input, query) {
    const { total, transactions } = selectTransactions(ctx, input, query, { limit: input.limit, offset: input.offset });
    return { total, limit: input.limit, offset: input.offset, transactions };
  },
});
