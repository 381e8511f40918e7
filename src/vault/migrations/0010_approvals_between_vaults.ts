import type { Migration } from './migration.js';

/**
 * Approvals between vaults (issue 13): what the sync carries through the gateway, and what came back.
 * - `credential_registrations`: a hardware key registered after enrolment, its WebAuthn registration response
 *   (JSON) and the salt of its device-bound challenge, waiting for the bank (POST /v1/credentials) until
 *   `sent_at`; the bank's answer, or its refusal code, is kept.
 * - `shared_payments`: the vault user's own payments shared for approval (POST /v1/pending-payments), the
 *   digest and status last shared and the gateway's answer or refusal, so a payment is shared again only
 *   when its digest changed, and withdrawn once when it was cancelled.
 * - `received_payments`: payments another maker shared, which this vault holds since: the feed entry as it
 *   came (maker's signature and certificate, kept whole for anyone to verify again) and its position.
 * - `pending_payment_cursor` (one row): where the feed was read up to, written with each entry handled.
 * - `sent_approvals`: the vault user's approvals of received payments sent to POST /v1/approvals, with the
 *   gateway's answer (pending or accepted, who approved) or its refusal code.
 * Tables of their own, not columns of `payments` or `approvals`: sealed rows of those keep their digests.
 */
export const approvalsBetweenVaults: Migration = {
  version: 10,
  name: 'approvals between vaults',
  up(db) {
    db.exec(`
      CREATE TABLE credential_registrations (
        credential_id TEXT PRIMARY KEY REFERENCES webauthn_credentials(id),
        registration TEXT NOT NULL,
        salt TEXT NOT NULL,
        registered_at TEXT NOT NULL,
        sent_at TEXT,
        answer TEXT,
        refusal TEXT
      ) STRICT;
      CREATE TABLE shared_payments (
        payment_id TEXT PRIMARY KEY REFERENCES payments(id),
        digest TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('pending', 'withdrawn')),
        answer TEXT,
        refusal TEXT,
        shared_at TEXT NOT NULL
      ) STRICT;
      CREATE TABLE received_payments (
        payment_id TEXT PRIMARY KEY REFERENCES payments(id),
        seq INTEGER NOT NULL CHECK (seq > 0),
        digest TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('pending', 'withdrawn')),
        maker TEXT NOT NULL,
        maker_device_id TEXT NOT NULL,
        entry TEXT NOT NULL,
        received_at TEXT NOT NULL
      ) STRICT;
      CREATE TABLE pending_payment_cursor (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        after_seq INTEGER NOT NULL CHECK (after_seq >= 0),
        synced_at TEXT NOT NULL
      ) STRICT;
      CREATE TABLE sent_approvals (
        approval_id TEXT PRIMARY KEY REFERENCES approvals(id),
        payment_id TEXT NOT NULL REFERENCES payments(id),
        digest TEXT NOT NULL,
        sent_at TEXT NOT NULL,
        answer TEXT,
        refusal TEXT
      ) STRICT;
    `);
  },
};
