import { rekeyVault } from '../../vault/index.js';
import { implementCommand } from '../dispatch/defineCommand.js';

/**
 * `vault.rekey`: a new data key for the whole database (PRAGMA rekey, crash-safe); the recovery code changes, and
 * hardware keys that unlocked the vault no longer do until turned on again (their PRF is not at hand here).
 */
export const rotateDataKeyCommand = implementCommand('vault.rekey', {
  recordsOwnEntries: true,
  async run(ctx, input) {
    const { recoveryCode, keyUnlockTurnedOff } = await rekeyVault(ctx.vault, input.password, ctx.kdf);
    return { vaultId: ctx.vault.vaultId, recoveryCode, keyUnlockTurnedOff };
  },
});
