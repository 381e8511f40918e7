import { assertStrongPassword } from '../../domain/password/index.js';
import { changePassword, ensureStrongPassword, rekeyVault } from '../../vault/index.js';
import { implementCommand } from '../dispatch/defineCommand.js';

/**
 * `vault.passwd`: a new password slot (the data key is rewrapped, not the data). With `rekey`, the data key
 * is rotated too, so a kept copy of the old vault.keys and the old password open nothing any more; the
 * recovery code changes with it. Each key-slot rewrite is audited by the vault as it happens.
 */
export const changePasswordCommand = implementCommand('vault.passwd', {
  recordsOwnEntries: true,
  async prepare(ctx, input) {
    // Ensure a guessable password is refused (and audited as such) before any slot is rewritten.
    ensureStrongPassword(input.newPassword);
    await assertStrongPassword(input.newPassword, [ctx.userId]);
    return { data: undefined };
  },
  async run(ctx, input) {
    await changePassword(ctx.vault, input.newPassword, ctx.kdf);
    if (!input.rekey) return { vaultId: ctx.vault.vaultId, rekeyed: false, recoveryCode: null, keyUnlockTurnedOff: [] };
    const { recoveryCode, keyUnlockTurnedOff } = await rekeyVault(ctx.vault, input.newPassword, ctx.kdf);
    return { vaultId: ctx.vault.vaultId, rekeyed: true, recoveryCode, keyUnlockTurnedOff };
  },
});
