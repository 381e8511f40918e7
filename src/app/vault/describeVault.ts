import { schemaVersion, type VaultSecret } from '../../vault/index.js';
import { withUnlockedVault } from './withUnlockedVault.js';

const COUNTED_TABLES = [
  'organisations',
  'users',
  'accounts',
  'statement_transactions',
  'payees',
  'payments',
  'approvals',
  'settings',
] as const;

export interface VaultDescription {
  vaultId: string;
  dir: string;
  schemaVersion: number;
  keyFileGeneration: number;
  slots: { id: string; kind: string; state: string; kdfIterations: number }[];
  rows: Record<(typeof COUNTED_TABLES)[number], number>;
}

/** What a vault holds, without any of its secrets. */
export function describeVault(dir: string, secret: VaultSecret): Promise<VaultDescription> {
  return withUnlockedVault(dir, secret, (vault) => {
    const db = vault.db;
    const rows = Object.fromEntries(
      COUNTED_TABLES.map((table) => [table, (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n]),
    ) as VaultDescription['rows'];
    return {
      vaultId: vault.vaultId,
      dir,
      schemaVersion: schemaVersion(db),
      keyFileGeneration: vault.keyFile.generation,
      slots: vault.keyFile.slots.map((slot) => ({
        id: slot.id,
        kind: slot.kind,
        state: slot.state,
        kdfIterations: slot.kdf.iterations,
      })),
      rows,
    };
  });
}
