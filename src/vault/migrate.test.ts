import Database from 'better-sqlite3-multiple-ciphers';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../test/support/tempDir.js';
import { randomBytes } from '../crypto/index.js';
import { openEncryptedDatabase, type VaultDatabase } from './database.js';
import { migrate, schemaVersion } from './migrate.js';
import { MIGRATIONS } from './migrations/index.js';

function schemaOf(db: VaultDatabase) {
  return db.prepare("SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name").all();
}

describe('schema migrations', () => {
  it('are numbered 1..n in order', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
  });

  for (let from = 0; from < MIGRATIONS.length; from++) {
    it(`bring a vault at version ${from} to the same schema as a fresh one, keeping its rows`, () => {
      const key = randomBytes(32);
      const fresh = openEncryptedDatabase(join(tempDir(), 'fresh.db'), key);
      migrate(fresh);
      const old = openEncryptedDatabase(join(tempDir(), 'old.db'), key);
      migrate(old, MIGRATIONS, from);
      expect(schemaVersion(old)).toBe(from);
      if (from >= 1) old.prepare("INSERT INTO settings (key, value, updated_at) VALUES ('k', 'v', 't')").run();
      expect(migrate(old)).toBe(MIGRATIONS.length);
      expect(schemaOf(old)).toEqual(schemaOf(fresh));
      if (from >= 1) expect(old.prepare("SELECT value FROM settings WHERE key = 'k'").get()).toEqual({ value: 'v' });
      fresh.close();
      old.close();
    });
  }

  it('roll back a failing step whole and leave the version where it was', () => {
    const db = new Database(':memory:');
    const failing = [
      ...MIGRATIONS,
      {
        version: MIGRATIONS.length + 1,
        name: 'fails halfway',
        up(target: VaultDatabase) {
          target.exec('CREATE TABLE half_done (x INTEGER)');
          throw new Error('disk full');
        },
      },
    ];
    expect(() => migrate(db, failing)).toThrow('disk full');
    expect(schemaVersion(db)).toBe(MIGRATIONS.length);
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'half_done'").get()).toEqual({ n: 0 });
  });

  it('refuse a vault from a newer Coffer with VAULT_SCHEMA_TOO_NEW', async () => {
    const db = new Database(':memory:');
    db.pragma(`user_version = ${MIGRATIONS.length + 1}`);
    await expect(() => migrate(db)).toThrowCode('VAULT_SCHEMA_TOO_NEW');
  });
});
