import type { Migration } from './migration.js';

/**
 * Hardware keys (issue 12): the WebAuthn credentials enrolled for the vault's user, and what an approval keeps
 * of the ceremony that made it (`approval_evidence`: credential id, assertion JSON, the payment fields the digest was
 * computed from), so that counting approvals can verify the signature again later (docs/signing.md). The
 * evidence is a table of its own rather than new columns of `approvals`: every sealed approval row keeps its
 * digest, so vaults sealed before this step still verify.
 * A removed key keeps its row (`removed_at`): approvals it signed still verify, new assertions from it do not.
 */
export const webauthnCredentials: Migration = {
  version: 6,
  name: 'webauthn credentials',
  up(db) {
    db.exec(`
      CREATE TABLE webauthn_credentials (
        id TEXT PRIMARY KEY,
        user_id TEXT NOT NULL,
        public_key BLOB NOT NULL,
        sign_count INTEGER NOT NULL CHECK (sign_count >= 0),
        transports TEXT NOT NULL,
        aaguid TEXT NOT NULL,
        name TEXT NOT NULL,
        prf_capable INTEGER NOT NULL CHECK (prf_capable IN (0, 1)),
        created_at TEXT NOT NULL,
        last_used_at TEXT,
        removed_at TEXT
      ) STRICT;
      CREATE INDEX webauthn_credentials_by_user ON webauthn_credentials (user_id);
      CREATE TABLE approval_evidence (
        approval_id TEXT PRIMARY KEY REFERENCES approvals(id),
        credential_id TEXT NOT NULL,
        assertion TEXT NOT NULL,
        digest_inputs TEXT NOT NULL
      ) STRICT;
    `);
  },
};
