import type { JwsVerificationKey } from '../../crypto/index.js';
import { verifyOrgPolicy, type OrgPolicy } from '../../policy/index.js';
import type { UnlockedVault, VaultDatabase } from '../../vault/index.js';
import { vaultTrustAnchor } from '../bank/bankConnection.js';
import { readCachedOrgPolicy } from './cachedOrgPolicy.js';

export interface InstallOrgPolicyOptions {
  /** The pinned bank key; tests pass another to play the attacker. */
  bankKey?: JwsVerificationKey;
  now?: Date;
}

function errorCode(error: unknown): string {
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? code : 'INTERNAL';
}

/** Mirrors the policy's organisation and users into their tables, for names and foreign keys. */
function mirrorOrganisation(db: VaultDatabase, policy: OrgPolicy, now: string): void {
  db.prepare('INSERT INTO organisations (id, name, created_at) VALUES (?, ?, ?) ON CONFLICT (id) DO UPDATE SET name = excluded.name').run(
    policy.orgId,
    policy.orgName,
    now,
  );
  const upsert = db.prepare(
    `INSERT INTO users (id, organisation_id, name, roles, created_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET organisation_id = excluded.organisation_id, name = excluded.name, roles = excluded.roles`,
  );
  for (const user of policy.users) upsert.run(user.id, policy.orgId, user.name, JSON.stringify(user.roles), now);
  // A user the bank removed keeps no roles here either.
  const ids = JSON.stringify(policy.users.map((user) => user.id));
  db.prepare('DELETE FROM users WHERE organisation_id = ? AND id NOT IN (SELECT value FROM json_each(?))').run(policy.orgId, ids);
}

/**
 * Stores a policy the bank signed, after verifying it against the pinned bank key, the organisation the
 * vault is enrolled in (the first policy stored enrols it) and the newest policy seen (no rollback).
 * Refusals (POLICY_BAD_SIGNATURE, POLICY_WRONG_ORG, POLICY_STALE, POLICY_EXPIRED, …) are audited and thrown.
 */
export async function installOrgPolicy(vault: UnlockedVault, jws: string, options: InstallOrgPolicyOptions = {}): Promise<OrgPolicy> {
  const now = options.now ?? new Date();
  const cached = readCachedOrgPolicy(vault.db);
  let policy: OrgPolicy;
  try {
    policy = await verifyOrgPolicy(jws, options.bankKey ?? vaultTrustAnchor(vault.db), now, {
      orgId: cached?.orgId,
      notIssuedBefore: cached?.newestIssuedAt,
    });
  } catch (error) {
    vault.record([{ action: 'policy.install', outcome: 'denied', reason: errorCode(error), target: cached?.orgId ?? null }]);
    throw error;
  }
  const details = { issuedAt: policy.issuedAt, expiresAt: policy.expiresAt, users: policy.users.length, rules: policy.approvalRules.length };
  return vault.transact({ action: 'policy.install', target: policy.orgId, details }, (db) => storeOrgPolicy(db, policy, jws, now));
}

/**
 * Writes a policy that was verified against the vault's trust anchor, inside the caller's transaction (with the
 * caller's audit entry): the JWS as received, and the organisation and users mirrored into their tables.
 */
export function storeOrgPolicy(db: VaultDatabase, policy: OrgPolicy, jws: string, now: Date): OrgPolicy {
  const cached = readCachedOrgPolicy(db);
  const newest = cached !== undefined && Date.parse(cached.newestIssuedAt) > Date.parse(policy.issuedAt) ? cached.newestIssuedAt : policy.issuedAt;
  db.prepare(
    `INSERT INTO org_policy (id, org_id, jws, issued_at, expires_at, newest_issued_at, stored_at) VALUES (1, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET jws = excluded.jws, issued_at = excluded.issued_at, expires_at = excluded.expires_at,
       newest_issued_at = excluded.newest_issued_at, stored_at = excluded.stored_at`,
  ).run(policy.orgId, jws, policy.issuedAt, policy.expiresAt, newest, now.toISOString());
  mirrorOrganisation(db, policy, now.toISOString());
  return policy;
}
