import type { Agent } from 'node:http';
import type { PaymentOrder } from '../../contract/index.js';
import { randomBytes } from '../../crypto/index.js';
import { enrolmentRegistrationChallenge, paymentDigest, PaymentDigestInput } from '../../domain/index.js';
import { addUser } from '../bank/addUser.js';
import { setApprovalRule } from '../bank/setApprovalRule.js';
import { gatewayRelyingParty } from '../credentials/relyingParty.js';
import { createActivationCode } from '../enrolment/createActivationCode.js';
import { signGatewayRequest } from '../../protocol/index.js';
import type { GatewayStore } from '../store/openStore.js';
import { assertWithBenchKey, benchKey, registerBenchKey, type BenchKey } from './benchAuthenticator.js';
import { benchSigner, enrolBenchDevice, nextBase, send, type BenchDevice } from './benchClient.js';

const DAY_MS = 24 * 60 * 60 * 1000;
/** Registrations one enrolment may carry (MAX_ENROLMENT_CREDENTIALS). */
const KEYS_PER_ENROLMENT = 8;

/** One submission as the maker's device will send it: the body, approved in advance, and its Idempotency-Key. */
interface PreparedSubmission {
  body: Uint8Array;
  idempotencyKey: string;
}

export interface PaymentLoad {
  maker: BenchDevice;
  /** One queue per client, each approved by a key of its own in counter order, as one approver's key signs. */
  queues: PreparedSubmission[][];
}

export interface PaymentRun {
  accepted: number;
  rate: number;
  latencies: number[];
  /** True when a client ran out of prepared submissions before the time was up. */
  exhausted: boolean;
}

/**
 * The organisation's maker (mia) and approver (abe, class E alone on the account), enrolled over HTTP with
 * one hardware key of abe's per client; then `perClient` payments per client, each approved by that
 * client's key. Approving happens on the approvers' devices before a payment is sent, so it is done here,
 * outside the measured time; the maker's device signs each request when it sends it, inside.
 */
export async function preparePaymentLoad(store: GatewayStore, base: string, agent: Agent, orgId: string, iban: string, clients: number, perClient: number): Promise<PaymentLoad> {
  const rp = gatewayRelyingParty();
  await addUser(store, 'bench', { orgId, userId: 'mia', name: 'Mia Maker', roles: ['maker'] });
  await addUser(store, 'bench', { orgId, userId: 'abe', name: 'Abe Approver', roles: ['approver'] });
  await setApprovalRule(store, 'bench', { orgId, account: iban, currency: 'EUR', minAmountMinor: 0, approvers: [{ userId: 'abe', signatureClass: 'E' }] });
  const maker = await enrolBenchDevice(base, agent, (await createActivationCode(store, 'bench', { orgId, userId: 'mia' })).code);
  const keys: BenchKey[] = Array.from({ length: clients }, benchKey);
  for (let at = 0; at < keys.length; at += KEYS_PER_ENROLMENT) {
    const { code } = await createActivationCode(store, 'bench', { orgId, userId: 'abe' });
    await enrolBenchDevice(base, agent, code, (devicePublicKey) => keys.slice(at, at + KEYS_PER_ENROLMENT).map((key) => registerBenchKey(key, enrolmentRegistrationChallenge(devicePublicKey), rp)));
  }
  const now = Date.now();
  const encoder = new TextEncoder();
  const queues = keys.map((key, client) =>
    Array.from({ length: perClient }, (_, i) => {
      const payment: PaymentOrder = {
        id: `bench-${client}-${i}-${randomBytes(4).toString('hex')}`,
        debtorIban: iban,
        creditor: { name: 'Boulangerie Eclair SARL', iban: 'FR1420041010050500013M02606', bic: 'BNPAFRPP' },
        amountMinor: 100_00 + i,
        currency: 'EUR',
        remittanceInfo: `Invoice ${client}-${i}`,
        executionDate: new Date(now + 2 * DAY_MS).toISOString().slice(0, 10),
        expiresAt: new Date(now + 30 * DAY_MS).toISOString(),
        createdBy: 'mia',
      };
      const assertion = assertWithBenchKey(key, paymentDigest(PaymentDigestInput.parse(payment)), rp);
      return { body: encoder.encode(JSON.stringify({ payment, approvals: [{ credentialId: key.id, assertion }] })), idempotencyKey: randomBytes(18).toString('base64url') };
    }),
  );
  return { maker, queues };
}

/** Each client sends from its queue in order, back to back, until the time is up; every answer must be a 201. */
export async function submitPayments(load: PaymentLoad, seconds: number): Promise<PaymentRun> {
  const { maker } = load;
  const latencies: number[] = [];
  let exhausted = false;
  const started = performance.now();
  const until = started + seconds * 1000;
  await Promise.all(
    load.queues.map(async (queue) => {
      while (performance.now() < until) {
        // Taken off the queue: what a warm-up sent is not sent again by the measured run.
        const submission = queue.shift();
        if (submission === undefined) {
          exhausted = true;
          return;
        }
        const sent = performance.now();
        const base = nextBase(maker);
        const headers = await signGatewayRequest({ method: 'POST', url: `${base}/v1/payments`, body: submission.body, keyId: maker.deviceId, seed: maker.key.seed, signer: benchSigner(maker) });
        const answer = await send({ base, agent: maker.agent }, 'POST', '/v1/payments', { ...headers, 'content-type': 'application/json', 'idempotency-key': submission.idempotencyKey }, submission.body);
        if (answer.status !== 201) throw new Error(`expected 201 for a new approved payment, found ${answer.status}: ${answer.body.slice(0, 200)}`);
        latencies.push(performance.now() - sent);
      }
    }),
  );
  return { accepted: latencies.length, rate: latencies.length / ((performance.now() - started) / 1000), latencies: latencies.sort((a, b) => a - b), exhausted };
}
