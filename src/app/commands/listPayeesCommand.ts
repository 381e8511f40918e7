import { implementCommand } from '../dispatch/defineCommand.js';
import { payeeCheckOf } from '../payees/payeeCheckRecords.js';
import { listPayeeRecords, sameNameOtherIban } from './records/payeeRecords.js';

/**
 * `payees.list`: the organisation's beneficiaries, by name; one name on two IBANs is flagged on both, and each
 * carries the bank's latest payee check, verified again.
 */
export const listPayeesCommand = implementCommand('payees.list', {
  async run(ctx) {
    const rows = listPayeeRecords(ctx.db);
    const payees = [];
    for (const row of rows) payees.push({ ...row, sameNameOtherIban: sameNameOtherIban(row, rows), payeeCheck: await payeeCheckOf(ctx.vault, ctx.bankKey, row, row.id) });
    return { payees };
  },
});
