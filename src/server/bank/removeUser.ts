import { z } from 'zod';
import type { GatewayStore } from '../store/openStore.js';
import { ensureActiveUser } from './activeUser.js';
import { applyBankChange, type AppliedBankChange } from './applyBankChange.js';
import { OrgIdText, parseBankInput, UserIdText } from './bankInputs.js';

export const RemoveUserInput = z.strictObject({ orgId: OrgIdText, userId: UserIdText });
export type RemoveUserInput = z.input<typeof RemoveUserInput>;

/**
 * `coffer server user remove`: the user leaves the next policy and every device enrolled for them is
 * revoked at once. A user still named in an approval rule cannot be removed (the policy would name an
 * approver who is no user): change the rule first.
 */
export async function removeUser(store: GatewayStore, staff: string, input: RemoveUserInput, now = Date.now()): Promise<AppliedBankChange<{ revokedDevices: number }>> {
  const { orgId, userId } = parseBankInput(RemoveUserInput, input);
  return applyBankChange(store, { staff, action: 'user.remove', orgId, details: { userId }, now }, async (trx) => {
    await ensureActiveUser(trx, orgId, userId);
    await trx.updateTable('org_users').set({ removed_at: now }).where('org_id', '=', orgId).where('user_id', '=', userId).execute();
    const revoked = await trx
      .updateTable('devices')
      .set({ revoked_at: now })
      .where('org_id', '=', orgId)
      .where('user_id', '=', userId)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return { revokedDevices: Number(revoked.numUpdatedRows) };
  });
}
