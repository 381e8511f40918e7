import { CofferError, DeviceCertificate, describeZodIssue } from '../contract/index.js';
import { signJws, verifyJws, type JwsSigningKey, type JwsVerificationKey } from '../crypto/index.js';

/** The JWS `typ` of a device certificate: a policy or another bank-signed document cannot pass for one. */
export const DEVICE_CERTIFICATE_JWS_TYPE = 'coffer-device-cert+jws';

/** The bank certifies that this Ed25519 key is this device, of this vault, of this user. */
export async function signDeviceCertificate(certificate: DeviceCertificate, bankKey: JwsSigningKey): Promise<string> {
  const checked = DeviceCertificate.parse(certificate);
  return signJws(new TextEncoder().encode(JSON.stringify(checked)), bankKey, { typ: DEVICE_CERTIFICATE_JWS_TYPE });
}

/**
 * Checks a device certificate against the pinned bank key and returns what it binds. The app runs it at
 * enrolment and at every session start (checkDeviceCertificate) to refuse a vault whose user, vault id or
 * device key differ from the certificate's.
 */
export async function verifyDeviceCertificate(jws: string, bankKey: JwsVerificationKey): Promise<DeviceCertificate> {
  let payload: Uint8Array;
  try {
    ({ payload } = await verifyJws(jws, bankKey, { typ: DEVICE_CERTIFICATE_JWS_TYPE }));
  } catch (cause) {
    throw new CofferError('SERVER_BAD_SIGNATURE', 'the device certificate is not signed by the bank key', { cause });
  }
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(payload));
  } catch (cause) {
    throw new CofferError('SERVER_BAD_REQUEST', 'the device certificate is not UTF-8 JSON', { cause });
  }
  const parsed = DeviceCertificate.safeParse(json);
  if (!parsed.success) throw new CofferError('SERVER_BAD_REQUEST', `device certificate: ${describeZodIssue(parsed.error).text}`);
  return parsed.data;
}
