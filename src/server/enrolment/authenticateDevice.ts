import { CofferError } from '../../contract/index.js';
import { MAX_CLOCK_SKEW_MS, readRequestSignature, type ReceivedRequest } from '../../protocol/index.js';
import { recordNonce } from '../store/groupCommit.js';
import type { GatewayStore } from '../store/openStore.js';
import type { DeviceTable } from '../store/storeSchema.js';
import { enrolledDevice } from './enrolledDevice.js';

/** A nonce older than this can never pass the clock check again, so its row may go. */
const NONCE_RETENTION_MS = 2 * MAX_CLOCK_SKEW_MS;
/** Prune old nonces on every this-many accepted requests of a process (a bounded table, no timer). */
const PRUNE_EVERY = 1000;
let acceptedSincePrune = 0;

function revoked(): CofferError {
  return new CofferError('SERVER_DEVICE_REVOKED', 'expected an active device, found it revoked by the bank');
}

/**
 * The device that signed this request, after every check of docs/gateway.md "Signed requests", in order:
 * profile, clock, digest (readRequestSignature); the device is known; the signature verifies with its key;
 * it is not revoked; the nonce is new. The nonce is recorded only after the signature verified, so nobody
 * can burn a device's nonces, and its primary key makes a replay lose in any number of processes. The
 * revocation is read from the store by the statement that records the nonce (groupCommit.ts), so a device
 * revoked by any process is refused from the next request on, whatever this process remembers of it.
 */
export async function authenticateDevice(store: GatewayStore, request: ReceivedRequest, now: number): Promise<DeviceTable> {
  const signature = readRequestSignature(request, now);
  const device = await enrolledDevice(store, signature.keyId);
  if (!device) throw new CofferError('SERVER_UNKNOWN_DEVICE', 'expected the keyid of an enrolled device, found an unknown one');
  if (!signature.verifiedBy(Buffer.from(device.public_key, 'base64url'))) {
    throw new CofferError('SERVER_BAD_SIGNATURE', 'expected a signature by the device key over this request, found one that does not verify');
  }
  if (device.revoked_at !== null) throw revoked();
  // Committed with the other requests' nonces of the moment (groupCommit.ts), and answered after that commit.
  const nonce = await recordNonce(store, { device_id: device.id, nonce: signature.nonce, created_at: signature.createdMs });
  if (nonce === 'inactive') throw revoked();
  if (nonce === 'replay') throw new CofferError('SERVER_REPLAY', 'expected a fresh nonce, found one this device already used: the request is a replay');
  acceptedSincePrune += 1;
  if (acceptedSincePrune >= PRUNE_EVERY) {
    acceptedSincePrune = 0;
    await store.db.deleteFrom('request_nonces').where('created_at', '<', now - NONCE_RETENTION_MS).execute();
  }
  return device;
}
