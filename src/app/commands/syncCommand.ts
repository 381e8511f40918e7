import { implementCommand } from '../dispatch/defineCommand.js';
import { deviceSigner, requireBankConnection } from '../bank/bankConnection.js';
import { checkPayees } from '../bank/checkPayees.js';
import { pullPaymentStatuses } from '../bank/pullPaymentStatuses.js';
import { pullPolicy } from '../bank/pullPolicy.js';
import { pullStatements } from '../bank/pullStatements.js';
import { pushApprovals } from '../bank/pushApprovals.js';
import { pushCredentials } from '../bank/pushCredentials.js';
import { pushPayments } from '../bank/pushPayments.js';
import { receivePayments } from '../bank/receivePayments.js';
import { sharePayments } from '../bank/sharePayments.js';
import type { TakenApprovals } from '../bank/takeRelayedApprovals.js';
import { witnessCheckpoint } from '../bank/witnessCheckpoint.js';
import { verifyCachedOrgPolicy } from '../policy/verifyCachedOrgPolicy.js';

/**
 * `bank.sync`, in order: the witness (the bank cosigns the log as it stands, or the sync stops here: a rewritten
 * or rolled-back log acts on nobody's behalf); the policy (so an expired one is renewed before anything else) and new accounts;
 * hardware keys registered since enrolment (then the policy again, so the version listing them is installed in
 * this sync); the user's own payments pending approval shared with the other vaults (and withdrawn once
 * cancelled); other makers' payments received, each verified against its maker's device, with the approvals
 * other vaults gave of them (and of the user's own payments) verified against the bank-signed policy; the user's approvals
 * of those sent; the outbox of approved payments (only under a valid policy); the bank's signed status reports
 * (after the outbox and the approvals, so a payment accepted just now is found accepted); Verification of Payee
 * for every payee and creditor of a payment not yet sent that has no check (received ones included); the
 * statement feed of every account. Each step writes its own entries as it commits (`bank.witness`,
 * `policy.install`, `bank.accounts`, `bank.register-key`, `bank.share-payment`, `bank.receive-payment`, `bank.receive-approval`,
 * `bank.send-approval`, `bank.submit`, `bank.payment`, `bank.payment-retry`, `bank.payment-status`,
 * `payees.record-check`, `bank.statements`), then one `bank.sync` entry sums up. A sync cut off anywhere loses
 * nothing: what committed stays, and the next sync resumes from the tables of what was sent and the cursors.
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
    let policy = await pullPolicy(vault, connection, signer, now());
    const credentials = await pushCredentials(vault, connection, signer, now);
    if (credentials.registered.length > 0) {
      const again = await pullPolicy(vault, connection, signer, now());
      policy = { ...again, installed: policy.installed || again.installed, newAccounts: policy.newAccounts + again.newAccounts };
    }
    const shared = await sharePayments(vault, connection, signer, now);
    const policyState = await verifyCachedOrgPolicy(vault.db, { now: now() });
    const relayed = { policy: policyState, taken: { stored: [], refused: [] } as TakenApprovals };
    const received = await receivePayments(vault, connection, signer, now, relayed);
    const approvals = await pushApprovals(vault, connection, signer, now);
    const payments = await pushPayments(vault, connection, signer, policyState, { now });
    const statuses = await pullPaymentStatuses(vault, connection, signer, now, relayed);
    const payees = await checkPayees(vault, connection, signer, now);
    const statements = await pullStatements(vault, connection, signer, now);
    const bookings = statements.reduce((sum, account) => sum + account.entries, 0);
    vault.record([
      {
        action: 'bank.sync',
        outcome: 'allowed',
        target: connection.gatewayUrl,
        details: { witnessedSize: witness.size, policyVersion: policy.version, keysRegistered: credentials.registered.length, keysRefused: credentials.refused.length, shared: shared.shared.length, withdrawn: shared.withdrawn.length, shareRefused: shared.refused.length, received: received.received.length, receivedRefused: received.refused.length, approvalsSent: approvals.sent.length, relayedApprovalsTaken: relayed.taken.stored.length, relayedApprovalsRefused: relayed.taken.refused.length, approvalsRefused: approvals.refused.length, sent: payments.sent, accepted: payments.accepted.length, refused: payments.refused.length, pending: payments.pending.length, statuses: statuses.recorded.length, statusesRefused: statuses.refused.length, payeesChecked: payees.checked.length, payeeChecksFailed: payees.failed.length, statementEntries: bookings, statementsRefused: statements.filter((account) => account.refused !== undefined).map((account) => account.iban) },
      },
    ]);
    return { gateway: connection.gatewayUrl, witness, policy, credentials, shared, received, approvals, relayedApprovals: relayed.taken, payments, statuses, payees, statements };
  },
  recordsOwnEntries: true,
});
