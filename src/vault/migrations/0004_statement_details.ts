import type { VaultDatabase } from '../database.js';
import { LEGACY_IDENTITY_VERSION, legacyEntryIdentity } from '../legacyEntryIdentity.js';
import type { Migration } from './migration.js';

/** Rows copied per step: the old table is read in pages, never whole. */
const PAGE = 5000;

interface OldRow {
  rowid: number;
  account_id: string;
  entry_ref: string;
  booking_date: string;
  value_date: string | null;
  amount_minor: number;
  currency: string;
  counterparty_name: string | null;
  counterparty_iban: string | null;
  remittance_info: string | null;
}

function copyOldBookings(db: VaultDatabase): void {
  const page = db.prepare('SELECT rowid, * FROM statement_transactions_v3 WHERE rowid > ? ORDER BY rowid LIMIT ?');
  const insert = db.prepare(
    `INSERT INTO statement_transactions (account_id, entry_identity, identity_version, occurrence, entry_ref, booking_date, value_date,
       amount_minor, currency, credit_debit, reversal, counterparty_name, counterparty_iban, remittance_info)
     VALUES (?, ?, ?, 1, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?)`,
  );
  for (let after = 0; ; ) {
    const rows = page.all(after, PAGE) as OldRow[];
    for (const row of rows) {
      const identity = legacyEntryIdentity({ entryRef: row.entry_ref, bookingDate: row.booking_date, amountMinor: row.amount_minor, currency: row.currency });
      insert.run(
        row.account_id, identity, LEGACY_IDENTITY_VERSION, row.entry_ref, row.booking_date, row.value_date, row.amount_minor, row.currency,
        row.amount_minor < 0 ? 'DBIT' : 'CRDT', row.counterparty_name, row.counterparty_iban, row.remittance_info,
      );
    }
    const last = rows.at(-1);
    if (last === undefined) return;
    after = last.rowid;
  }
}

/**
 * Statements read by every format (docs/domain.md "Statements"). A booking is now known by its entry
 * identity (unique per account), no longer by the bank's entry reference, which banks repeat (issue 10):
 * `entry_ref` keeps the AcctSvcrRef and may repeat or be missing. Each booking keeps where it came from
 * (statement, position, format, file) and what the bank said of it (references, parties, texts, codes,
 * details and charges as JSON). `statements` records every imported statement: its ids, period,
 * balances, reconciliation and warnings, and the CSV mapping used. `accounts.other_id` is the bank's
 * account number for an account a statement names without IBAN (a US account, MT940 "BLZ/Konto").
 *
 * SQLite cannot drop a table constraint, so the bookings table is rebuilt: renamed, created anew,
 * copied in storage order, dropped. Rows stored before get an identity from the four fields they have
 * (legacyEntryIdentity), so re-importing a file booked before still books nothing twice. Their random
 * text ids are not kept (nothing refers to a booking's id): a booking's id is now its rowid, so an
 * import appends to the table instead of inserting 100,000 random keys into a second index.
 */
export const statementDetails: Migration = {
  version: 4,
  name: 'statement details',
  up(db) {
    db.exec(`
      ALTER TABLE accounts ADD COLUMN other_id TEXT;
      CREATE UNIQUE INDEX accounts_by_other_id ON accounts (other_id) WHERE other_id IS NOT NULL;
      CREATE TABLE statements (
        id TEXT PRIMARY KEY,
        account_id TEXT NOT NULL REFERENCES accounts(id),
        format TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('statement', 'report', 'notification')),
        message_id TEXT,
        statement_id TEXT,
        electronic_sequence TEXT,
        legal_sequence TEXT,
        bank_created_at TEXT,
        period_from TEXT,
        period_to TEXT,
        account_iban TEXT,
        account_other_id TEXT,
        currency TEXT,
        balances_json TEXT NOT NULL,
        summary_json TEXT,
        reconciliation_status TEXT NOT NULL CHECK (reconciliation_status IN ('reconciled', 'differs', 'unchecked')),
        reconciliation_json TEXT NOT NULL,
        accepted_unreconciled INTEGER NOT NULL DEFAULT 0 CHECK (accepted_unreconciled IN (0, 1)),
        warnings_json TEXT NOT NULL,
        csv_mapping_json TEXT,
        formula_cells_json TEXT,
        additional_info TEXT,
        source_file TEXT NOT NULL,
        source_member TEXT,
        source_index INTEGER NOT NULL,
        entries INTEGER NOT NULL,
        imported INTEGER NOT NULL,
        imported_at TEXT NOT NULL,
        imported_by TEXT NOT NULL
      ) STRICT;
      CREATE INDEX statements_by_account ON statements (account_id, imported_at);
      ALTER TABLE statement_transactions RENAME TO statement_transactions_v3;
      CREATE TABLE statement_transactions (
        id INTEGER PRIMARY KEY,
        account_id TEXT NOT NULL REFERENCES accounts(id),
        entry_identity TEXT NOT NULL,
        identity_version TEXT NOT NULL,
        occurrence INTEGER NOT NULL DEFAULT 1,
        statement_record_id TEXT REFERENCES statements(id),
        statement_id TEXT,
        position INTEGER,
        source_format TEXT,
        source_file TEXT,
        entry_ref TEXT,
        booking_date TEXT NOT NULL,
        value_date TEXT,
        amount_minor INTEGER NOT NULL,
        currency TEXT NOT NULL,
        credit_debit TEXT NOT NULL CHECK (credit_debit IN ('CRDT', 'DBIT')),
        reversal INTEGER NOT NULL DEFAULT 0 CHECK (reversal IN (0, 1)),
        ntry_ref TEXT,
        end_to_end_ref TEXT,
        mandate_ref TEXT,
        instruction_ref TEXT,
        transaction_ref TEXT,
        payment_info_ref TEXT,
        creditor_id TEXT,
        creditor_ref TEXT,
        customer_ref TEXT,
        prima_nota TEXT,
        counterparty_name TEXT,
        counterparty_iban TEXT,
        counterparty_account TEXT,
        counterparty_bank TEXT,
        counterparty_ultimate_name TEXT,
        remittance_info TEXT,
        additional_info TEXT,
        posting_text TEXT,
        bank_tx_code TEXT,
        return_reason TEXT,
        details_json TEXT,
        charges_json TEXT,
        UNIQUE (account_id, entry_identity)
      ) STRICT;
    `);
    copyOldBookings(db);
    db.exec(`
      DROP TABLE statement_transactions_v3;
      CREATE INDEX statement_transactions_by_date ON statement_transactions (account_id, booking_date);
      CREATE INDEX statement_transactions_by_booking ON statement_transactions (booking_date);
    `);
  },
};
