import { formatAmount } from '../../domain/index.js';
import { implementCommand } from '../dispatch/defineCommand.js';
import { listAccountRecords } from './records/accountRecords.js';

/** `accounts.list`: the organisation's accounts with IBAN, currency and booked balance. */
export const listAccountsCommand = implementCommand('accounts.list', {
  prepare(ctx) {
    const accounts = listAccountRecords(ctx.db);
    return { resource: accounts.length === 0 ? {} : accounts.map((a) => ({ account: a.iban, currency: a.currency })), anyResource: true, data: accounts };
  },
  run(ctx, _input, records) {
    const accounts = records
      // A role whose capability is scoped to some accounts or currencies sees only those.
      .filter((account) => ctx.permits({ account: account.iban, currency: account.currency }))
      .map((account) => ({
        iban: account.iban,
        bic: account.bic,
        name: account.name,
        currency: account.currency,
        balanceMinor: account.balanceMinor,
        balance: formatAmount(account.balanceMinor, account.currency),
      }));
    return { accounts };
  },
});
