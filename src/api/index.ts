/*
 * The app API as the outside sees it: command names, permissions and zod schemas of what goes in and comes
 * out. It imports only the contract and the renderer-safe part of the domain, so the desktop's renderer and
 * the gateway's client may import it (a dependency-cruiser rule keeps node code and crypto out of reach).
 */
export { commandSpec, type CommandSpec, type StepUp } from './commandSpec.js';
export {
  COMMAND_SPEC_LIST,
  COMMAND_SPECS,
  isCommandName,
  type CommandSpecs,
  type CommandName,
  type CommandInput,
  type ParsedInput,
  type CommandOutput,
  type DispatchResult,
  type DispatchFailure,
  type Progress,
} from './registry.js';
export { AmountText, BicInput, Bytes, FileInput, FileName, FileOutput, IbanInput, MAX_FILE_BYTES, PageLimit, amountIn, isoDay } from './fields.js';
export { AUTO_LOCK_SECONDS } from './vaultCommands.js';
export type { StatementsImportResult, StatementImportResult, ReconciliationView, SkippedGroup } from './statementImportResult.js';
export { BlockedEventIn, BlockedKind } from './desktopCommands.js';
export { KeyName, StepUpProof } from './keyCommands.js';
export { boundEnd, boundStart, type AuditVerification } from './auditCommands.js';
export { PayeeCheckView } from './payeeCheckCommands.js';
export { PaymentBankStatus } from './paymentQueries.js';
