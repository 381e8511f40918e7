import { z } from 'zod';
import type { GatewayStore } from '../store/openStore.js';
import { ensureActiveUser } from './activeUser.js';
import { applyBankChange, type AppliedBankChange } from './applyBankChange.js';
import { OrgIdText, parseBankInput, RolesInput, UserIdText } from './bankInputs.js';

export const SetRolesInput = z.strictObject({ orgId: OrgIdText, userId: UserIdText, roles: RolesInput });
export type SetRolesInput = z.input<typeof SetRolesInput>;

/** `coffer server role set`: replaces the user's roles; devices learn it from the next policy. */
export async function setRoles(store: GatewayStore, staff: string, input: SetRolesInput, now = Date.now()): Promise<AppliedBankChange<void>> {
  const { orgId, userId, roles } = parseBankInput(SetRolesInput, input);
  return applyBankChange(store, { staff, action: 'role.set', orgId, details: { userId, roles }, now }, async (trx) => {
    await ensureActiveUser(trx, orgId, userId);
    await trx.updateTable('org_users').set({ roles: JSON.stringify([...new Set(roles)]) }).where('org_id', '=', orgId).where('user_id', '=', userId).execute();
  });
}
