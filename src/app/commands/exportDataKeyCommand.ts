import { implementCommand } from '../dispatch/defineCommand.js';

/**
 * `vault.export-key`: the raw data key as hex, for disaster recovery with stock SQLCipher. Whoever holds it
 * reads the vault without any password, so it is shown only to the admin who asked (never in a window), the
 * export is audited, and `vault.rekey` is the way back.
 */
export const exportDataKeyCommand = implementCommand('vault.export-key', {
  run(ctx) {
    return { vaultId: ctx.vault.vaultId, dataKeyHex: ctx.vault.withDataKey((key) => key.toString('hex')) };
  },
});
