import type { Transaction } from 'kysely';
import { CofferError } from '../../contract/index.js';
import { isUniqueViolation } from '../store/constraintViolation.js';
import type { GatewayDatabase } from '../store/storeSchema.js';
import type { RegisteredCredential } from './verifyCredentialRegistration.js';

/**
 * Stores a verified registration as the user's credential, inside the caller's transaction. The id is the
 * primary key: a key registered before (by this user or anyone) is refused, whatever races for it.
 */
export async function insertCredential(trx: Transaction<GatewayDatabase>, credential: RegisteredCredential, owner: { orgId: string; userId: string; deviceId: string; now: number }): Promise<void> {
  try {
    await trx
      .insertInto('credentials')
      .values({ id: credential.id, org_id: owner.orgId, user_id: owner.userId, public_key: Buffer.from(credential.publicKey).toString('base64url'), sign_count: credential.signCount, aaguid: credential.aaguid, device_id: owner.deviceId, created_at: owner.now })
      .execute();
  } catch (error) {
    if (isUniqueViolation(error)) throw new CofferError('SERVER_CREDENTIAL_IN_USE', `expected a credential not yet registered, found ${credential.id} registered already`, { cause: error });
    throw error;
  }
}
