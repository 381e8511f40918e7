import { schemaVersion } from '../../vault/index.js';
import { implementCommand } from '../dispatch/defineCommand.js';

const COUNTED_TABLES = ['organisations', 'users', 'accounts', 'statement_transactions', 'payees', 'payments', 'approvals', 'settings', 'audit_entries'] as const;

/** `vault.show`: what the vault holds, without any of its secrets or a path of the machine. */
export const showVaultCommand = implementCommand('vault.show', {
  run(ctx) {
    const { vault, db } = ctx;
    const rows = Object.fromEntries(COUNTED_TABLES.map((table) => [table, db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number]));
    const state = ctx.policyState;
    const policy = state.status === 'valid' ? { status: state.status, code: null, message: null } : { status: state.status, code: state.code, message: state.message };
    return {
      vaultId: vault.vaultId,
      userId: ctx.userId,
      roles: [...ctx.roles],
      policy,
      schemaVersion: schemaVersion(db),
      keyFileGeneration: vault.keyFile.generation,
      slots: vault.keyFile.slots.map((slot) => ({ id: slot.id, kind: slot.kind, state: slot.state, kdfIterations: 'iterations' in slot.kdf ? slot.kdf.iterations : 0 })),
      rows,
    };
  },
});
