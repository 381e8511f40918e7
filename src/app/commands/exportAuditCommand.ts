import { exportAuditBundle } from '../audit/exportAuditBundle.js';
import { implementCommand } from '../dispatch/defineCommand.js';

/** `audit.export`: the log as a coffer-audit-bundle/v1 (docs/audit.md) that anyone verifies without the vault. */
export const exportAuditCommand = implementCommand('audit.export', {
  run(ctx) {
    const bundle = exportAuditBundle(ctx.vault);
    const day = ctx.now.toISOString().slice(0, 10);
    const bytes = new TextEncoder().encode(`${JSON.stringify(bundle)}\n`);
    return {
      file: { name: `coffer-audit-${ctx.vault.vaultId.slice(0, 8)}-${day}.json`, mediaType: 'application/json', bytes },
      entries: bundle.entries.length,
      checkpoints: bundle.checkpoints.length,
      verifierKey: bundle.verifierKey,
    };
  },
});
