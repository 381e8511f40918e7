import type { VaultDatabase } from './database.js';
import { MIGRATIONS, type Migration } from './migrations/index.js';
import { CofferError } from '../contract/index.js';

export function schemaVersion(db: VaultDatabase): number {
  return Number(db.pragma('user_version', { simple: true }));
}

/**
 * Brings the schema to the latest version (or `target`), one transaction per step, so a crash leaves the
 * database at a whole version. A database newer than this build is refused rather than misread.
 */
export function migrate(db: VaultDatabase, migrations: readonly Migration[] = MIGRATIONS, target = migrations.length): number {
  const current = schemaVersion(db);
  if (current > migrations.length) {
    throw new CofferError(
      'VAULT_SCHEMA_TOO_NEW',
      `vault schema is version ${current}, this Coffer knows up to ${migrations.length}: update Coffer`,
    );
  }
  for (const migration of migrations.slice(current, target)) {
    db.transaction(() => {
      migration.up(db);
      db.pragma(`user_version = ${migration.version}`);
    })();
  }
  return schemaVersion(db);
}
