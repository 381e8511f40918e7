import { z } from 'zod';
import { CofferError } from '../../contract/index.js';
import type { GatewayStore } from '../store/openStore.js';
import { ensureOrganisation } from './activeUser.js';
import { applyBankChange, type AppliedBankChange } from './applyBankChange.js';
import { DisplayName, OrgIdText, parseBankInput, RolesInput, UserIdText } from './bankInputs.js';

export const AddUserInput = z.strictObject({ orgId: OrgIdText, userId: UserIdText, name: DisplayName, roles: RolesInput });
export type AddUserInput = z.input<typeof AddUserInput>;

/** `coffer server user add`: a person of the organisation and their roles. A removed user's id is not reused. */
export async function addUser(store: GatewayStore, staff: string, input: AddUserInput, now = Date.now()): Promise<AppliedBankChange<void>> {
  const { orgId, userId, name, roles } = parseBankInput(AddUserInput, input);
  return applyBankChange(store, { staff, action: 'user.add', orgId, details: { userId, name, roles }, now }, async (trx) => {
    await ensureOrganisation(trx, orgId);
    const existing = await trx.selectFrom('org_users').select('user_id').where('org_id', '=', orgId).where('user_id', '=', userId).executeTakeFirst();
    // A returning person gets a new id: the old one stays bound to what it signed and was revoked for.
    if (existing) throw new CofferError('SERVER_EXISTS', `expected a new user id in ${orgId}, found ${JSON.stringify(userId)} taken`);
    await trx.insertInto('org_users').values({ org_id: orgId, user_id: userId, name, roles: JSON.stringify([...new Set(roles)]), removed_at: null }).execute();
  });
}
