import type { Transaction } from 'kysely';
import { CofferError } from '../../contract/index.js';
import type { GatewayDatabase } from '../store/storeSchema.js';

/** Ensures the organisation exists. */
export async function ensureOrganisation(trx: Transaction<GatewayDatabase>, orgId: string): Promise<void> {
  const org = await trx.selectFrom('organisations').select('id').where('id', '=', orgId).executeTakeFirst();
  if (!org) throw new CofferError('SERVER_NOT_FOUND', `expected an organisation ${JSON.stringify(orgId)}, found none`);
}

/** Ensures the user exists in the organisation and has not been removed. */
export async function ensureActiveUser(trx: Transaction<GatewayDatabase>, orgId: string, userId: string): Promise<void> {
  await ensureOrganisation(trx, orgId);
  const user = await trx.selectFrom('org_users').select('removed_at').where('org_id', '=', orgId).where('user_id', '=', userId).executeTakeFirst();
  if (!user || user.removed_at !== null) {
    throw new CofferError('SERVER_NOT_FOUND', `expected a user ${JSON.stringify(userId)} in ${orgId}, found ${user ? 'a removed one' : 'none'}`);
  }
}
