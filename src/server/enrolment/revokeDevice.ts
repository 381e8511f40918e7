import { z } from 'zod';
import { CofferError } from '../../contract/index.js';
import { recordStaffAction } from '../bank/recordStaffAction.js';
import { parseBankInput } from '../bank/bankInputs.js';
import type { GatewayStore } from '../store/openStore.js';

export const RevokeDeviceInput = z.strictObject({ deviceId: z.string().min(1).max(128) });
export type RevokeDeviceInput = z.input<typeof RevokeDeviceInput>;

/** `coffer server device revoke`: the device's next request, and every one after, is refused. */
export async function revokeDevice(store: GatewayStore, staff: string, input: RevokeDeviceInput, now = Date.now()): Promise<void> {
  const { deviceId } = parseBankInput(RevokeDeviceInput, input);
  const device = await store.db.selectFrom('devices').select(['org_id', 'user_id', 'revoked_at']).where('id', '=', deviceId).executeTakeFirst();
  if (!device || device.revoked_at !== null) throw new CofferError('SERVER_NOT_FOUND', `expected an active device ${JSON.stringify(deviceId)}, found ${device ? 'it revoked' : 'none'}`);
  await recordStaffAction(store, { staff, action: 'device.revoke', orgId: device.org_id, details: { deviceId, userId: device.user_id }, now }, async (trx) => {
    await trx.updateTable('devices').set({ revoked_at: now }).where('id', '=', deviceId).where('revoked_at', 'is', null).execute();
  });
}
