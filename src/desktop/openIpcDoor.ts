import { describeZodIssue, type ErrorCode } from '../contract/index.js';
import type { Page } from 'playwright-core';
import type { BlockedListener } from './blockedEvent.js';
import { IpcRequest, isShellCommand, jsonBytes, MAX_IN_FLIGHT, MAX_MESSAGE_BYTES, SHELL_COMMANDS, type ShellCommand } from './ipcMessage.js';
import { redactPaths } from './redactPaths.js';
import type { LockReason, ShellBackend, ShellResult } from './shellBackend.js';

/** The binding's name: `window.coffer(message)` in the renderer. */
export const BINDING_NAME = 'coffer';
/** The DOM event progress is raised as on the renderer's window (src/ui/ipc/wire.ts PROGRESS_EVENT). */
export const PROGRESS_EVENT = 'coffer:progress';
const PRINTABLE_NAME = /^[a-z][a-z.-]{0,63}$/;

export interface IpcDoorOptions {
  page: Page;
  origin: string;
  backend: ShellBackend;
  vaultDir: string;
  onBlocked: BlockedListener;
  /** Why the vault last locked, for the lock screen ("locked after inactivity"). */
  lastLockReason(): LockReason | undefined;
}

/**
 * A command's answer as it crosses to the renderer. Playwright hands a binding's answer over as a tree of
 * tagged values, which costs about a second for 1,000 bookings; one JSON string costs a few milliseconds.
 * Answers that carry file bytes keep the structured form, which keeps a Uint8Array a Uint8Array.
 */
export function packAnswer(result: ShellResult<unknown>): ShellResult<unknown> | { ok: true; json: string } {
  if (!result.ok) return result;
  let bytes = false;
  const json = JSON.stringify(result.value, (_key, value: unknown) => {
    if (value instanceof Uint8Array) bytes = true;
    return value;
  });
  return bytes || json === undefined ? result : { ok: true, json };
}

function refused(code: ErrorCode, message: string): ShellResult<never> {
  return { ok: false, error: { code, message } };
}

/**
 * The one door between renderer and backend (DESIGN.md "The desktop shell"). Each message is checked in
 * order — from the app's own page, at most 1 MiB, `{id, command, input, stepUpProof?}`, a known command, its input
 * shape for the shell's own commands — and only then handed on. Every refusal is reported; no answer
 * carries a path of this machine, and neither the password of `session.unlock` nor the PRF output of
 * `session.unlock-key` is ever sent back.
 */
export async function openIpcDoor(options: IpcDoorOptions): Promise<void> {
  const { page, origin, backend, vaultDir, onBlocked } = options;
  let inFlight = 0;

  /** `target`: a command name as sent (recorded only when printable), or one of our own "(…)" labels. */
  const refuse = (target: string, code: ErrorCode, message: string): ShellResult<never> => {
    const shown = target.startsWith('(') || PRINTABLE_NAME.test(target) ? target : '(unprintable)';
    onBlocked({ kind: 'ipc', target: shown, reason: code });
    return refused(code, message);
  };

  async function runShellCommand(command: ShellCommand, input: unknown): Promise<ShellResult<unknown>> {
    const parsed = SHELL_COMMANDS[command].safeParse(input);
    if (!parsed.success) return refuse(command, 'DESKTOP_BAD_MESSAGE', describeZodIssue(parsed.error).text);
    switch (command) {
      case 'session.state': {
        const session = backend.session();
        if (session === undefined) return { ok: true, value: { locked: true, reason: options.lastLockReason() } };
        const sync = backend.syncState();
        return { ok: true, value: { locked: false, ...session, ...(sync === undefined ? {} : { sync }) } };
      }
      case 'session.unlock':
        return backend.unlock((parsed.data as { password: string }).password);
      case 'session.lock':
        await backend.lock('user');
        return { ok: true, value: { locked: true } };
      case 'session.unlock-options':
        return backend.keyUnlockOptions();
      case 'session.unlock-key': {
        const { credentialId, prfOutput, password } = parsed.data as { credentialId: string; prfOutput: string; password?: string };
        const output = Buffer.from(prfOutput, 'base64url');
        try {
          return await backend.unlockWithKey(credentialId, output, password);
        } finally {
          // The decoded secret goes at once; the JavaScript string it came in cannot be zeroed.
          output.fill(0);
        }
      }
    }
  }

  async function answer(frameUrl: string, isMainFrame: boolean, raw: unknown): Promise<ShellResult<unknown> | { ok: true; json: string }> {
    // Ensure the message comes from the app's own page, not a frame or a page navigated elsewhere.
    if (!isMainFrame || !frameUrl.startsWith(`${origin}/`)) return refuse('(frame)', 'DESKTOP_WRONG_ORIGIN', `expected a message from ${origin}, found one from another frame`);
    const bytes = jsonBytes(raw);
    if (bytes === undefined) return refuse('(message)', 'DESKTOP_BAD_MESSAGE', 'expected a JSON message, found one without a JSON form');
    // Ensure the size before any parsing work.
    if (bytes > MAX_MESSAGE_BYTES) return refuse('(message)', 'DESKTOP_MESSAGE_TOO_LARGE', `expected at most ${MAX_MESSAGE_BYTES} bytes, found ${bytes}`);
    const message = IpcRequest.safeParse(raw);
    if (!message.success) return refuse('(message)', 'DESKTOP_BAD_MESSAGE', describeZodIssue(message.error).text);
    const { id, command, input, stepUpProof, probeStepUp } = message.data;
    if (isShellCommand(command)) return runShellCommand(command, input);
    // Ensure the command exists before the backend sees it: unknown names never reach the dispatcher.
    if (!backend.commands.has(command)) return refuse(command, 'DESKTOP_UNKNOWN_COMMAND', `expected a known command, found ${command}`);
    const onProgress = (progress: { done: number; total?: number }) => {
      const raise = ({ event, detail }: { event: string; detail: unknown }) => {
        // Runs in the renderer, where window and CustomEvent exist.
        const scope = globalThis as unknown as { dispatchEvent(e: unknown): boolean; CustomEvent: new (type: string, init: { detail: unknown }) => unknown };
        scope.dispatchEvent(new scope.CustomEvent(event, { detail }));
      };
      void page.evaluate(raise, { event: PROGRESS_EVENT, detail: { id, ...progress } }).catch(() => undefined);
    };
    return packAnswer(await backend.dispatch(command, input, { onProgress, ...(stepUpProof === undefined ? {} : { stepUpProof }), ...(probeStepUp === true ? { probeStepUp } : {}) }));
  }

  await page.exposeBinding(BINDING_NAME, async function cofferDoor(source, raw: unknown) {
    if (inFlight >= MAX_IN_FLIGHT) return refuse('(message)', 'DESKTOP_BUSY', `expected at most ${MAX_IN_FLIGHT} commands at once`);
    inFlight++;
    try {
      const result = await answer(source.frame.url(), source.frame === page.mainFrame(), raw);
      return result.ok ? result : refused(result.error.code, redactPaths(result.error.message, vaultDir));
    } catch {
      return refused('DESKTOP_INTERNAL', 'unexpected internal error');
    } finally {
      inFlight--;
    }
  });
}
