import type { CommandName } from '../../api/index.js';
import type { AnyAppCommand, AppCommand } from '../dispatch/defineCommand.js';
import { addPayeeCommand } from './addPayeeCommand.js';
import { assertKeyOptionsCommand } from './assertKeyOptionsCommand.js';
import { enableKeyUnlockCommand } from './enableKeyUnlockCommand.js';
import { requirePasswordAndKeyCommand } from './requirePasswordAndKeyCommand.js';
import { listKeysCommand } from './listKeysCommand.js';
import { registerKeyCommand } from './registerKeyCommand.js';
import { registerKeyOptionsCommand } from './registerKeyOptionsCommand.js';
import { removeKeyCommand } from './removeKeyCommand.js';
import { renameKeyCommand } from './renameKeyCommand.js';
import { approvePaymentCommand } from './approvePaymentCommand.js';
import { approveBatchCommand } from './approveBatchCommand.js';
import { approveBatchOptionsCommand } from './approveBatchOptionsCommand.js';
import { exportApprovalsCommand } from './exportApprovalsCommand.js';
import { cancelPaymentCommand } from './cancelPaymentCommand.js';
import { changePasswordCommand } from './changePasswordCommand.js';
import { changeSettingsCommand } from './changeSettingsCommand.js';
import { createPaymentCommand } from './createPaymentCommand.js';
import { editPaymentCommand } from './editPaymentCommand.js';
import { exportAuditCommand } from './exportAuditCommand.js';
import { exportDataKeyCommand } from './exportDataKeyCommand.js';
import { exportTransactionsCommand } from './exportTransactionsCommand.js';
import { exportPaymentsCommand } from './exportPaymentsCommand.js';
import { importStatementCommand } from './importStatementCommand.js';
import { issueRecoveryCodeCommand } from './issueRecoveryCodeCommand.js';
import { listAccountsCommand } from './listAccountsCommand.js';
import { listAuditEntriesCommand } from './listAuditEntriesCommand.js';
import { listPayeesCommand } from './listPayeesCommand.js';
import { recordPayeeCheckCommand } from './recordPayeeCheckCommand.js';
import { listPaymentsCommand } from './listPaymentsCommand.js';
import { listTransactionsCommand } from './listTransactionsCommand.js';
import { recordBlockedCommand } from './recordBlockedCommand.js';
import { proveInclusionCommand } from './proveInclusionCommand.js';
import { rotateDataKeyCommand } from './rotateDataKeyCommand.js';
import { showCheckpointCommand } from './showCheckpointCommand.js';
import { showPaymentCommand } from './showPaymentCommand.js';
import { showSettingsCommand } from './showSettingsCommand.js';
import { showVaultCommand } from './showVaultCommand.js';
import { submitPaymentCommand } from './submitPaymentCommand.js';
import { verifyAuditCommand } from './verifyAuditCommand.js';
import { enrolCommand } from './enrolCommand.js';
import { enrolOptionsCommand } from './enrolOptionsCommand.js';
import { syncCommand } from './syncCommand.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each command keeps its own preparation type
type CommandImplementations = { [Name in CommandName]: AppCommand<Name, any> };

/**
 * Every command of the app, each paired with its spec in src/api; the type makes a missing or misnamed
 * implementation a compile error, and the dispatcher knows no other.
 */
export const COMMANDS = {
  'accounts.list': listAccountsCommand,
  'transactions.list': listTransactionsCommand,
  'transactions.export': exportTransactionsCommand,
  'payees.add': addPayeeCommand,
  'payees.list': listPayeesCommand,
  'payees.record-check': recordPayeeCheckCommand,
  'payments.create': createPaymentCommand,
  'payments.edit': editPaymentCommand,
  'payments.cancel': cancelPaymentCommand,
  'payments.submit': submitPaymentCommand,
  'payments.approve': approvePaymentCommand,
  'payments.approve-batch-options': approveBatchOptionsCommand,
  'payments.approve-batch': approveBatchCommand,
  'payments.list': listPaymentsCommand,
  'payments.show': showPaymentCommand,
  'payments.export': exportPaymentsCommand,
  'payments.export-approvals': exportApprovalsCommand,
  'statements.import': importStatementCommand,
  'vault.show': showVaultCommand,
  'vault.passwd': changePasswordCommand,
  'vault.export-key': exportDataKeyCommand,
  'vault.rekey': rotateDataKeyCommand,
  'vault.recovery-code': issueRecoveryCodeCommand,
  'settings.show': showSettingsCommand,
  'settings.set': changeSettingsCommand,
  'audit.log': listAuditEntriesCommand,
  'audit.verify': verifyAuditCommand,
  'audit.export': exportAuditCommand,
  'audit.prove': proveInclusionCommand,
  'audit.checkpoint': showCheckpointCommand,
  'desktop.blocked': recordBlockedCommand,
  'keys.register-options': registerKeyOptionsCommand,
  'keys.register': registerKeyCommand,
  'keys.assert-options': assertKeyOptionsCommand,
  'keys.list': listKeysCommand,
  'keys.rename': renameKeyCommand,
  'keys.remove': removeKeyCommand,
  'keys.enable-unlock': enableKeyUnlockCommand,
  'keys.require-password-and-key': requirePasswordAndKeyCommand,
  'bank.enrol-options': enrolOptionsCommand,
  'bank.enrol': enrolCommand,
  'bank.sync': syncCommand,
} as const satisfies CommandImplementations;

export const COMMAND_LIST: readonly AnyAppCommand[] = Object.freeze(Object.values(COMMANDS));

export const COMMANDS_BY_NAME: ReadonlyMap<string, AnyAppCommand> = new Map(COMMAND_LIST.map((command) => [command.spec.name, command]));
