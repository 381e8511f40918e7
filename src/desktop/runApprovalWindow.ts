import { CofferError } from '../contract/index.js';
import { approvalTaskBackend, requireApproval, type ApprovalTaskOutcome } from './approvalTask.js';
import type { BlockedListener } from './blockedEvent.js';
import { ensureUiBuilt, locateCheckout } from './ensureUiBuilt.js';
import { openSessionBackend } from './sessionBackend.js';
import { startAppShell, type AppShell } from './startAppShell.js';

export interface ApprovalWindowOptions {
  vaultDir: string;
  /** The payments to approve: one is approved by its own digest, several as one batch. */
  ids: string[];
  /** Read only once a display is known to be there. */
  password: () => Promise<string>;
  rpId?: string;
  onBlocked?: BlockedListener;
  env?: NodeJS.ProcessEnv;
  /**
   * TESTS ONLY: draw on a private Xvfb. A person approving must see the payment, so the command line never
   * sets it; the e2e tests do, and drive the window with a virtual authenticator.
   */
  dangerousTestOnlyVirtualDisplay?: boolean;
  /** Called once the window shows the approval (the e2e tests attach their authenticator here). */
  onOpen?: (shell: AppShell) => Promise<void>;
  /** Called before the shell closes the window itself (after the approval, or Cancel): tests take their key back. */
  beforeClose?: (shell: AppShell) => Promise<void>;
}

export type ApprovalWindowResult = Extract<ApprovalTaskOutcome, { ok: true }>;

/** How long the window stays after the approval is recorded, so the person sees it done before it goes. */
const CLOSE_AFTER_APPROVAL_MS = 1200;

/**
 * `coffer payments approve ID…`: unlock with the password, check that the user may approve these payments at
 * all (before a window opens), then a small window of the shell that shows only them and asks the hardware
 * key. Answers the recorded approval once the window closes; throws a CofferError with the reason when there
 * is none (cancelled, refused, no display).
 */
export async function runApprovalWindow(options: ApprovalWindowOptions): Promise<ApprovalWindowResult> {
  const env = options.env ?? process.env;
  const virtualDisplay = options.dangerousTestOnlyVirtualDisplay === true;
  // Ensure an invisible approval window exists only under a test runner (Playwright's workers, vitest).
  if (virtualDisplay && env.TEST_WORKER_INDEX === undefined && env.VITEST !== 'true') {
    throw new CofferError('DESKTOP_NO_DISPLAY', 'an approval window on a private display is for tests only: the person approving must see the payment');
  }
  // One task, then the window closes: the user's own `coffer sync` carries the approval to the bank.
  const backend = openSessionBackend(options.vaultDir, { sync: false, ...(options.rpId === undefined ? {} : { rpId: options.rpId }) });
  const unlocked = await backend.unlock(await options.password());
  if (!unlocked.ok) throw new CofferError(unlocked.error.code, unlocked.error.message);
  // Ensure the approval can happen before a window opens: each payment pending, none the user's own, a key to ask.
  const check = await backend.dispatch('payments.approve-batch-options', { ids: options.ids });
  const allowed = check.ok ? ((check.value as { options: { allowCredentials?: unknown[] } }).options.allowCredentials ?? []) : [];
  if (!check.ok || allowed.length === 0) {
    await backend.lock('shutdown');
    if (!check.ok) throw new CofferError(check.error.code, check.error.message);
    throw new CofferError('APP_STEP_UP_REQUIRED', `approving needs one of your hardware keys, and ${unlocked.value.userId} has none in this vault: add one in \`coffer app\` under Hardware keys`);
  }
  // Ensure the person can see what the key signs: without a display there is nobody to show it to.
  if (!virtualDisplay && process.platform === 'linux' && !env.DISPLAY && !env.WAYLAND_DISPLAY) {
    await backend.lock('shutdown');
    throw new CofferError('DESKTOP_NO_DISPLAY', 'approving shows the payment in a window while the key is touched, and there is no DISPLAY: run it in a desktop session, or approve in `coffer app`');
  }

  // Built only now: a refusal above needs no UI, and a first build (tens of seconds) would only delay it.
  const uiDir = ensureUiBuilt(locateCheckout());
  const task = approvalTaskBackend(backend, { kind: 'approve', ids: options.ids }, options.onBlocked);
  let shell: AppShell;
  try {
    shell = await startAppShell({ backend: task, uiDir, vaultDir: options.vaultDir, rpId: options.rpId, virtualDisplay, onBlocked: options.onBlocked, env, width: 720, height: options.ids.length === 1 ? 760 : 900 });
  } catch (error) {
    await backend.lock('shutdown');
    throw error;
  }
  let closing: Promise<void> | undefined;
  const close = () =>
    void (closing ??= (async () => {
      await options.beforeClose?.(shell).catch(() => undefined);
      await shell.close();
    })());
  // The window ends its task by locking (Cancel), or the vault locks when idle: either way the window goes.
  task.onLock(close);
  task.onApproved(() => setTimeout(close, CLOSE_AFTER_APPROVAL_MS).unref());
  const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
  signals.forEach((signal) => process.once(signal, close));
  try {
    await options.onOpen?.(shell);
    await shell.closed;
    return requireApproval(task.outcome());
  } finally {
    await shell.close();
    signals.forEach((signal) => process.off(signal, close));
  }
}
