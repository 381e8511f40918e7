import type { Transaction } from 'kysely';
import { CofferError } from '../../contract/index.js';
import { aaguidAllowed, type OrgPolicy } from '../../policy/index.js';
import type { GatewayDatabase } from '../store/storeSchema.js';

/** The policy's `hardwareKeys` as staff set them (`organisations.allowed_aaguids`, migration 0011); undefined: no rule. */
export function hardwareKeysOf(allowedAaguids: string | null): OrgPolicy['hardwareKeys'] {
  return allowedAaguids === null ? undefined : { allowedAaguids: JSON.parse(allowedAaguids) as string[] };
}

/**
 * Ensure every key registers an authenticator model the organisation allows, as read in the caller's transaction
 * (which queues on the organisation's row, so staff changing the list wait or are waited for): the same rule,
 * `aaguidAllowed`, as the app applies to its own keys and as the policy it signs states.
 */
export async function ensureAaguidsAllowed(trx: Transaction<GatewayDatabase>, orgId: string, credentials: readonly { aaguid: string }[]): Promise<void> {
  if (credentials.length === 0) return;
  // selectAll, not the column by name: the upgrade tests run today's enrolment on stores that predate migration 0011.
  const org = await trx.selectFrom('organisations').selectAll().where('id', '=', orgId).executeTakeFirst();
  const hardwareKeys = hardwareKeysOf(org?.allowed_aaguids ?? null);
  const refused = credentials.find((credential) => !aaguidAllowed(hardwareKeys, credential.aaguid));
  if (refused !== undefined) throw new CofferError('SERVER_KEY_NOT_ALLOWED', `expected hardware keys of models the organisation allows, found one of model ${refused.aaguid}`);
}
