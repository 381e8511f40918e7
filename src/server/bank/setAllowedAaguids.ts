import { z } from 'zod';
import type { GatewayStore } from '../store/openStore.js';
import { ensureOrganisation } from './activeUser.js';
import { applyBankChange, type AppliedBankChange } from './applyBankChange.js';
import { OrgIdText, parseBankInput } from './bankInputs.js';

// The policy's own bounds (OrgPolicySchema's hardwareKeys.allowedAaguids), so staff cannot set a list it would refuse to sign.
const Aaguid = z.uuid('expected an AAGUID: a UUID such as cb69481e-8ff7-4039-93ec-0a2729a154a8').transform((value) => value.toLowerCase());

export const SetAllowedAaguidsInput = z.strictObject({ orgId: OrgIdText, aaguids: z.array(Aaguid).min(1, 'expected at least one AAGUID, or none to allow any model').max(256).nullable() });
export type SetAllowedAaguidsInput = z.input<typeof SetAllowedAaguidsInput>;

/**
 * `coffer server keys allow`: the authenticator models (AAGUIDs) the organisation's users may register from now on,
 * or null for any. Signed into the next policy as `hardwareKeys.allowedAaguids`; enrolment and POST /v1/credentials
 * refuse other models (SERVER_KEY_NOT_ALLOWED), and vaults refuse them too. Keys registered before stay registered.
 */
export async function setAllowedAaguids(store: GatewayStore, staff: string, input: SetAllowedAaguidsInput, now = Date.now()): Promise<AppliedBankChange<void>> {
  const { orgId, aaguids } = parseBankInput(SetAllowedAaguidsInput, input);
  const models = aaguids === null ? null : [...new Set(aaguids)].sort();
  return applyBankChange(store, { staff, action: 'keys.allow', orgId, details: { aaguids: models }, now }, async (trx) => {
    await ensureOrganisation(trx, orgId);
    await trx.updateTable('organisations').set({ allowed_aaguids: models === null ? null : JSON.stringify(models) }).where('id', '=', orgId).execute();
  });
}
