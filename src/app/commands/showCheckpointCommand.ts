import { implementCommand } from '../dispatch/defineCommand.js';

/** `audit.checkpoint`: the latest signed checkpoint (C2SP signed note), written now if entries are uncovered. */
export const showCheckpointCommand = implementCommand('audit.checkpoint', {
  run(ctx) {
    const audit = ctx.vault.audit;
    return { checkpoint: audit.checkpoint() ?? '', verifierKey: audit.identity.verifierKey, size: audit.size };
  },
});
