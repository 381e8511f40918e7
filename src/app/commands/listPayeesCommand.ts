import { implementCommand } from '../dispatch/defineCommand.js';

/** `payees.list`: the organisation's beneficiaries, by name. */
export const listPayeesCommand = implementCommand('payees.list', {
  run(ctx) {
    const rows = ctx.db.prepare('SELECT id, name, iban, bic FROM payees ORDER BY name, id').all() as { id: string; name: string; iban: string; bic: string | null }[];
    return { payees: rows.map((row) => ({ id: row.id, name: row.name, iban: row.iban, bic: row.bic })) };
  },
});
