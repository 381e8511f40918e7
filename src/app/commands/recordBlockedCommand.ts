import { implementCommand } from '../dispatch/defineCommand.js';

/**
 * `desktop.blocked`: what the shell refused its window, one denied entry per refusal, so a subverted
 * renderer's attempts (a request to another origin, a new window, a download, a malformed message) stay on
 * record beside what the user did. Only the shell sends it; the window's door refuses the name.
 */
export const recordBlockedCommand = implementCommand('desktop.blocked', {
  recordsOwnEntries: true,
  run(ctx, input) {
    ctx.vault.record(
      input.events.map((event) => ({
        action: 'desktop.blocked',
        outcome: 'denied' as const,
        reason: event.reason,
        target: event.target,
        details: { kind: event.kind, at: event.at },
        userId: ctx.userId,
      })),
    );
    return { recorded: input.events.length };
  },
});
