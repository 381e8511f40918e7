import type { CommandInput, CommandName as ApiCommandName, CommandOutput } from '../../api/index.js';

/*
 * The one IPC door as the renderer sees it: `window.coffer({id, command, input})` answers
 * `{ok: true, value} | {ok: false, error: {code, message}}`. Command inputs and outputs are the app API's
 * own types (src/api); the shell validates every message again (src/desktop/ipcMessage.ts).
 */

/** Largest message the shell accepts, in bytes of JSON (file bytes counted as bytes); the client refuses bigger ones before sending. */
export const MAX_MESSAGE_BYTES = 1024 * 1024;

/** Name of the DOM event the shell raises on `window` for progress of a long command. */
export const PROGRESS_EVENT = 'coffer:progress';

export interface CofferRequest {
  id: number;
  command: string;
  input: unknown;
  /** The browser's WebAuthn assertion, for a command that needs a hardware-key step-up. */
  stepUpProof?: unknown;
}

export interface Refusal {
  code: string;
  message: string;
}

export type CofferResult<T> = { ok: true; value: T } | { ok: false; error: Refusal };

export interface Progress {
  id: number;
  done: number;
  total?: number;
}

export type Role = 'viewer' | 'maker' | 'approver' | 'auditor' | 'admin';

export interface SessionInfo {
  userId: string;
  vaultId: string;
  roles: Role[];
  /** What the roles may do at all: the window leaves out the rest (each command still decides). */
  permissions: string[];
  /** Idle time after which the shell locks the vault and reloads this page. */
  lockAfterMs: number;
  /** Set when the window was opened for one task only (`coffer payments approve ID…`): it shows nothing else. */
  task?: ApprovalTask;
}

/** The payments a window of `coffer payments approve` approves: one, or a batch signed with one assertion. */
export interface ApprovalTask {
  kind: 'approve';
  ids: string[];
}

/** Where the shell's background sync with the bank stands (src/desktop/backgroundSync.ts). */
export interface BankSyncState {
  state: 'off' | 'waiting' | 'syncing' | 'synced' | 'offline' | 'failed';
  lastSyncedAt: string | null;
  error: { code: string; message: string } | null;
  nextAt: string | null;
}

/** `reason` tells the lock screen why it is shown again: the user locked, or the idle timer did. */
export type SessionState = { locked: true; reason?: 'idle' | 'user' } | ({ locked: false; sync?: BankSyncState } & SessionInfo);

/** The commands the shell answers itself. */
interface ShellCommands {
  'session.state': { input: Record<string, never>; output: SessionState };
  'session.unlock': { input: { password: string }; output: SessionInfo };
  'session.lock': { input: Record<string, never>; output: { locked: true } };
  'session.unlock-options': { input: Record<string, never>; output: KeyUnlockOptions };
  'session.unlock-key': { input: { credentialId: string; prfOutput: string; password?: string }; output: SessionInfo };
}

/** The hardware keys that open the vault (its `webauthn-prf` slots): ids and PRF inputs, base64url. */
export interface KeyUnlockOptions {
  rpId: string;
  keys: { credentialId: string; prfInput: string }[];
  /** The vault opens with the password and one of these keys together, never with either alone. */
  passwordAndKey: boolean;
}

/** What each command takes and returns: the shell's own, then every command of the app API. */
export type Commands = ShellCommands & { [Name in ApiCommandName]: { input: CommandInput<Name>; output: CommandOutput<Name> } };
export type CommandName = keyof Commands;
export type { ApiCommandName };

export type Account = CommandOutput<'accounts.list'>['accounts'][number];
export type PaymentSummary = CommandOutput<'payments.list'>['payments'][number];
export type PaymentStatus = PaymentSummary['status'];
export type Booking = CommandOutput<'transactions.list'>['transactions'][number];
export type Payee = CommandOutput<'payees.add'>;
export type AuditEntry = CommandOutput<'audit.log'>['entries'][number];
export type FileOut = CommandOutput<'payments.export'>['file'];

declare global {
  interface Window {
    /** The shell's binding (page.exposeBinding); absent when the UI is opened outside the shell. */
    coffer?: (request: CofferRequest) => Promise<unknown>;
  }
}
