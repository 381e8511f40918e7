import type { Kysely } from 'kysely';
import type { GatewayStore } from '../store/openStore.js';
import type { DeviceTable, GatewayDatabase } from '../store/storeSchema.js';

/** Devices remembered per store and process; beyond this the longest-remembered is forgotten first. */
const DEVICES_KEPT = 4096;

const remembered = new WeakMap<Kysely<GatewayDatabase>, Map<string, DeviceTable>>();

/**
 * The enrolled device `id`, or undefined. A device not revoked is remembered per process: of its row only
 * `revoked_at` ever changes (revokeDevice, removeUser; devices are never deleted, and their id, key,
 * organisation, user, vault and certificate are written once at enrolment), so what is remembered cannot go
 * stale, and whether the device is revoked is not taken from here: the statement that records each request's
 * nonce reads it (groupCommit.ts). This saves a round trip to the database per signed request. A revoked
 * device is read afresh every time, so it is refused before its signature costs a group commit.
 */
export async function enrolledDevice(store: GatewayStore, id: string): Promise<DeviceTable | undefined> {
  let devices = remembered.get(store.db);
  if (devices === undefined) {
    devices = new Map();
    remembered.set(store.db, devices);
  }
  const kept = devices.get(id);
  if (kept !== undefined) return kept;
  const device = await store.db.selectFrom('devices').selectAll().where('id', '=', id).executeTakeFirst();
  if (device !== undefined && device.revoked_at === null) {
    if (devices.size >= DEVICES_KEPT) devices.delete(devices.keys().next().value as string);
    devices.set(id, device);
  }
  return device;
}
