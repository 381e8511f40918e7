import { sql } from 'kysely';
import { CofferError, type CredentialAnswer, type CredentialSubmission } from '../../contract/index.js';
import { deviceRegistrationChallenge } from '../../domain/index.js';
import { appendGatewayAudit } from '../bank/appendGatewayAudit.js';
import { loadBankKey } from '../bank/bankKey.js';
import { issueOrgPolicy } from '../bank/issueOrgPolicy.js';
import type { GatewayStore } from '../store/openStore.js';
import type { DeviceTable } from '../store/storeSchema.js';
import { ensureAaguidsAllowed } from './ensureAaguidsAllowed.js';
import { insertCredential } from './insertCredential.js';
import type { RelyingParty } from './relyingParty.js';
import { verifyCredentialRegistration } from './verifyCredentialRegistration.js';

export interface RegisterDeviceCredentialOpts {
  device: DeviceTable;
  submission: CredentialSubmission;
  now: number;
  rp: RelyingParty;
}

/**
 * POST /v1/credentials: a hardware key the device's user registered after enrolment. Verified exactly as at
 * enrolment (origin, rpId, UV, demo keys refused), but its challenge must be deviceRegistrationChallenge of the
 * key of the device that sends it and the salt it names, so a registration made for another device (captured
 * or replayed) verifies for none but that one. In one transaction: its authenticator model checked against the
 * organisation's allowed list (SERVER_KEY_NOT_ALLOWED), the credential inserted for the device's
 * user (its id unique), the organisation policy re-issued as its next version listing it, the audit entry.
 */
export async function registerDeviceCredential(store: GatewayStore, opts: RegisterDeviceCredentialOpts): Promise<CredentialAnswer> {
  const { device, submission, now } = opts;
  const challenge = deviceRegistrationChallenge(Buffer.from(device.public_key, 'base64url'), Buffer.from(submission.salt, 'base64url'));
  const credential = await verifyCredentialRegistration({ response: submission.credential, challenge, userId: device.user_id, rp: opts.rp });
  const bankKey = await loadBankKey(store.db, now);
  return store.db.transaction().execute(async function registerInTransaction(trx) {
    // A new policy version will be issued: enrolments and bank changes of one organisation queue on its row.
    if (store.dialect === 'postgres') await sql`SELECT id FROM organisations WHERE id = ${device.org_id} FOR UPDATE`.execute(trx);
    const user = await trx.selectFrom('org_users').select('removed_at').where('org_id', '=', device.org_id).where('user_id', '=', device.user_id).executeTakeFirst();
    // Ensure the key becomes a current user's (a removed user's devices are revoked; this holds in the race too).
    if (!user || user.removed_at !== null) throw new CofferError('SERVER_DEVICE_REVOKED', `expected a device of a current user, found one of ${device.user_id}, who was removed`);
    await ensureAaguidsAllowed(trx, device.org_id, [credential]);
    await insertCredential(trx, credential, { orgId: device.org_id, userId: device.user_id, deviceId: device.id, now });
    const policy = await issueOrgPolicy(trx, device.org_id, bankKey.signingKey, now);
    await appendGatewayAudit(trx, store.dialect, {
      at: now,
      actor: `device:${device.id}`,
      action: 'credential.register',
      orgId: device.org_id,
      details: { userId: device.user_id, credentialId: credential.id, aaguid: credential.aaguid, policyVersion: policy.version },
    });
    return { credentialId: credential.id, policyVersion: policy.version };
  });
}
