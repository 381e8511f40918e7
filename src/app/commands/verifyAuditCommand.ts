import { CofferError } from '../../contract/index.js';
import { verifyVaultAudit } from '../audit/verifyVaultAudit.js';
import { implementCommand } from '../dispatch/defineCommand.js';

/**
 * `audit.verify`: recomputes the whole log from its entries, checks every signed checkpoint against the
 * device key (or the key the caller pins) and every stored tree node. The result is itself evidence: the
 * dispatcher records a failure, and this records a success.
 */
export const verifyAuditCommand = implementCommand('audit.verify', {
  run(ctx, input) {
    const result = verifyVaultAudit(ctx.vault, {
      ...(input.trustedKey ? { trustedVerifierKey: input.trustedKey } : {}),
      onProgress: (done, total) => {
        ctx.throwIfCancelled();
        ctx.progress({ done, total });
      },
    });
    try {
      ctx.vault.record([{ action: 'audit.verify', outcome: 'allowed', details: { size: result.size, pinned: input.trustedKey !== undefined } }]);
    } catch (error) {
      throw new CofferError('VAULT_IO', 'the log verified, but its entry recording that could not be written', { cause: error });
    }
    return result;
  },
});
