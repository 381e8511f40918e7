import type { AnyCommand } from '../dispatch/defineCommand.js';
import { addPayeeCommand } from './addPayeeCommand.js';
import { approvePaymentCommand } from './approvePaymentCommand.js';
import { cancelPaymentCommand } from './cancelPaymentCommand.js';
import { createPaymentCommand } from './createPaymentCommand.js';
import { editPaymentCommand } from './editPaymentCommand.js';
import { exportPaymentsCommand } from './exportPaymentsCommand.js';
import { importStatementCommand } from './importStatementCommand.js';
import { listAccountsCommand } from './listAccountsCommand.js';
import { listPayeesCommand } from './listPayeesCommand.js';
import { listPaymentsCommand } from './listPaymentsCommand.js';
import { listTransactionsCommand } from './listTransactionsCommand.js';
import { showPaymentCommand } from './showPaymentCommand.js';
import { submitPaymentCommand } from './submitPaymentCommand.js';

/** Every command of the app; the dispatcher knows no other. docs/commands.md lists them. */
export const COMMANDS: readonly AnyCommand[] = Object.freeze([
  listAccountsCommand,
  listTransactionsCommand,
  addPayeeCommand,
  listPayeesCommand,
  createPaymentCommand,
  editPaymentCommand,
  cancelPaymentCommand,
  listPaymentsCommand,
  showPaymentCommand,
  submitPaymentCommand,
  approvePaymentCommand,
  exportPaymentsCommand,
  importStatementCommand,
]);

export const COMMANDS_BY_NAME: ReadonlyMap<string, AnyCommand> = new Map(COMMANDS.map((command) => [command.name, command]));
