import { CofferError } from '../../contract/index.js';
import { ed25519PublicKeyFromSeed } from '../../crypto/index.js';
import { verifyDeviceCertificate } from '../../protocol/index.js';
import type { UnlockedVault } from '../../vault/index.js';
import { bankVerificationKey, readBankConnection } from './bankConnection.js';

function mismatch(message: string, cause?: unknown): CofferError {
  return new CofferError('APP_DEVICE_MISMATCH', `${message}: this session is refused; ask the bank to enrol this device again`, cause === undefined ? undefined : { cause });
}

/**
 * At every session start of an enrolled vault: the device certificate verifies with the pinned bank key, and
 * binds exactly this vault's user, vault id, device key and gateway device id. A user who edits her own
 * decrypted database to name another user (a viewer who makes herself the approver) is refused here, before
 * any command, with APP_DEVICE_MISMATCH. What this does not stop (a rewritten bank key with a certificate and
 * policy signed by a key of her own) is said in docs/security.md "Enrolment".
 */
export async function checkDeviceCertificate(vault: UnlockedVault): Promise<void> {
  const connection = readBankConnection(vault.db);
  if (connection === undefined) return;
  let certificate;
  try {
    certificate = await verifyDeviceCertificate(connection.deviceCertificate, bankVerificationKey(connection.bankKey));
  } catch (cause) {
    throw mismatch('expected a device certificate signed by the bank key pinned at enrolment, found one that does not verify', cause);
  }
  const devicePublicKey = Buffer.from(ed25519PublicKeyFromSeed(vault.audit.identity.signer.seed)).toString('base64url');
  // Ensure each binding, naming what differs (user ids and vault ids are no secrets; keys are not shown).
  if (certificate.userId !== vault.userId) throw mismatch(`expected the vault's user to be ${certificate.userId}, whom the bank certified this device for, found ${vault.userId}`);
  if (certificate.vaultId !== vault.vaultId) throw mismatch(`expected vault ${certificate.vaultId}, whose device the bank certified, found vault ${vault.vaultId}`);
  if (certificate.devicePublicKey !== devicePublicKey) throw mismatch('expected the device key the bank certified, found another key in the vault');
  if (certificate.deviceId !== connection.deviceId || certificate.orgId !== connection.orgId || certificate.userId !== connection.userId) {
    throw mismatch('expected the enrolment record to match the certificate, found it edited');
  }
}
