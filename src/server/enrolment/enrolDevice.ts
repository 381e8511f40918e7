import { sql, type Selectable, type Transaction } from 'kysely';
import { CofferError, type EnrolmentRequest, type EnrolmentResponse } from '../../contract/index.js';
import { randomId } from '../../crypto/index.js';
import { enrolmentRegistrationChallenge } from '../../domain/index.js';
import { appendGatewayAudit } from '../bank/appendGatewayAudit.js';
import { bankKeyText, loadBankKey } from '../bank/bankKey.js';
import { currentPolicy, issueOrgPolicy } from '../bank/issueOrgPolicy.js';
import { gatewayRelyingParty, type RelyingParty } from '../credentials/relyingParty.js';
import { ensureAaguidsAllowed } from '../credentials/ensureAaguidsAllowed.js';
import { insertCredential } from '../credentials/insertCredential.js';
import { verifyCredentialRegistration, type RegisteredCredential } from '../credentials/verifyCredentialRegistration.js';
import { rfc3339 } from '../bank/rfc3339.js';
import { ENROLMENT_KEY_ID, readRequestSignature, signDeviceCertificate, type ReceivedRequest } from '../../protocol/index.js';
import { isUniqueViolation } from '../store/constraintViolation.js';
import type { GatewayStore } from '../store/openStore.js';
import type { DeviceTable, GatewayDatabase } from '../store/storeSchema.js';
import { activationCodeId, hashActivationCode } from './activationCode.js';

// One message for an unknown code and a code of a removed user: the answer must not tell a guesser which.
const BAD_CODE = 'expected an activation code the bank issued for a current user, found none';

async function verifyRegistrations(store: GatewayStore, body: EnrolmentRequest, codeHash: string, devicePublicKey: Uint8Array, rp: RelyingParty): Promise<RegisteredCredential[]> {
  const responses = body.credentials ?? [];
  if (responses.length === 0) return [];
  // Read only to know whose keys these are (the demo check needs the user); the transaction decides again.
  const code = await store.db.selectFrom('activation_codes').select('user_id').where('code_hash', '=', codeHash).executeTakeFirst();
  if (!code) throw new CofferError('SERVER_BAD_ACTIVATION_CODE', BAD_CODE);
  const registered: RegisteredCredential[] = [];
  for (const response of responses) registered.push(await verifyCredentialRegistration({ response, challenge: enrolmentRegistrationChallenge(devicePublicKey), userId: code.user_id, rp }));
  if (new Set(registered.map((credential) => credential.id)).size !== registered.length) {
    throw new CofferError('SERVER_BAD_CREDENTIAL', 'expected each credential once in an enrolment, found one twice');
  }
  return registered;
}

const codeUsed = (cause?: unknown) =>
  new CofferError('SERVER_ACTIVATION_CODE_USED', 'expected an unused activation code, found one that already enrolled a device; ask the bank for a new one', cause === undefined ? undefined : { cause });

interface RetriedEnrolment {
  store: GatewayStore;
  earlier: Selectable<DeviceTable>;
  body: EnrolmentRequest;
  credentials: readonly RegisteredCredential[];
  bankKey: Awaited<ReturnType<typeof loadBankKey>>;
  now: number;
}

/**
 * The answer to a code presented again by the device it enrolled (same key, proven by the request's signature, and
 * same vault): the app lost the first answer, to a crash or a cut connection before its vault stored it, and
 * would otherwise be left with a spent code and a fresh vault. It gets the same device and certificate; keys
 * it registers this time (new ones: the vault never stored the first) are added as at enrolment. Any other
 * device, or this one revoked since, is refused as for a used code.
 */
async function answerRetry(trx: Transaction<GatewayDatabase>, retry: RetriedEnrolment): Promise<EnrolmentResponse> {
  const { earlier, body, bankKey, now } = retry;
  if (earlier.public_key !== body.devicePublicKey || earlier.vault_id !== body.vaultId || earlier.revoked_at !== null) throw codeUsed();
  const added: RegisteredCredential[] = [];
  for (const credential of retry.credentials) {
    const held = await trx.selectFrom('credentials').select('device_id').where('id', '=', credential.id).executeTakeFirst();
    if (held?.device_id === earlier.id) continue;
    await insertCredential(trx, credential, { orgId: earlier.org_id, userId: earlier.user_id, deviceId: earlier.id, now });
    added.push(credential);
  }
  const policy = added.length > 0 ? await issueOrgPolicy(trx, earlier.org_id, bankKey.signingKey, now) : await currentPolicy(trx, earlier.org_id);
  if (!policy) throw new CofferError('SERVER_NOT_FOUND', `expected a signed policy for ${earlier.org_id}, found none`);
  await appendGatewayAudit(trx, retry.store.dialect, {
    at: now,
    actor: `device:${earlier.id}`,
    action: 'device.enrol',
    orgId: earlier.org_id,
    details: {
      deviceId: earlier.id,
      codeId: activationCodeId(earlier.activation_code_hash),
      userId: earlier.user_id,
      vaultId: earlier.vault_id,
      retry: true,
      credentials: added.map((credential) => ({ id: credential.id, aaguid: credential.aaguid })),
      ...(added.length > 0 ? { policyVersion: policy.version } : {}),
    },
  });
  return { deviceId: earlier.id, orgId: earlier.org_id, userId: earlier.user_id, deviceCertificate: earlier.certificate, policy: policy.jws, bankKey: bankKeyText(bankKey.verificationKey) };
}

/**
 * POST /v1/enrolments. The request is signed by the key it enrols (keyid "enrolment"), so nobody enrols
 * a key they do not hold. The user's WebAuthn registrations are verified first (challenge bound to the device
 * key, rpId, origin, UV; demo keys refused). In one transaction: the code is found by its hash and checked
 * unexpired, each key's authenticator model checked against the organisation's allowed list (SERVER_KEY_NOT_ALLOWED,
 * the code unspent), the bank certifies device key, vault and user, the device row and the credentials are inserted,
 * and — when credentials came — the organisation policy is re-issued carrying them; the device row's UNIQUE
 * activation code decides a race between two devices presenting one code, in any number of processes. The
 * device that used a code may present it again until it expires (`answerRetry`).
 */
export async function enrolDevice(store: GatewayStore, request: ReceivedRequest, body: EnrolmentRequest, now: number, rp: RelyingParty = gatewayRelyingParty()): Promise<EnrolmentResponse> {
  const signature = readRequestSignature(request, now);
  if (signature.keyId !== ENROLMENT_KEY_ID) throw new CofferError('SERVER_UNSIGNED', `expected an enrolment signed with keyid "${ENROLMENT_KEY_ID}", found ${JSON.stringify(signature.keyId)}`);
  const devicePublicKey = Buffer.from(body.devicePublicKey, 'base64url');
  if (!signature.verifiedBy(devicePublicKey)) throw new CofferError('SERVER_BAD_SIGNATURE', 'expected the enrolment signed by the device key it enrols, found another signature');
  const bankKey = await loadBankKey(store.db, now);
  const codeHash = hashActivationCode(body.activationCode);
  const credentials = await verifyRegistrations(store, body, codeHash, devicePublicKey, rp);
  return store.db.transaction().execute(async function enrolInTransaction(trx) {
    // A new policy version will be issued: enrolments and bank changes of one organisation queue on its row.
    if (credentials.length > 0 && store.dialect === 'postgres') {
      await sql`SELECT o.id FROM organisations o JOIN activation_codes c ON c.org_id = o.id WHERE c.code_hash = ${codeHash} FOR UPDATE OF o`.execute(trx);
    }
    const code = await trx.selectFrom('activation_codes').selectAll().where('code_hash', '=', codeHash).executeTakeFirst();
    if (!code) throw new CofferError('SERVER_BAD_ACTIVATION_CODE', BAD_CODE);
    if (now >= code.expires_at) throw new CofferError('SERVER_ACTIVATION_CODE_EXPIRED', `expected an unexpired activation code, found one that expired at ${rfc3339(code.expires_at)}; ask the bank for a new one`);
    const user = await trx.selectFrom('org_users').select('removed_at').where('org_id', '=', code.org_id).where('user_id', '=', code.user_id).executeTakeFirst();
    if (!user || user.removed_at !== null) throw new CofferError('SERVER_BAD_ACTIVATION_CODE', BAD_CODE);
    // Before anything is written, so a refused key spends no code (the retry's keys too: the same rule for every key).
    await ensureAaguidsAllowed(trx, code.org_id, credentials);
    const earlier = await trx.selectFrom('devices').selectAll().where('activation_code_hash', '=', codeHash).executeTakeFirst();
    if (earlier) return answerRetry(trx, { store, earlier, body, credentials, bankKey, now });
    const deviceId = randomId();
    const certificate = await signDeviceCertificate(
      { deviceId, orgId: code.org_id, userId: code.user_id, vaultId: body.vaultId, devicePublicKey: body.devicePublicKey, issuedAt: rfc3339(now) },
      bankKey.signingKey,
    );
    try {
      await trx
        .insertInto('devices')
        .values({ id: deviceId, org_id: code.org_id, user_id: code.user_id, vault_id: body.vaultId, public_key: body.devicePublicKey, activation_code_hash: codeHash, certificate, enrolled_at: now, revoked_at: null })
        .execute();
    } catch (error) {
      if (isUniqueViolation(error, 'activation_code_hash')) throw codeUsed(error);
      if (isUniqueViolation(error, 'public_key')) throw new CofferError('SERVER_DEVICE_KEY_IN_USE', 'expected a device key not yet enrolled, found it enrolled: generate a new key per enrolment', { cause: error });
      throw error;
    }
    for (const credential of credentials) await insertCredential(trx, credential, { orgId: code.org_id, userId: code.user_id, deviceId, now });
    const policy = credentials.length > 0 ? await issueOrgPolicy(trx, code.org_id, bankKey.signingKey, now) : await currentPolicy(trx, code.org_id);
    if (!policy) throw new CofferError('SERVER_NOT_FOUND', `expected a signed policy for ${code.org_id}, found none`);
    await appendGatewayAudit(trx, store.dialect, {
      at: now,
      actor: `device:${deviceId}`,
      action: 'device.enrol',
      orgId: code.org_id,
      details: {
        deviceId,
        codeId: activationCodeId(codeHash),
        userId: code.user_id,
        vaultId: body.vaultId,
        devicePublicKey: body.devicePublicKey,
        credentials: credentials.map((credential) => ({ id: credential.id, aaguid: credential.aaguid })),
        ...(credentials.length > 0 ? { policyVersion: policy.version } : {}),
      },
    });
    return { deviceId, orgId: code.org_id, userId: code.user_id, deviceCertificate: certificate, policy: policy.jws, bankKey: bankKeyText(bankKey.verificationKey) };
  });
}
