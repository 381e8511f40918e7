import { z } from 'zod';
import { parsePayee, PartyName } from '../../domain/index.js';
import { defineCommand } from '../dispatch/defineCommand.js';
import { BicInput, IbanInput } from './fields.js';
import { newRecordId } from './records/newRecordId.js';

/** `payees.add`: a beneficiary for the payee list. */
export const addPayeeCommand = defineCommand({
  name: 'payees.add',
  permission: 'payees:write',
  summary: 'add a beneficiary (name, IBAN, optional BIC) to the payee list',
  input: z.strictObject({ name: PartyName, iban: IbanInput, bic: BicInput.optional() }),
  stepUp: false,
  changes: true,
  prepare(_ctx, input) {
    const payee = parsePayee({ id: newRecordId(), name: input.name, iban: input.iban, ...(input.bic ? { bic: input.bic } : {}) });
    return { target: payee.id, details: { country: payee.iban.slice(0, 2) }, data: payee };
  },
  run(ctx, _input, payee) {
    ctx.db
      .prepare('INSERT INTO payees (id, organisation_id, name, iban, bic, created_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(payee.id, ctx.policy.orgId, payee.name, payee.iban, payee.bic ?? null, ctx.now.toISOString());
    return payee;
  },
});
