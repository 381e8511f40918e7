import { CofferError, EnrolmentResponse, WitnessKeyResponse, AccountsResponse, type DeviceCertificate } from '../../contract/index.js';
import { ed25519PublicKeyFromSeed } from '../../crypto/index.js';
import { verifyOrgPolicy, type OrgPolicy } from '../../policy/index.js';
import { ENROLMENT_KEY_ID, verifyDeviceCertificate } from '../../protocol/index.js';
import { assignVaultUser, dangerousTestOnlyCrashPoint } from '../../vault/index.js';
import { bankVerificationKey, writeBankConnection, type BankConnection } from '../bank/bankConnection.js';
import { ensureFreshVault } from '../bank/ensureFreshVault.js';
import { gatewayRequest, parseAnswer } from '../bank/gatewayRequest.js';
import { parseGatewayUrl } from '../bank/gatewayUrl.js';
import { pullStatements } from '../bank/pullStatements.js';
import { storeBankAccounts } from '../bank/storeBankAccounts.js';
import { implementCommand } from '../dispatch/defineCommand.js';
import { insertCredential } from '../keys/credentialRecords.js';
import { ensureKeyModelAllowed } from '../keys/policyOf.js';
import { verifyEnrolmentKeys, type EnrolmentKey } from '../keys/enrolmentKeys.js';
import { storeOrgPolicy } from '../policy/installOrgPolicy.js';

const JSON_TYPE = 'application/json';

/** Ensure the certificate binds what this device sent: its key, its vault, and the ids the answer names. */
function ensureCertifiesThisDevice(certificate: DeviceCertificate, answer: EnrolmentResponse, devicePublicKey: string, vaultId: string): void {
  const bound = certificate.devicePublicKey === devicePublicKey && certificate.vaultId === vaultId;
  const named = certificate.deviceId === answer.deviceId && certificate.orgId === answer.orgId && certificate.userId === answer.userId;
  if (!bound || !named) throw new CofferError('APP_BAD_GATEWAY_ANSWER', 'expected a certificate of this device key and vault, found one for another');
}

/** Ensure the policy the enrolment answered with vouches for every key it registered, so other vaults verify its approvals. */
function ensurePolicyListsKeys(policy: OrgPolicy, userId: string, keys: readonly EnrolmentKey[]): void {
  const listed = new Set(policy.users.find((user) => user.id === userId)?.credentials?.map((credential) => credential.id) ?? []);
  const missing = keys.filter((key) => !listed.has(key.id));
  if (missing.length > 0) throw new CofferError('APP_BAD_GATEWAY_ANSWER', `expected the enrolment's policy to list the ${keys.length} key(s) registered with it, found ${missing.length} missing`);
}

async function verifiedCertificate(answer: EnrolmentResponse): Promise<DeviceCertificate> {
  try {
    return await verifyDeviceCertificate(answer.deviceCertificate, bankVerificationKey(answer.bankKey));
  } catch (cause) {
    throw new CofferError('APP_BAD_GATEWAY_ANSWER', 'expected a device certificate signed by the bank key the gateway named, found one that does not verify', { cause });
  }
}

/**
 * `bank.enrol`: enrols the vault's device key (the key that signs its checkpoints) with a one-time activation code,
 * pins the bank key and the witness key it learns (trust on first use: docs/security.md "Enrolment"), and
 * stores the certificate, the policy (verified with that key), the accounts and the hardware keys registered with
 * the enrolment (verified here first, then listed by that policy) in one transaction with one `bank.enrol` entry;
 * then takes over the statement history page by page (`bank.statements`). A crash after the gateway enrolled the
 * device but before the vault stored it leaves the vault fresh, and enrolling it again with the same code (until
 * it expires) gets the same device back.
 */
export const enrolCommand = implementCommand('bank.enrol', {
  async prepare(ctx, input) {
    ensureFreshVault(ctx.vault);
    const gateway = parseGatewayUrl(input.server);
    const keys = await verifyEnrolmentKeys(ctx.vault, input.keys ?? [], ctx.now);
    return { data: { gateway, keys }, target: input.server };
  },
  async run(ctx, input, { gateway, keys }) {
    const { vault } = ctx;
    const seed = vault.audit.identity.signer.seed;
    const devicePublicKey = Buffer.from(ed25519PublicKeyFromSeed(seed)).toString('base64url');
    const witness = parseAnswer(await gatewayRequest({ gateway, method: 'GET', path: '/v1/witness' }), WitnessKeyResponse, "the witness's key");
    const credentials = (input.keys ?? []).map((key) => key.response);
    const request = { activationCode: input.code, devicePublicKey, vaultId: vault.vaultId, ...(credentials.length > 0 ? { credentials } : {}) };
    const body = new TextEncoder().encode(JSON.stringify(request));
    const sent = await gatewayRequest({ gateway, method: 'POST', path: '/v1/enrolments', signer: { keyId: ENROLMENT_KEY_ID, seed }, body, contentType: JSON_TYPE });
    const answer = parseAnswer(sent, EnrolmentResponse, 'an enrolment');
    const certificate = await verifiedCertificate(answer);
    ensureCertifiesThisDevice(certificate, answer, devicePublicKey, vault.vaultId);
    let policy: OrgPolicy;
    try {
      policy = await verifyOrgPolicy(answer.policy, bankVerificationKey(answer.bankKey), ctx.now, { orgId: certificate.orgId });
    } catch (cause) {
      throw new CofferError('APP_BAD_GATEWAY_ANSWER', 'expected the organisation policy signed by the bank key that signed the certificate, found one that does not verify', { cause });
    }
    ensurePolicyListsKeys(policy, certificate.userId, keys);
    // Ensure the bank's own policy allows each key's model before the vault keeps it: the gateway refuses others before
    // it spends the code, so a key of another model here is a gateway that did not apply its own policy.
    for (const key of keys) ensureKeyModelAllowed(policy.hardwareKeys, key.aaguid);
    const signer = { keyId: answer.deviceId, seed };
    const accounts = parseAnswer(await gatewayRequest({ gateway, method: 'GET', path: '/v1/accounts', signer }), AccountsResponse, "the organisation's accounts");
    const connection: BankConnection = {
      gatewayUrl: gateway.origin,
      deviceId: answer.deviceId,
      orgId: certificate.orgId,
      userId: certificate.userId,
      bankKey: answer.bankKey,
      deviceCertificate: answer.deviceCertificate,
      witnessName: witness.name,
      witnessKey: witness.publicKey,
      enrolledAt: ctx.now.toISOString(),
    };
    // The gateway has enrolled the device and the vault has stored nothing: the same code, presented again by this
    // vault, gets the same enrolment back (the gateway's answerRetry), so a crash here spends no code.
    dangerousTestOnlyCrashPoint('enrol:after-gateway');
    // Counted before this enrolment stores its own keys: those registered earlier answered a challenge not bound to this device.
    const earlierKeys = vault.db.prepare('SELECT count(*) FROM webauthn_credentials WHERE removed_at IS NULL').pluck().get() as number;
    const details = {
      gateway: gateway.origin,
      deviceId: answer.deviceId,
      userId: certificate.userId,
      bankKey: answer.bankKey.publicKey,
      witness: witness.name,
      policyIssuedAt: policy.issuedAt,
      keys: keys.map((key) => ({ id: key.id, aaguid: key.aaguid, prfCapable: key.prfCapable })),
    };
    // The user the bank certified, not the unnamed owner the vault was until now: the entry commits with the change
    // that makes her the vault's user, so her own audit log shows how she came to hold it.
    const added = vault.transact({ action: 'bank.enrol', target: certificate.orgId, details, userId: certificate.userId }, (db) => {
      writeBankConnection(db, connection);
      assignVaultUser(db, certificate.userId);
      storeOrgPolicy(db, policy, answer.policy, ctx.now);
      // Stored as keys.register stores a key, under the user the bank named, so it unlocks, confirms and approves.
      for (const key of keys) insertCredential(db, { ...key, userId: certificate.userId });
      return storeBankAccounts(db, certificate.orgId, accounts.accounts, ctx.now).added.length;
    });
    // The vault read its user ("owner", none yet) at unlock: without this the history taken over below would be written
    // in the unnamed owner's name rather than the user the bank just named (the window renews its session later).
    vault.refreshUser();
    // The enrolment stands once stored: a history cut off by the network is resumed by the next sync, not failed.
    let statements: Awaited<ReturnType<typeof pullStatements>> = [];
    let notice: string | undefined;
    try {
      statements = await pullStatements(vault, connection, signer, () => new Date());
      // pullStatements recorded each refused page already.
      const refused = statements.filter((account) => account.refused !== undefined).length;
      if (refused > 0) notice = `enrolled, but the bank's statements of ${refused} account(s) did not add up to its balance and were refused (APP_BALANCE_MISMATCH): \`coffer sync\` asks again`;
    } catch (error) {
      if (!(error instanceof CofferError) || error.code !== 'APP_GATEWAY_UNREACHABLE') throw error;
      notice = 'enrolled, but the statement history could not all be fetched: run `coffer sync` to take over the rest';
      vault.record([{ action: 'bank.statements', outcome: 'failed', reason: error.code, target: connection.gatewayUrl }]);
    }
    // Their registrations answered a challenge not bound to this device, so the bank could not take them.
    if (earlierKeys > 0) {
      const keysNotice = `${earlierKeys} hardware key(s) registered before enrolment were not sent to the bank: register them again after unlocking, and the next \`coffer sync\` sends them`;
      notice = notice === undefined ? keysNotice : `${notice}; ${keysNotice}`;
    }
    return {
      gateway: gateway.origin,
      deviceId: answer.deviceId,
      orgId: certificate.orgId,
      userId: certificate.userId,
      roles: [...(policy.users.find((user) => user.id === certificate.userId)?.roles ?? [])],
      policyExpiresAt: policy.expiresAt,
      bankKey: answer.bankKey,
      witness: witness.name,
      accounts: added,
      keys: keys.map((key) => key.id),
      statements,
      ...(notice === undefined ? {} : { notice }),
    };
  },
  recordsOwnEntries: true,
});
