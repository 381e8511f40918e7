import { implementCommand } from '../dispatch/defineCommand.js';
import { activeCredentials } from '../keys/credentialRecords.js';
import { keyView } from '../keys/keyView.js';
import { hardwareKeyRules } from '../keys/policyOf.js';
import { opensWithPasswordAndKey } from '../../vault/index.js';

/** `keys.list`: the user's hardware keys, oldest first, with whether each unlocks the vault. */
export const listKeysCommand = implementCommand('keys.list', {
  run(ctx) {
    return {
      keys: activeCredentials(ctx.db, ctx.userId).map((key) => keyView(key, ctx.vault.keyFile.slots)),
      unlock: {
        current: opensWithPasswordAndKey(ctx.vault) ? ('password-and-key' as const) : ('password-or-key' as const),
        required: hardwareKeyRules(ctx.policyState).unlock ?? 'password-or-key',
      },
    };
  },
});
