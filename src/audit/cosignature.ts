import { ED25519_SEED_LENGTH, ED25519_SIGNATURE_LENGTH, ed25519PublicKeyFromSeed, ed25519Sign, ed25519Verify, sha256 } from '../crypto/index.js';
import { AuditError } from './errors.js';
import { decodeBase64 } from './decodeBase64.js';
import { isValidKeyName } from './isValidKeyName.js';
import { KEY_ID_LENGTH, SIGNATURE_LINE_PREFIX } from './noteConstants.js';
import type { NoteSigner } from './parseSignerKey.js';

/**
 * C2SP tlog-cosignature (Ed25519, `cosignature/v1`): a witness's timestamped statement that the checkpoint
 * is the largest consistent tree head it has seen for the log. Its key id uses signature type 0x04, so a
 * cosigner key can never pass for a log's checkpoint key (type 0x01) or the other way round.
 */
const COSIGNATURE_TYPE = 0x04;
const TIMESTAMP_LENGTH = 8;
const HEADER = 'cosignature/v1\n';

/** A witness key as a verifier knows it: its name and Ed25519 public key. */
export interface Cosigner {
  name: string;
  publicKey: Uint8Array;
}

/** SHA-256(name ‖ "\n" ‖ 0x04 ‖ public key)[:4], as uint32. */
export function cosignerKeyId(name: string, publicKey: Uint8Array): number {
  return sha256(Buffer.from(`${name}\n`, 'utf8'), Uint8Array.of(COSIGNATURE_TYPE), publicKey).readUInt32BE(0);
}

function signedMessage(checkpointText: string, timestamp: number): Buffer {
  return Buffer.from(`${HEADER}time ${timestamp}\n${checkpointText}`, 'utf8');
}

/**
 * The note signature line (`— <name> base64(key id ‖ u64 timestamp ‖ signature)`, newline-terminated)
 * cosigning `checkpointText`, the checkpoint body without its signatures, at `timestamp` (POSIX seconds).
 */
export function cosignCheckpoint(checkpointText: string, signer: NoteSigner, timestamp: number): string {
  if (!isValidKeyName(signer.name)) throw new AuditError('AUDIT_BAD_KEY', 'expected a key name without spaces or "+", found another');
  if (signer.seed.length !== ED25519_SEED_LENGTH) {
    throw new AuditError('AUDIT_BAD_KEY', `expected a ${ED25519_SEED_LENGTH}-byte seed, found ${signer.seed.length} bytes`);
  }
  if (!Number.isSafeInteger(timestamp) || timestamp < 0) throw new AuditError('AUDIT_BAD_NOTE', `expected a POSIX time in seconds, found ${timestamp}`);
  const head = Buffer.alloc(KEY_ID_LENGTH + TIMESTAMP_LENGTH);
  head.writeUInt32BE(cosignerKeyId(signer.name, ed25519PublicKeyFromSeed(signer.seed)), 0);
  head.writeBigUInt64BE(BigInt(timestamp), KEY_ID_LENGTH);
  const signature = ed25519Sign(signer.seed, signedMessage(checkpointText, timestamp));
  return `${SIGNATURE_LINE_PREFIX}${signer.name} ${Buffer.concat([head, signature]).toString('base64')}\n`;
}

/**
 * The time of the cosignature by `cosigner` among `signatureLines` (note signature lines, as a witness
 * answers or as they follow a checkpoint) over `checkpointText`. Lines by other keys are ignored, as C2SP
 * asks; a line by this key that does not verify is AUDIT_BAD_SIGNATURE, none at all AUDIT_UNKNOWN_SIGNER.
 */
export function verifyCosignature(checkpointText: string, signatureLines: string, cosigner: Cosigner): { timestamp: number } {
  const keyId = cosignerKeyId(cosigner.name, cosigner.publicKey);
  for (const line of signatureLines.split('\n')) {
    if (!line.startsWith(`${SIGNATURE_LINE_PREFIX}${cosigner.name} `)) continue;
    const decoded = decodeBase64(line.slice(SIGNATURE_LINE_PREFIX.length + cosigner.name.length + 1));
    if (decoded === undefined || decoded.length !== KEY_ID_LENGTH + TIMESTAMP_LENGTH + ED25519_SIGNATURE_LENGTH) continue;
    if (decoded.readUInt32BE(0) !== keyId) continue;
    const time = decoded.readBigUInt64BE(KEY_ID_LENGTH);
    const timestamp = Number(time);
    if (!ed25519Verify(cosigner.publicKey, signedMessage(checkpointText, timestamp), decoded.subarray(KEY_ID_LENGTH + TIMESTAMP_LENGTH)) || BigInt(timestamp) !== time) {
      throw new AuditError('AUDIT_BAD_SIGNATURE', `expected a valid cosignature by ${cosigner.name}, found one that does not verify`);
    }
    return { timestamp };
  }
  throw new AuditError('AUDIT_UNKNOWN_SIGNER', `expected a cosignature by ${cosigner.name}, found none`);
}
