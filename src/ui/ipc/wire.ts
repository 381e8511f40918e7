/*
 * The one IPC door as the renderer sees it: `window.coffer({id, command, input})` answers
 * `{ok: true, value} | {ok: false, error: {code, message}}`. The shell validates every message again
 * (src/desktop/ipcMessage.ts); these types move to the shared API module (src/api/) when it lands.
 */

/** Largest message the shell accepts, in bytes of JSON; the client refuses bigger ones before sending. */
export const MAX_MESSAGE_BYTES = 1024 * 1024;

/** Name of the DOM event the shell raises on `window` for progress of a long command. */
export const PROGRESS_EVENT = 'coffer:progress';

export interface CofferRequest {
  id: number;
  command: string;
  input: unknown;
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
  /** Idle time after which the shell locks the vault and reloads this page. */
  lockAfterMs: number;
}

/** `reason` tells the lock screen why it is shown again: the user locked, or the idle timer did. */
export type SessionState = { locked: true; reason?: 'idle' | 'user' } | ({ locked: false } & SessionInfo);

export interface Account {
  iban: string;
  bic: string | null;
  name: string;
  currency: string;
  balanceMinor: number;
  balance: string;
}

export type PaymentStatus = 'draft' | 'pending_approval' | 'approved' | 'queued' | 'submitted' | 'accepted' | 'rejected' | 'cancelled';

export interface PaymentSummary {
  id: string;
  status: PaymentStatus;
  debtorIban: string;
  creditorName: string;
  creditorIban: string;
  amountMinor: number;
  amount: string;
  currency: string;
  executionDate: string;
  createdBy: string;
  version: number;
}

export interface Booking {
  account: string;
  bookingDate: string;
  amountMinor: number;
  currency: string;
}

/** What each command the UI uses takes and returns. */
export interface Commands {
  'session.state': { input: Record<string, never>; output: SessionState };
  'session.unlock': { input: { password: string }; output: SessionInfo };
  'session.lock': { input: Record<string, never>; output: { locked: true } };
  'accounts.list': { input: Record<string, never>; output: { accounts: Account[] } };
  'payments.list': { input: { status?: PaymentStatus; account?: string; limit?: number }; output: { payments: PaymentSummary[] } };
  'transactions.list': {
    input: { account?: string; from?: string; to?: string; limit?: number; offset?: number };
    output: { total: number; offset: number; transactions: Booking[] };
  };
}

export type CommandName = keyof Commands;

declare global {
  interface Window {
    /** The shell's binding (page.exposeBinding); absent when the UI is opened outside the shell. */
    coffer?: (request: CofferRequest) => Promise<unknown>;
  }
}
