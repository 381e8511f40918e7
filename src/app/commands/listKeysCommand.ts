import { implementCommand } from '../dispatch/defineCommand.js';
import { activeCredentials } from '../keys/credentialRecords.js';
import { keyView } from '../keys/keyView.js';

/** `keys.list`: the user's hardware keys, oldest first, with whether each unlocks the vault. */
export const listKeysCommand = implementCommand('keys.list', {
  run(ctx) {
    return { keys: activeCredentials(ctx.db, ctx.userId).map((key) => keyView(key, ctx.vault.keyFile.slots)) };
  },
});
