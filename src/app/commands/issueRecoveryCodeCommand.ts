import { replaceRecoveryCode } from '../../vault/index.js';
import { implementCommand } from '../dispatch/defineCommand.js';

/** `vault.recovery-code`: replaces a lost (or possibly seen) recovery code with a new one, shown once. */
export const issueRecoveryCodeCommand = implementCommand('vault.recovery-code', {
  recordsOwnEntries: true,
  async run(ctx) {
    return { vaultId: ctx.vault.vaultId, recoveryCode: await replaceRecoveryCode(ctx.vault, ctx.kdf) };
  },
});
