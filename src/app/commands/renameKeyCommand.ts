import { implementCommand } from '../dispatch/defineCommand.js';
import { renameCredential } from '../keys/credentialRecords.js';
import { requireOwnCredential } from '../keys/requireOwnCredential.js';

/** `keys.rename`: a new name for one of the user's keys. */
export const renameKeyCommand = implementCommand('keys.rename', {
  prepare(ctx, input) {
    const key = requireOwnCredential(ctx.db, ctx.userId, input.id);
    return { target: key.id, details: { from: key.name, to: input.name }, data: undefined };
  },
  run(ctx, input) {
    renameCredential(ctx.db, input.id, input.name);
    return { id: input.id, name: input.name };
  },
});
