/**
 * A real vault enrolled at a test gateway with its own audit key as the device key (the key that signs its
 * checkpoints also signs its requests), and the witness requests it sends: C2SP add-checkpoint bodies built
 * from the vault's own log and proofs, signed with Coffer's RFC 9421 profile.
 */
import { expect } from 'vitest';
import { formatAddCheckpoint, type Cosigner } from '../../src/audit/index.js';
import { signGatewayRequest } from '../../src/protocol/index.js';
import { createActivationCode, type GatewayStore } from '../../src/server/index.js';
import type { UnlockedVault } from '../../src/vault/index.js';
import { tryEnrol, type TestGateway } from './gatewayClient.js';
import { makeTestVault } from './testVault.js';

export interface WitnessedVault {
  dir: string;
  vault: UnlockedVault;
  deviceId: string;
  seed: Buffer;
}

/** A fresh vault whose device is enrolled at `gateway` for alice of nordlicht (see orgWithCode). */
export async function enrolVault(store: GatewayStore, gateway: TestGateway): Promise<WitnessedVault> {
  const { dir, vault } = await makeTestVault();
  vault.record([{ action: 'test.setup', outcome: 'allowed' }]);
  const row = vault.db.prepare("SELECT seed, public_key FROM device_keys WHERE purpose = 'audit-checkpoints'").get() as { seed: Buffer; public_key: Buffer };
  const { code } = await createActivationCode(store, 'sam', { orgId: 'nordlicht', userId: 'alice' }, Date.now());
  const enrolled = await tryEnrol(gateway.url, code, { seed: row.seed, publicKey: row.public_key }, vault.vaultId);
  expect(enrolled.status, JSON.stringify(enrolled.body)).toBe(201);
  return { dir, vault, deviceId: (enrolled.body as { deviceId: string }).deviceId, seed: row.seed };
}

/** Appends `count` entries to the vault's log and signs a checkpoint over it. */
export function grow(vault: UnlockedVault, count: number): { size: number; checkpoint: string } {
  vault.record(Array.from({ length: count }, (_, i) => ({ action: 'test.grow', outcome: 'allowed' as const, target: `entry-${i}` })));
  const checkpoint = vault.audit.checkpoint();
  if (checkpoint === undefined) throw new Error('expected a checkpoint');
  return { size: vault.audit.size, checkpoint };
}

export interface WitnessAnswer {
  status: number;
  contentType: string;
  text: string;
  code: string | undefined;
}

/** POSTs an add-checkpoint body, signed by the device. */
export async function addCheckpoint(gatewayUrl: string, device: Pick<WitnessedVault, 'deviceId' | 'seed'>, oldSize: number, proof: Buffer[], checkpoint: string): Promise<WitnessAnswer> {
  const url = `${gatewayUrl}/v1/witness/add-checkpoint`;
  const body = new TextEncoder().encode(formatAddCheckpoint({ oldSize, proof, checkpoint }));
  const headers = await signGatewayRequest({ method: 'POST', url, body, keyId: device.deviceId, seed: device.seed });
  const response = await fetch(url, { method: 'POST', headers: { ...headers, 'content-type': 'text/plain; charset=utf-8' }, body });
  const text = await response.text();
  const contentType = response.headers.get('content-type') ?? '';
  const code = contentType.startsWith('application/json') ? (JSON.parse(text) as { error?: { code?: string } }).error?.code : undefined;
  return { status: response.status, contentType, text, code };
}

/** The witness's key, as the gateway publishes it. */
export async function witnessKey(gatewayUrl: string): Promise<Cosigner> {
  const answer = (await (await fetch(`${gatewayUrl}/v1/witness`)).json()) as { name: string; publicKey: string };
  return { name: answer.name, publicKey: Buffer.from(answer.publicKey, 'base64') };
}

/** The text of a signed checkpoint without its signature lines. */
export function checkpointText(signedCheckpoint: string): string {
  return signedCheckpoint.slice(0, signedCheckpoint.indexOf('\n\n') + 1);
}
