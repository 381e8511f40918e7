import type { Migration } from './migration.js';

/**
 * The first schema: the banking records a company keeps offline. Money is integer minor units with an
 * ISO 4217 code beside it; times are ISO 8601 UTC strings. STRICT tables refuse values of the wrong type.
 */
export const initialSchema: Migration = {
  version: 1,
  name: 'initial',
  up(db) {
    db.exec(`
      CREATE TABLE vault_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;
      CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL, updated_at TEXT NOT NULL) STRICT;
      CREATE TABLE organisations (
        id TEXT PRIMARY KEY, name TEXT NOT NULL, created_at TEXT NOT NULL
      ) STRICT;
      CREATE TABLE users (
        id TEXT PRIMARY KEY,
        organisation_id TEXT NOT NULL REFERENCES organisations(id),
        name TEXT NOT NULL,
        roles TEXT NOT NULL DEFAULT '[]',
        created_at TEXT NOT NULL
      ) STRICT;
      CREATE TABLE accounts (
        id TEXT PRIMARY KEY,
        organisation_id TEXT NOT NULL REFERENCES organisations(id),
        iban TEXT NOT NULL UNIQUE,
        bic TEXT,
        currency TEXT NOT NULL,
        name TEXT NOT NULL,
        balance_minor INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL
      ) STRICT;
      CREATE TABLE statement_transactions (
        id TEXT PRIMARY KEY,
        account_id TEXT NOT NULL REFERENCES accounts(id),
        entry_ref TEXT NOT NULL,
        booking_date TEXT NOT NULL,
        value_date TEXT,
        amount_minor INTEGER NOT NULL,
        currency TEXT NOT NULL,
        counterparty_name TEXT,
        counterparty_iban TEXT,
        remittance_info TEXT,
        UNIQUE (account_id, entry_ref)
      ) STRICT;
      CREATE INDEX statement_transactions_by_date ON statement_transactions (account_id, booking_date);
      CREATE TABLE payees (
        id TEXT PRIMARY KEY,
        organisation_id TEXT NOT NULL REFERENCES organisations(id),
        name TEXT NOT NULL,
        iban TEXT NOT NULL,
        bic TEXT,
        created_at TEXT NOT NULL
      ) STRICT;
      CREATE TABLE payments (
        id TEXT PRIMARY KEY,
        account_id TEXT NOT NULL REFERENCES accounts(id),
        payee_id TEXT REFERENCES payees(id),
        creditor_name TEXT NOT NULL,
        creditor_iban TEXT NOT NULL,
        creditor_bic TEXT,
        amount_minor INTEGER NOT NULL CHECK (amount_minor > 0),
        currency TEXT NOT NULL,
        remittance_info TEXT NOT NULL DEFAULT '',
        execution_date TEXT NOT NULL,
        expires_at TEXT NOT NULL,
        status TEXT NOT NULL,
        version INTEGER NOT NULL DEFAULT 1,
        created_by TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX payments_by_status ON payments (status);
      CREATE TABLE approvals (
        id TEXT PRIMARY KEY,
        payment_id TEXT NOT NULL REFERENCES payments(id),
        payment_version INTEGER NOT NULL,
        user_id TEXT NOT NULL,
        payment_digest TEXT NOT NULL,
        signature_class TEXT,
        created_at TEXT NOT NULL,
        voided_at TEXT
      ) STRICT;
    `);
  },
};
