import { messageSize } from './messageSize';
import { MAX_MESSAGE_BYTES, PROGRESS_EVENT, type ApiCommandName, type CofferResult, type CommandName, type Commands, type Progress } from './wire';

let nextId = 1;

function refusal<T>(code: string, message: string): CofferResult<T> {
  return { ok: false, error: { code, message } };
}

function isResult(value: unknown): value is CofferResult<unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as { ok?: unknown; error?: { code?: unknown; message?: unknown } };
  if (v.ok === true) return 'value' in v || typeof (v as { json?: unknown }).json === 'string';
  return v.ok === false && typeof v.error?.code === 'string' && typeof v.error.message === 'string';
}

/**
 * Sends one command through the shell's door. Never throws: a missing shell, an oversized message or a
 * malformed answer are refusals like any other, with a code the UI explains.
 */
export async function callCoffer<N extends CommandName>(
  command: N,
  input: Commands[N]['input'],
  onProgress?: (progress: Progress) => void,
  stepUpProof?: unknown,
): Promise<CofferResult<Commands[N]['output']>> {
  return send(command, input, stepUpProof === undefined ? {} : { stepUpProof }, onProgress);
}

/**
 * Whether `command` with `input` would need the hardware key, asked before the key is: every check of the
 * command up to its step-up runs (and a refusal comes back as it would), the command itself does not.
 */
export function probeStepUp<N extends ApiCommandName>(command: N, input: Commands[N]['input']): Promise<CofferResult<{ stepUp: boolean }>> {
  return send(command, input, { probeStepUp: true });
}

async function send<T>(command: CommandName, input: unknown, extra: { stepUpProof?: unknown; probeStepUp?: true }, onProgress?: (progress: Progress) => void): Promise<CofferResult<T>> {
  const door = window.coffer;
  if (door === undefined) return refusal('UI_NO_SHELL', 'this page runs outside the Coffer window');
  const id = nextId++;
  const request = { id, command, input, ...extra };
  // Ensure the message fits before it leaves: the shell refuses bigger ones anyway.
  if (messageSize(request) > MAX_MESSAGE_BYTES) {
    return refusal('DESKTOP_MESSAGE_TOO_LARGE', `expected at most ${MAX_MESSAGE_BYTES} bytes`);
  }
  const listener = (event: Event) => {
    const detail = (event as CustomEvent<Progress>).detail;
    if (detail?.id === id) onProgress?.(detail);
  };
  if (onProgress) window.addEventListener(PROGRESS_EVENT, listener);
  try {
    const answer = await door(request);
    if (!isResult(answer)) return refusal('UI_BAD_ANSWER', 'the shell answered in an unknown form');
    // Large answers come as one JSON string (see the shell's packAnswer): much faster across the binding.
    const packed = answer as { ok: true; json?: string };
    if (packed.ok && typeof packed.json === 'string') return { ok: true, value: JSON.parse(packed.json) as T };
    return answer as CofferResult<T>;
  } catch {
    return refusal('UI_SHELL_GONE', 'the connection to the Coffer process was lost');
  } finally {
    if (onProgress) window.removeEventListener(PROGRESS_EVENT, listener);
  }
}

/** A refusal carried as an exception, for TanStack Query, which expects failed queries to throw. */
export class RefusedError extends Error {
  constructor(readonly refusal: { code: string; message: string }) {
    super(refusal.message);
    this.name = 'RefusedError';
  }
}

/** Like callCoffer, but answers the value or throws a RefusedError. */
export async function requireCoffer<N extends CommandName>(command: N, input: Commands[N]['input']): Promise<Commands[N]['output']> {
  const result = await callCoffer(command, input);
  if (!result.ok) throw new RefusedError(result.error);
  return result.value;
}

/** The refusal a failed query carries, for RefusalNotice. */
export function refusalOf(error: unknown): { code: string; message: string } {
  return error instanceof RefusedError ? error.refusal : { code: 'UI_UNKNOWN', message: '' };
}
