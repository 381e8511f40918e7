import { CofferError } from '../../contract/index.js';
import { verifyVaultAudit } from '../audit/verifyVaultAudit.js';
import { implementCommand } from '../dispatch/defineCommand.js';

/**
 * `audit.verify`: recomputes the whole log from its entries, checks every signed checkpoint against the
 * device key (or the key the caller pins), every stored tree node, and every record of the audited tables
 * against the entry that produced it. The result is itself evidence: the dispatcher records a failure, and
 * this records a success. A failed log stops the vault taking changes until it verifies again.
 */
export const verifyAuditCommand = implementCommand('audit.verify', {
  async run(ctx, input) {
    let result;
    try {
      result = await verifyVaultAudit(ctx.vault, {
        ...(input.trustedKey ? { trustedVerifierKey: input.trustedKey } : {}),
        ...(ctx.signal ? { signal: ctx.signal } : {}),
        onProgress: (done, total) => ctx.progress({ done, total }),
      });
    } catch (error) {
      // Reads and the export of evidence still work; changes are refused (VAULT_LOG_FAILED).
      if (error instanceof CofferError && error.code.startsWith('AUDIT_')) ctx.vault.markLogFailed(error.code);
      throw error;
    }
    ctx.vault.clearLogFailed();
    try {
      ctx.vault.record([{ action: 'audit.verify', outcome: 'allowed', details: { size: result.size, records: result.records ?? 0, pinned: input.trustedKey !== undefined } }]);
    } catch (error) {
      throw new CofferError('VAULT_IO', 'the log verified, but its entry recording that could not be written', { cause: error });
    }
    return result;
  },
});
