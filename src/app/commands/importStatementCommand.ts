import { implementCommand } from '../dispatch/defineCommand.js';
import { bookStatementImport } from './statementImport/bookStatementImport.js';
import { ensureNotFedByBank } from './statementImport/ensureNotFedByBank.js';
import { importAuditDetails, unreconciledError } from './statementImport/importAudit.js';
import { planStatementImport } from './statementImport/planStatementImport.js';

/**
 * `statements.import`: books the statements of a camt.052/053/054, MT940/MT942, bank CSV or ZIP file on the
 * accounts they name (docs/commands.md). The file is read and every decision made before the transaction:
 * each statement matched to an account and reconciled with itself, each entry booked, or skipped with its
 * reason (not booked by the bank, already booked, repeated in the file). A statement that does not
 * reconcile is refused, nothing booked, unless the caller accepts it. An account the bank's feed keeps (an enrolled
 * vault's) takes no file at all: its lines come with the sync (APP_ACCOUNT_FED_BY_BANK, denied). All or nothing.
 */
export const importStatementCommand = implementCommand('statements.import', {
  async prepare(ctx, input) {
    const plan = await planStatementImport(ctx, input);
    return {
      // Every account booked on, in its currency: a capability scoped to accounts or currencies decides.
      resource: plan.accounts.map((account) => ({ account: account.iban, currency: account.currency })),
      target: input.file.name,
      details: importAuditDetails(plan, input.acceptUnreconciled === true),
      data: plan,
    };
  },
  guard(ctx, _input, plan) {
    ensureNotFedByBank(ctx.db, plan);
  },
  run(ctx, input, plan) {
    // Ensure a difference is shown loudly and never silently accepted: booked only when the caller said so.
    if (plan.differing.length > 0 && input.acceptUnreconciled !== true) throw unreconciledError(plan);
    return bookStatementImport(ctx, plan, input);
  },
});
