import { parsePayee } from '../../domain/index.js';
import { implementCommand } from '../dispatch/defineCommand.js';
import { newRecordId } from './records/newRecordId.js';
import { listPayeeRecords, sameNameOtherIban } from './records/payeeRecords.js';

/** `payees.add`: a beneficiary for the payee list. */
export const addPayeeCommand = implementCommand('payees.add', {
  prepare(_ctx, input) {
    const payee = parsePayee({ id: newRecordId(), name: input.name, iban: input.iban, ...(input.bic ? { bic: input.bic } : {}) });
    return { target: payee.id, details: { country: payee.iban.slice(0, 2) }, data: payee };
  },
  run(ctx, _input, payee) {
    ctx.db
      .prepare('INSERT INTO payees (id, organisation_id, name, iban, bic, created_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(payee.id, ctx.policy.orgId, payee.name, payee.iban, payee.bic ?? null, ctx.now.toISOString());
    const added = { id: payee.id, name: payee.name, iban: payee.iban, bic: payee.bic ?? null };
    return { ...added, sameNameOtherIban: sameNameOtherIban(added, listPayeeRecords(ctx.db)) };
  },
});
