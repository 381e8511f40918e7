import { z } from 'zod';
import type { GatewayStore } from '../store/openStore.js';
import { ensureActiveUser } from '../bank/activeUser.js';
import { OrgIdText, parseBankInput, UserIdText } from '../bank/bankInputs.js';
import { rfc3339 } from '../bank/rfc3339.js';
import { recordStaffAction } from '../bank/recordStaffAction.js';
import { activationCodeId, generateActivationCode, hashActivationCode } from './activationCode.js';

export const DEFAULT_CODE_VALIDITY_MINUTES = 72 * 60;
const MAX_CODE_VALIDITY_MINUTES = 14 * 24 * 60;

export const CreateActivationCodeInput = z.strictObject({
  orgId: OrgIdText,
  userId: UserIdText,
  validMinutes: z.int().min(1).max(MAX_CODE_VALIDITY_MINUTES).default(DEFAULT_CODE_VALIDITY_MINUTES),
});
export type CreateActivationCodeInput = z.input<typeof CreateActivationCodeInput>;

export interface ActivationCodeIssued {
  /** Shown once to the bank staff member, who hands it to the user out of band; never stored. */
  code: string;
  expiresAt: string;
}

/** `coffer server user activation-code`: a one-time, expiring code that enrols one device for the user. */
export async function createActivationCode(store: GatewayStore, staff: string, input: CreateActivationCodeInput, now = Date.now()): Promise<ActivationCodeIssued> {
  const { orgId, userId, validMinutes } = parseBankInput(CreateActivationCodeInput, input);
  const code = generateActivationCode();
  const codeHash = hashActivationCode(code);
  const expiresAt = now + validMinutes * 60_000;
  await recordStaffAction(store, { staff, action: 'user.activation-code', orgId, details: { userId, codeId: activationCodeId(codeHash), expiresAt: rfc3339(expiresAt) }, now }, async (trx) => {
    await ensureActiveUser(trx, orgId, userId);
    await trx.insertInto('activation_codes').values({ code_hash: codeHash, org_id: orgId, user_id: userId, created_at: now, expires_at: expiresAt }).execute();
  });
  return { code, expiresAt: rfc3339(expiresAt) };
}
