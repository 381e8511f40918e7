import type { VaultDatabase } from '../../vault/index.js';

/** The org_policy row (migration 3): the bank-signed JWS as received and the newest issuedAt ever stored. */
export interface CachedOrgPolicy {
  orgId: string;
  jws: string;
  issuedAt: string;
  expiresAt: string;
  newestIssuedAt: string;
  storedAt: string;
}

/** The cached policy, or undefined when the vault was never given one. Not verified: see verifyCachedOrgPolicy. */
export function readCachedOrgPolicy(db: VaultDatabase): CachedOrgPolicy | undefined {
  return db
    .prepare(
      `SELECT org_id AS orgId, jws, issued_at AS issuedAt, expires_at AS expiresAt, newest_issued_at AS newestIssuedAt,
              stored_at AS storedAt
         FROM org_policy WHERE id = 1`,
    )
    .get() as CachedOrgPolicy | undefined;
}
