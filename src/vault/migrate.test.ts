import Database from 'better-sqlite3-multiple-ciphers';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../test/support/tempDir.js';
import { randomBytes } from '../crypto/index.js';
import { openEncryptedDatabase, type VaultDatabase } from './database.js';
import { legacyEntryIdentity, LEGACY_IDENTITY_VERSION } from './legacyEntryIdentity.js';
import { migrate, schemaVersion } from './migrate.js';
import { MIGRATIONS } from './migrations/index.js';

function schemaOf(db: VaultDatabase) {
  return db.prepare("SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name").all();
}

/** Bookings as schemas 1 to 3 kept them: unique per account by entry reference, nothing else of the bank's. */
function storeOldBookings(db: VaultDatabase): void {
  db.exec(`
    INSERT INTO organisations (id, name, created_at) VALUES ('org', 'Org', 't');
    INSERT INTO accounts (id, organisation_id, iban, currency, name, created_at) VALUES ('acct', 'org', 'DE89370400440532013000', 'EUR', 'Operating', 't');
    INSERT INTO statement_transactions (id, account_id, entry_ref, booking_date, value_date, amount_minor, currency, counterparty_name, counterparty_iban, remittance_info)
      VALUES ('t1', 'acct', 'REF-1', '2025-03-03', '2025-03-04', 1250000, 'EUR', 'Müller & Söhne GmbH', 'AT611904300234573201', 'Rechnung 42'),
             ('t2', 'acct', 'REF-2', '2025-03-03', NULL, -750, 'EUR', NULL, NULL, NULL);
  `);
}

/** Migration 4 keeps every old booking, with an identity from its four fields, and lets references repeat. */
function expectLegacyIdentities(db: VaultDatabase): void {
  const rows = db.prepare('SELECT entry_ref, entry_identity, identity_version, occurrence, credit_debit, reversal, amount_minor, value_date, counterparty_name, remittance_info, statement_id FROM statement_transactions ORDER BY entry_ref').all();
  expect(rows).toEqual([
    {
      entry_ref: 'REF-1', identity_version: LEGACY_IDENTITY_VERSION, occurrence: 1, credit_debit: 'CRDT', reversal: 0, amount_minor: 1250000, value_date: '2025-03-04',
      counterparty_name: 'Müller & Söhne GmbH', remittance_info: 'Rechnung 42', statement_id: null,
      entry_identity: legacyEntryIdentity({ entryRef: 'REF-1', bookingDate: '2025-03-03', amountMinor: 1250000, currency: 'EUR' }),
    },
    {
      entry_ref: 'REF-2', identity_version: LEGACY_IDENTITY_VERSION, occurrence: 1, credit_debit: 'DBIT', reversal: 0, amount_minor: -750, value_date: null,
      counterparty_name: null, remittance_info: null, statement_id: null,
      entry_identity: legacyEntryIdentity({ entryRef: 'REF-2', bookingDate: '2025-03-03', amountMinor: -750, currency: 'EUR' }),
    },
  ]);
  // printf '%s' '["coffer/entry/v0","REF-2","2025-03-03",-750,"EUR"]' | sha256sum
  expect(rows[1]).toMatchObject({ entry_identity: '98d54d9cb694a05d6595aed7e00fe014a761317e343260cb0fcacf917cde7685' });
  // A second booking under a repeated reference (issue 10) now has a place of its own.
  db.prepare("INSERT INTO statement_transactions (account_id, entry_identity, identity_version, entry_ref, booking_date, amount_minor, currency, credit_debit) VALUES ('acct', 'other', 'coffer/entry/v1', 'REF-2', '2025-03-03', -750, 'EUR', 'DBIT')").run();
  expect(() => db.prepare("INSERT INTO statement_transactions (account_id, entry_identity, identity_version, booking_date, amount_minor, currency, credit_debit) VALUES ('acct', 'other', 'coffer/entry/v1', '2025-03-03', 1, 'EUR', 'CRDT')").run()).toThrow(/UNIQUE/);
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
      if (from >= 1 && from < 4) storeOldBookings(old);
      expect(migrate(old)).toBe(MIGRATIONS.length);
      expect(schemaOf(old)).toEqual(schemaOf(fresh));
      if (from >= 1) expect(old.prepare("SELECT value FROM settings WHERE key = 'k'").get()).toEqual({ value: 'v' });
      if (from >= 1 && from < 4) expectLegacyIdentities(old);
      fresh.close();
      old.close();
    });
  }

  it('migration 6 adds the credential and approval-evidence tables and leaves approval rows as they were', () => {
    const db = openEncryptedDatabase(join(tempDir(), 'v5.db'), randomBytes(32));
    migrate(db, MIGRATIONS, 5);
    db.exec(`
      INSERT INTO organisations (id, name, created_at) VALUES ('org', 'Org', 't');
      INSERT INTO accounts (id, organisation_id, iban, currency, name, created_at) VALUES ('acct', 'org', 'DE89370400440532013000', 'EUR', 'Operating', 't');
    `);
    const approvalsBefore = db.prepare("SELECT sql FROM sqlite_master WHERE name = 'approvals'").get();
    expect(migrate(db)).toBe(MIGRATIONS.length);
    // Sealed approval rows keep every column, so their record digests (docs/audit.md) still match.
    expect(db.prepare("SELECT sql FROM sqlite_master WHERE name = 'approvals'").get()).toEqual(approvalsBefore);
    db.prepare("INSERT INTO webauthn_credentials (id, user_id, public_key, sign_count, transports, aaguid, name, prf_capable, created_at) VALUES ('cred', 'bob', x'a5', 0, '[]', '00000000-0000-0000-0000-000000000000', 'Key', 1, 't')").run();
    expect(() => db.prepare("INSERT INTO webauthn_credentials (id, user_id, public_key, sign_count, transports, aaguid, name, prf_capable, created_at) VALUES ('neg', 'bob', x'a5', -1, '[]', 'x', 'Key', 0, 't')").run()).toThrow(/CHECK/);
    expect(db.prepare('SELECT count(*) AS n FROM approval_evidence').get()).toEqual({ n: 0 });
    db.close();
  });

  it('migration 7 adds the payee-check table and leaves payee and payment rows as they were', () => {
    const db = openEncryptedDatabase(join(tempDir(), 'v6.db'), randomBytes(32));
    migrate(db, MIGRATIONS, 6);
    const tablesBefore = db.prepare("SELECT name, sql FROM sqlite_master WHERE name IN ('payees', 'payments') ORDER BY name").all();
    expect(migrate(db)).toBe(MIGRATIONS.length);
    // Sealed payee and payment rows keep every column, so their record digests (docs/audit.md) still match.
    expect(db.prepare("SELECT name, sql FROM sqlite_master WHERE name IN ('payees', 'payments') ORDER BY name").all()).toEqual(tablesBefore);
    expect(db.prepare('SELECT count(*) AS n FROM payee_checks').get()).toEqual({ n: 0 });
    db.close();
  });

  it('migration 9 adds the payment-status tables and leaves payment rows as they were', () => {
    const db = openEncryptedDatabase(join(tempDir(), 'v8.db'), randomBytes(32));
    migrate(db, MIGRATIONS, 8);
    const paymentsBefore = db.prepare("SELECT sql FROM sqlite_master WHERE name = 'payments'").get();
    expect(migrate(db)).toBe(MIGRATIONS.length);
    expect(db.prepare("SELECT sql FROM sqlite_master WHERE name = 'payments'").get()).toEqual(paymentsBefore);
    expect(db.prepare('SELECT count(*) AS n FROM payment_status_reports').get()).toEqual({ n: 0 });
    expect(() => db.prepare("INSERT INTO payment_status_cursor (id, after_seq, synced_at) VALUES (2, 0, 't')").run()).toThrow(/CHECK/);
    expect(() => db.prepare("INSERT INTO payment_status_cursor (id, after_seq, synced_at) VALUES (1, -1, 't')").run()).toThrow(/CHECK/);
    db.close();
  });

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
