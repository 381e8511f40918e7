/**
 * A real gateway on loopback (port 0) over a test store, and a device that talks to it as the app will:
 * an Ed25519 key of its own, requests signed with Coffer's RFC 9421 profile, answers parsed with the
 * contract's schemas.
 */
import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { afterEach } from 'vitest';
import { EnrolmentResponse, GatewayErrorResponse } from '../../src/contract/index.js';
import { generateEd25519KeyPair, type Ed25519KeyPair } from '../../src/crypto/index.js';
import {
  addUser,
  buildGateway,
  createActivationCode,
  createOrganisation,
  type GatewayOptions,
  type GatewayStore,
} from '../../src/server/index.js';
import { ENROLMENT_KEY_ID, signGatewayRequest } from '../../src/protocol/index.js';

export interface TestGateway {
  app: FastifyInstance;
  url: string;
  /** Every JSON log line the gateway wrote. */
  logLines: string[];
}

const running: FastifyInstance[] = [];
afterEach(async () => {
  for (const app of running.splice(0)) await app.close();
});

/** Builds the gateway on `store` and listens on 127.0.0.1 at a free port; closed after the test. */
export async function startTestGateway(store: GatewayStore, options: Partial<GatewayOptions> = {}): Promise<TestGateway> {
  const logLines: string[] = [];
  const log = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logLines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  const app = await buildGateway({ store, log, ...options });
  running.push(app);
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (address === null || typeof address === 'string') throw new Error('expected a TCP address');
  return { app, url: `http://127.0.0.1:${address.port}`, logLines };
}

export interface GatewayAnswer {
  status: number;
  body: unknown;
  /** The refusal's code, when the answer is one. */
  code: string | undefined;
}

async function answer(response: Response): Promise<GatewayAnswer> {
  const body: unknown = await response.json();
  const refusal = GatewayErrorResponse.safeParse(body);
  return { status: response.status, body, code: refusal.success ? refusal.data.error.code : undefined };
}

/** Sends a request with the given headers and body as is (attacks build their own). */
export async function send(url: string, method: string, headers: Record<string, string>, body?: Uint8Array): Promise<GatewayAnswer> {
  return answer(await fetch(url, { method, headers, ...(body ? { body } : {}) }));
}

export interface TestDevice {
  key: Ed25519KeyPair;
  deviceId: string;
  enrolment: EnrolmentResponse;
}

export const encodeJson = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));

/** The enrolment request a device sends: JSON body, signed by the key it enrols. */
export async function enrolmentRequest(gatewayUrl: string, code: string, key: Ed25519KeyPair, vaultId = 'vault-1', now?: number) {
  const body = encodeJson({ activationCode: code, devicePublicKey: key.publicKey.toString('base64url'), vaultId });
  const url = `${gatewayUrl}/v1/enrolments`;
  const headers = await signGatewayRequest({ method: 'POST', url, body, keyId: ENROLMENT_KEY_ID, seed: key.seed, ...(now === undefined ? {} : { now }) });
  return { url, body, headers: { ...headers, 'content-type': 'application/json' } };
}

/** Enrols a fresh device key with `code`; returns the answer (a refusal too). */
export async function tryEnrol(gatewayUrl: string, code: string, key = generateEd25519KeyPair(), vaultId = 'vault-1'): Promise<GatewayAnswer & { key: Ed25519KeyPair }> {
  const request = await enrolmentRequest(gatewayUrl, code, key, vaultId);
  return { ...(await send(request.url, 'POST', request.headers, request.body)), key };
}

/** Enrols a device and expects success. */
export async function enrol(gatewayUrl: string, code: string, vaultId = 'vault-1'): Promise<TestDevice> {
  const result = await tryEnrol(gatewayUrl, code, undefined, vaultId);
  if (result.status !== 201) throw new Error(`expected enrolment, got ${result.status} ${JSON.stringify(result.body)}`);
  const enrolment = EnrolmentResponse.parse(result.body);
  return { key: result.key, deviceId: enrolment.deviceId, enrolment };
}

/** A signed GET by the device. */
export async function signedGet(gatewayUrl: string, path: string, device: Pick<TestDevice, 'deviceId' | 'key'>, options: { now?: number; nonce?: string } = {}): Promise<GatewayAnswer> {
  const url = `${gatewayUrl}${path}`;
  const headers = await signGatewayRequest({ method: 'GET', url, keyId: device.deviceId, seed: device.key.seed, ...options });
  return send(url, 'GET', headers);
}

/** An organisation with one maker, and an activation code for her. */
export async function orgWithCode(store: GatewayStore, now = Date.now()): Promise<{ code: string }> {
  await createOrganisation(store, 'sam', { orgId: 'nordlicht', name: 'Nordlicht Handels GmbH' }, now);
  await addUser(store, 'sam', { orgId: 'nordlicht', userId: 'alice', name: 'Alice Maker', roles: ['maker'] }, now);
  const { code } = await createActivationCode(store, 'sam', { orgId: 'nordlicht', userId: 'alice' }, now);
  return { code };
}
