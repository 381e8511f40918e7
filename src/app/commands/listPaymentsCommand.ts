import { paymentBankStatusOf, shownStatus } from '../bank/paymentStatusRecords.js';
import { implementCommand } from '../dispatch/defineCommand.js';
import { listAccountRecords, requireAccount } from './records/accountRecords.js';
import { PAYMENT_SELECT, paymentFromRow, paymentResource, paymentTerms } from './records/paymentRecords.js';

/** `payments.list`: payments, newest first, optionally of one status or account. */
export const listPaymentsCommand = implementCommand('payments.list', {
  prepare(ctx, input) {
    const account = input.account === undefined ? undefined : requireAccount(ctx.db, input.account);
    if (account !== undefined) return { resource: { account: account.iban, currency: account.currency }, data: account.id };
    // Across accounts: allowed when some account's payments are readable; the rest are filtered out.
    const accounts = listAccountRecords(ctx.db);
    return { resource: accounts.length === 0 ? {} : accounts.map((a) => ({ account: a.iban, currency: a.currency })), anyResource: true, data: undefined };
  },
  async run(ctx, input, accountId) {
    const where: string[] = [];
    const params: unknown[] = [];
    if (input.status !== undefined) {
      where.push('p.status = ?');
      params.push(input.status);
    }
    if (accountId !== undefined) {
      where.push('p.account_id = ?');
      params.push(accountId);
    }
    const clause = where.length === 0 ? '' : `WHERE ${where.join(' AND ')}`;
    const rows = ctx.db.prepare(`${PAYMENT_SELECT} ${clause} ORDER BY p.created_at DESC, p.id LIMIT ?`).all(...params, input.limit);
    const permitted = rows
      .map((row) => paymentFromRow(row).payment)
      // A role scoped to some accounts, currencies or amounts sees only the payments within its scope.
      .filter((payment) => ctx.permits(paymentResource(payment)));
    const payments = [];
    for (const payment of permitted) {
      // Only a payment the bank has spoken of has reports to verify; a hand-set `executed` is caught all the same.
      const bank = await paymentBankStatusOf(ctx.vault, ctx.bankKey, payment);
      payments.push({
        id: payment.id,
        status: shownStatus(payment, bank),
        ...paymentTerms(payment),
        createdBy: payment.createdBy,
        version: payment.version,
        bank,
      });
    }
    return { payments };
  },
});
