import type { Kysely } from 'kysely';
import { CofferError } from '../../contract/index.js';
import { parseOrgPolicy, type OrgPolicy } from '../../policy/index.js';
import { currentPolicy } from '../bank/issueOrgPolicy.js';
import type { GatewayDatabase } from '../store/storeSchema.js';

/**
 * The organisation's newest signed policy, read from its JWS payload: the rules and users the vaults hold,
 * so the gateway applies exactly what approvers saw. The JWS is the gateway's own row, signed when written;
 * its signature is not checked again here.
 */
export async function signedPolicyOf(db: Kysely<GatewayDatabase>, orgId: string): Promise<OrgPolicy> {
  const stored = await currentPolicy(db, orgId);
  if (!stored) throw new CofferError('SERVER_NOT_FOUND', `expected a signed policy for ${orgId}, found none`);
  const payload = stored.jws.split('.')[1] ?? '';
  return parseOrgPolicy(JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')));
}
