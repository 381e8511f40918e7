import type { z } from 'zod';
import type { ErrorCode } from '../contract/index.js';
import { paymentsApproveBatch, paymentsApproveBatchOptions, paymentsExportApprovals } from './approvalCommands.js';
import { auditCheckpoint, auditExport, auditLog, auditProve, auditVerify } from './auditCommands.js';
import { accountsList, payeesAdd, payeesList, transactionsExport, transactionsList } from './bankingQueries.js';
import { keysAssertOptions, keysEnableUnlock, keysList, keysRegister, keysRegisterOptions, keysRemove, keysRename, keysRequirePasswordAndKey } from './keyCommands.js';
import { paymentsApprove, paymentsCancel, paymentsCreate, paymentsEdit, paymentsSubmit } from './paymentCommands.js';
import { paymentsExport, paymentsList, paymentsShow } from './paymentQueries.js';
import { payeesRecordCheck } from './payeeCheckCommands.js';
import { desktopBlocked } from './desktopCommands.js';
import { bankEnrol, bankEnrolOptions, bankSync } from './bankCommands.js';
import { statementsImport } from './statementCommands.js';
import { settingsSet, settingsShow, vaultExportKey, vaultPasswd, vaultRecoveryCode, vaultRekey, vaultShow } from './vaultCommands.js';

/** Every command of the app API, in the order docs/commands.md lists them. */
export const COMMAND_SPEC_LIST = [
  accountsList,
  transactionsList,
  transactionsExport,
  payeesAdd,
  payeesList,
  payeesRecordCheck,
  paymentsCreate,
  paymentsEdit,
  paymentsCancel,
  paymentsSubmit,
  paymentsApprove,
  paymentsApproveBatchOptions,
  paymentsApproveBatch,
  paymentsList,
  paymentsShow,
  paymentsExport,
  paymentsExportApprovals,
  statementsImport,
  vaultShow,
  vaultPasswd,
  vaultExportKey,
  vaultRekey,
  vaultRecoveryCode,
  settingsShow,
  settingsSet,
  auditLog,
  auditVerify,
  auditExport,
  auditProve,
  auditCheckpoint,
  desktopBlocked,
  keysRegisterOptions,
  keysRegister,
  keysAssertOptions,
  keysList,
  keysRename,
  keysRemove,
  keysEnableUnlock,
  keysRequirePasswordAndKey,
  bankEnrolOptions,
  bankEnrol,
  bankSync,
] as const;

type SpecList = (typeof COMMAND_SPEC_LIST)[number];

/** The command specs by name; the type is what makes `dispatch(session, name, input)` typed end to end. */
export type CommandSpecs = { [Spec in SpecList as Spec['name']]: Spec };
export type CommandName = keyof CommandSpecs;
/** What a caller sends: the schema's input side (amounts as text, IBANs as typed). */
export type CommandInput<Name extends CommandName> = z.input<CommandSpecs[Name]['input']>;
/** What a command's implementation receives: the input after parsing (normalised IBANs, defaults filled in). */
export type ParsedInput<Name extends CommandName> = z.output<CommandSpecs[Name]['input']>;
export type CommandOutput<Name extends CommandName> = z.output<CommandSpecs[Name]['output']>;

export const COMMAND_SPECS = Object.freeze(Object.fromEntries(COMMAND_SPEC_LIST.map((spec) => [spec.name, spec]))) as CommandSpecs;

const NAMES: ReadonlySet<string> = new Set(COMMAND_SPEC_LIST.map((spec) => spec.name));

export function isCommandName(value: unknown): value is CommandName {
  return typeof value === 'string' && NAMES.has(value);
}

/** What every dispatch answers; it never throws. */
export type DispatchResult<T> = { ok: true; value: T } | { ok: false; error: DispatchFailure };

export interface DispatchFailure {
  code: ErrorCode;
  message: string;
}

/** Progress of a long command: `done` of `total` units (entries, bookings). */
export interface Progress {
  done: number;
  total: number;
}
