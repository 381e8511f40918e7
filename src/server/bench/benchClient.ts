import { Agent, request } from 'node:http';
import { EnrolmentResponse, type RegistrationResponseJson } from '../../contract/index.js';
import { ed25519Signer, generateEd25519KeyPair, randomBytes, type Ed25519KeyPair } from '../../crypto/index.js';
import { ENROLMENT_KEY_ID, signGatewayRequest } from '../../protocol/index.js';

/** The load generator's side of one enrolled device: the gateway's base URL, a keep-alive agent, the device key. */
export interface BenchDevice {
  base: string;
  /** Gateways on one store to spread the requests over, round-robin (`--gateway-processes`); `base` alone when absent. */
  bases?: readonly string[];
  agent: Agent;
  deviceId: string;
  key: Ed25519KeyPair;
}

export interface BenchAnswer {
  status: number;
  body: string;
}

/** One HTTP request over the agent's kept-alive sockets (node:http: fetch would add its own overhead to every figure). */
export function send(device: Pick<BenchDevice, 'base' | 'agent'>, method: string, pathAndQuery: string, headers: Record<string, string>, body?: Uint8Array): Promise<BenchAnswer> {
  return new Promise((resolve, reject) => {
    const req = request(`${device.base}${pathAndQuery}`, { method, headers, agent: device.agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** A device enrolled with a one-time code over HTTP, with the user's registrations when given. */
export async function enrolBenchDevice(
  base: string,
  agent: Agent,
  code: string,
  registrations: (devicePublicKey: Uint8Array) => RegistrationResponseJson[] = () => [],
): Promise<BenchDevice> {
  const key = generateEd25519KeyPair();
  const credentials = registrations(key.publicKey);
  const body = new TextEncoder().encode(JSON.stringify({ activationCode: code, devicePublicKey: key.publicKey.toString('base64url'), vaultId: `bench-${randomBytes(4).toString('hex')}`, ...(credentials.length > 0 ? { credentials } : {}) }));
  const headers = await signGatewayRequest({ method: 'POST', url: `${base}/v1/enrolments`, body, keyId: ENROLMENT_KEY_ID, seed: key.seed });
  const enrolled = await send({ base, agent }, 'POST', '/v1/enrolments', { ...headers, 'content-type': 'application/json' }, body);
  if (enrolled.status !== 201) throw new Error(`expected enrolment, found ${enrolled.status}: ${enrolled.body.slice(0, 200)}`);
  const { deviceId } = EnrolmentResponse.parse(JSON.parse(enrolled.body));
  return { base, agent, deviceId, key };
}

let turn = 0;

/** The gateway the next request of `device` goes to: its bases in turn, as a round-robin load balancer would. */
export function nextBase(device: Pick<BenchDevice, 'base' | 'bases'>): string {
  if (device.bases === undefined || device.bases.length === 0) return device.base;
  turn = (turn + 1) % device.bases.length;
  return device.bases[turn] ?? device.base;
}

const signers = new WeakMap<Uint8Array, (message: Uint8Array) => Buffer>();

/** The device key imported once per process: the load generator signs every request with it. */
export function benchSigner(device: Pick<BenchDevice, 'key'>): (message: Uint8Array) => Buffer {
  const kept = signers.get(device.key.seed);
  if (kept !== undefined) return kept;
  const signer = ed25519Signer(device.key.seed);
  signers.set(device.key.seed, signer);
  return signer;
}

export function percentile(sorted: number[], p: number): number {
  return sorted.length === 0 ? 0 : (sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0);
}

export const round = (value: number, digits = 1) => Number(value.toFixed(digits));
