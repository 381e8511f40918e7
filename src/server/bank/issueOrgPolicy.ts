import type { Transaction } from 'kysely';
import { CofferError } from '../../contract/index.js';
import type { JwsSigningKey } from '../../crypto/index.js';
import { signOrgPolicy, type ApprovalRule, type Approver, type OrgPolicy, type Role } from '../../policy/index.js';
import { hardwareKeysOf } from '../credentials/ensureAaguidsAllowed.js';
import type { GatewayDatabase } from '../store/storeSchema.js';
import { rfc3339 } from './rfc3339.js';

/** How long a device may work offline on one policy before it must fetch a fresh one (docs/permissions.md). */
export const POLICY_VALIDITY_MS = 30 * 24 * 60 * 60 * 1000;

export interface IssuedPolicy {
  version: number;
  jws: string;
  policy: OrgPolicy;
}

/** The organisation as the store holds it now, in the policy's shape (removed users and their credentials left out). */
async function readOrgPolicy(trx: Transaction<GatewayDatabase>, orgId: string, now: number): Promise<OrgPolicy> {
  const org = await trx.selectFrom('organisations').selectAll().where('id', '=', orgId).executeTakeFirst();
  if (!org) throw new CofferError('SERVER_NOT_FOUND', `expected an organisation ${JSON.stringify(orgId)}, found none`);
  const users = await trx.selectFrom('org_users').selectAll().where('org_id', '=', orgId).where('removed_at', 'is', null).orderBy('user_id').execute();
  const credentials = await trx.selectFrom('credentials').select(['id', 'user_id', 'public_key']).where('org_id', '=', orgId).orderBy('created_at').orderBy('id').execute();
  const credentialsOf = (userId: string) => credentials.filter((credential) => credential.user_id === userId).map((credential) => ({ id: credential.id, publicKey: credential.public_key }));
  const rules = await trx.selectFrom('approval_rules').selectAll().where('org_id', '=', orgId).orderBy('account').orderBy('currency').orderBy('min_amount_minor').execute();
  return {
    orgId,
    orgName: org.name,
    issuedAt: rfc3339(now),
    expiresAt: rfc3339(now + POLICY_VALIDITY_MS),
    // Each user's registered credentials, so every vault can verify the others' approvals (docs/signing.md).
    users: users.map((user) => {
      const own = credentialsOf(user.user_id);
      return { id: user.user_id, name: user.name, roles: JSON.parse(user.roles) as Role[], ...(own.length > 0 ? { credentials: own } : {}) };
    }),
    // `== null`: the upgrade tests sign policies on stores that predate the column (migration 0011).
    ...(org.allowed_aaguids == null ? {} : { hardwareKeys: hardwareKeysOf(org.allowed_aaguids) }),
    approvalRules: rules.map((rule): ApprovalRule => ({
      account: rule.account,
      ...(rule.currency === '' ? {} : { currency: rule.currency as ApprovalRule['currency'] }),
      minAmountMinor: rule.min_amount_minor,
      ...(rule.max_amount_minor === null ? {} : { maxAmountMinor: rule.max_amount_minor }),
      approvers: JSON.parse(rule.approvers) as Approver[],
    })),
  };
}

/**
 * Signs the organisation's current state as its next policy version, inside the caller's transaction.
 * `signOrgPolicy` checks it as the app will (an approver who is no user, overlapping bands…), so a change
 * that would make an inconsistent policy is refused and rolled back with the rest of the transaction.
 */
export async function issueOrgPolicy(trx: Transaction<GatewayDatabase>, orgId: string, bankKey: JwsSigningKey, now: number): Promise<IssuedPolicy> {
  const policy = await readOrgPolicy(trx, orgId, now);
  const jws = await signOrgPolicy(policy, bankKey);
  const last = await trx.selectFrom('policies').select('version').where('org_id', '=', orgId).orderBy('version', 'desc').limit(1).executeTakeFirst();
  const version = (last?.version ?? 0) + 1;
  await trx
    .insertInto('policies')
    .values({ org_id: orgId, version, jws, issued_at: Date.parse(policy.issuedAt), expires_at: Date.parse(policy.expiresAt) })
    .execute();
  return { version, jws, policy };
}

/** The organisation's newest signed policy, or undefined before its first. */
export async function currentPolicy(db: Pick<Transaction<GatewayDatabase>, 'selectFrom'>, orgId: string): Promise<{ version: number; jws: string } | undefined> {
  return db.selectFrom('policies').select(['version', 'jws']).where('org_id', '=', orgId).orderBy('version', 'desc').limit(1).executeTakeFirst();
}
