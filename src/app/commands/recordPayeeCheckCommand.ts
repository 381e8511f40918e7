import { CofferError } from '../../contract/index.js';
import type { VaultDatabase } from '../../vault/index.js';
import { implementCommand } from '../dispatch/defineCommand.js';
import { admitPayeeCheck } from '../payees/admitPayeeCheck.js';
import { insertPayeeCheck, storedPayeeCheckAnswer, type CheckedParty } from '../payees/payeeCheckRecords.js';
import { requirePayment } from './records/paymentRecords.js';

function requirePayee(db: VaultDatabase, id: string): CheckedParty & { id: string } {
  const row = db.prepare('SELECT id, name, iban FROM payees WHERE id = ?').get(id) as { id: string; name: string; iban: string } | undefined;
  if (row === undefined) throw new CofferError('APP_NOT_FOUND', `expected payee ${id}, found none`);
  return row;
}

/**
 * `payees.record-check`: keeps the bank's Verification of Payee answer for a payee, or for a payment's creditor.
 * The answer must verify against the bank key the vault trusts and be about exactly that IBAN and name, so a
 * "match" for one account can never be filed under another. Recording the same answer again changes nothing.
 */
export const recordPayeeCheckCommand = implementCommand('payees.record-check', {
  async prepare(ctx, input) {
    const payee = input.payee === undefined ? undefined : requirePayee(ctx.db, input.payee);
    const party: CheckedParty = payee ?? requirePayment(ctx.db, input.payment ?? '').payment.creditor;
    const { answer, details } = await admitPayeeCheck(ctx.db, ctx.bankKey, input.answer, party);
    return { target: payee?.id ?? input.payment, details, data: { answer, payeeId: payee?.id ?? null } };
  },
  run(ctx, input, { answer, payeeId }) {
    if (storedPayeeCheckAnswer(ctx.db, answer.checkId) === undefined) insertPayeeCheck(ctx.db, answer, input.answer, { payeeId, userId: ctx.userId, now: ctx.now });
    return { checkId: answer.checkId, iban: answer.iban, name: answer.name, result: answer.result, registeredName: answer.registeredName ?? null, checkedAt: answer.checkedAt };
  },
});
