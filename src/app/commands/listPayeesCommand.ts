import { implementCommand } from '../dispatch/defineCommand.js';
import { listPayeeRecords, sameNameOtherIban } from './records/payeeRecords.js';

/** `payees.list`: the organisation's beneficiaries, by name; one name on two IBANs is flagged on both. */
export const listPayeesCommand = implementCommand('payees.list', {
  run(ctx) {
    const rows = listPayeeRecords(ctx.db);
    return { payees: rows.map((row) => ({ ...row, sameNameOtherIban: sameNameOtherIban(row, rows) })) };
  },
});
