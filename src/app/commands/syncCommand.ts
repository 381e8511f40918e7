import { implementCommand } from '../dispatch/defineCommand.js';
import { deviceSigner, requireBankConnection } from '../bank/bankConnection.js';
import { checkPayees } from '../bank/checkPayees.js';
import { pullPaymentStatuses } from '../bank/pullPaymentStatuses.js';
import { pullPolicy } from '../bank/pullPolicy.js';
import { pullStatements } from '../bank/pullStatements.js';
import { pushPayments } from '../bank/pushPayments.js';
import { witnessCheckpoint } from '../bank/witnessCheckpoint.js';
import { verifyCachedOrgPolicy } from '../policy/verifyCachedOrgPolicy.js';

/**
 * `bank.sync`, in order: the witness (the bank cosigns the log as it stands, or the sync stops here: a rewritten
 * or rolled-back log acts on nobody's behalf); the policy (so an expired one is renewed before anything else) and new accounts; the
 * outbox of approved payments (only under a valid policy); the bank's signed status reports of payments sent
 * (after the outbox, so a payment accepted just now is found accepted); Verification of Payee for every payee
 * and creditor of a payment not yet sent that has no check; the statement feed of every account. Each step
 * writes its own entries as it commits (`bank.witness`, `policy.install`, `bank.accounts`, `bank.submit`,
 * `bank.payment`, `bank.payment-retry`, `bank.payment-status`, `payees.record-check`, `bank.statements`), then
 * one `bank.sync` entry sums up. A sync cut off anywhere loses
 * nothing: what committed stays, and the next sync resumes from the outbox and the cursors.
 */
export const syncCommand = implementCommand('bank.sync', {
  prepare(ctx) {
    const connection = requireBankConnection(ctx.db);
    return { data: connection, target: connection.gatewayUrl };
  },
  async run(ctx, _input, connection) {
    const { vault } = ctx;
    const signer = deviceSigner(connection, vault.audit.identity.signer.seed);
    const now = () => new Date();
    const witness = await witnessCheckpoint(vault, connection, signer, now());
    const policy = await pullPolicy(vault, connection, signer, now());
    const policyState = await verifyCachedOrgPolicy(vault.db, { now: now() });
    const payments = await pushPayments(vault, connection, signer, policyState, { now });
    const statuses = await pullPaymentStatuses(vault, connection, signer, now);
    const payees = await checkPayees(vault, connection, signer, now);
    const statements = await pullStatements(vault, connection, signer, now);
    const received = statements.reduce((sum, account) => sum + account.entries, 0);
    vault.record([
      {
        action: 'bank.sync',
        outcome: 'allowed',
        target: connection.gatewayUrl,
        details: { witnessedSize: witness.size, policyVersion: policy.version, sent: payments.sent, accepted: payments.accepted.length, refused: payments.refused.length, pending: payments.pending.length, statuses: statuses.recorded.length, statusesRefused: statuses.refused.length, payeesChecked: payees.checked.length, payeeChecksFailed: payees.failed.length, statementEntries: received },
      },
    ]);
    return { gateway: connection.gatewayUrl, witness, policy, payments, statuses, payees, statements };
  },
  recordsOwnEntries: true,
});
