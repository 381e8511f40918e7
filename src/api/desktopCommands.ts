import { z } from 'zod';
import { commandSpec } from './commandSpec.js';

/** What the desktop shell refused the window: the kinds of src/desktop/blockedEvent.ts. */
export const BlockedKind = z.enum(['request', 'navigation', 'popup', 'download', 'dialog', 'csp', 'ipc']);

/** One refusal as the shell saw it; `target` is a URL without query or fragment, a command name, a directive. */
export const BlockedEventIn = z.strictObject({
  kind: BlockedKind,
  target: z.string().min(1).max(200),
  /** A DESKTOP_… code (or APP_… for a dispatcher refusal seen at the door). */
  reason: z.string().regex(/^[A-Z][A-Z0-9_]{2,63}$/),
  /** When the shell refused it: refusals seen while the vault was locked are recorded at the next unlock. */
  at: z.iso.datetime(),
});
export type BlockedEventIn = z.infer<typeof BlockedEventIn>;

export const desktopBlocked = commandSpec({
  name: 'desktop.blocked',
  // Whoever has the vault open on this device: the entries record what their window was refused.
  permission: 'vault:unlock',
  summary: 'record what the desktop shell refused its window (other origins, new windows, downloads, bad messages): one denied audit entry each',
  input: z.strictObject({ events: z.array(BlockedEventIn).min(1).max(100) }),
  output: z.strictObject({ recorded: z.number().int() }),
  stepUp: 'never',
  changes: true,
  shellOnly: true,
});
