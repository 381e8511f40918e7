import type { FastifyInstance, FastifyRequest } from 'fastify';
import { sql } from 'kysely';
import type { DestinationStream } from 'pino';
import {
  ApprovalSubmission,
  CofferError,
  CredentialSubmission,
  describeZodIssue,
  EnrolmentRequest,
  IdempotencyKeyText,
  PaymentStatusFeedQuery,
  PaymentSubmission,
  PayeeCheckRequest,
  PendingPaymentFeedQuery,
  PendingPaymentSubmission,
  StatementSyncQuery,
  type AccountsResponse,
  type CredentialAnswer,
  type PendingPaymentAnswer,
  type PendingPaymentFeedResponse,
  type DeviceResponse,
  type EnrolmentResponse,
  type PaymentStatusFeedResponse,
  type PayeeCheckResponse,
  type PolicyResponse,
  type StatementSyncResponse,
} from '../../contract/index.js';
import { currentPolicy } from '../bank/issueOrgPolicy.js';
import { authenticateDevice } from '../enrolment/authenticateDevice.js';
import { gatewayRelyingParty } from '../credentials/relyingParty.js';
import { enrolDevice } from '../enrolment/enrolDevice.js';
import { recordEnrolmentRefusal } from '../enrolment/recordEnrolmentRefusal.js';
import { acceptPayment } from '../payments/acceptPayment.js';
import { checkPayee } from '../payees/checkPayee.js';
import type { PayeeDirectoryEntry } from '../payees/registeredHolder.js';
import { DEMO_PAYEE_DIRECTORY } from '../../domain/index.js';
import { idempotencyRequestHash } from '../payments/idempotentAnswer.js';
import { readPaymentStatusFeed } from '../payments/readPaymentStatusFeed.js';
import { recordPaymentRefusal, recordRefusal, type RefusalAction } from '../payments/recordPaymentRefusal.js';
import { readPendingPaymentFeed } from '../payments/readPendingPaymentFeed.js';
import { relayApproval } from '../payments/relayApproval.js';
import { sharePendingPayment } from '../payments/sharePendingPayment.js';
import { registerDeviceCredential } from '../credentials/registerDeviceCredential.js';
import type { DeviceTable } from '../store/storeSchema.js';
import { readStatementFeed } from '../statements/readStatementFeed.js';
import type { ReceivedRequest } from '../../protocol/index.js';
import type { GatewayStore } from '../store/openStore.js';
import { httpStatusFor } from './errorStatus.js';
import { kyselyRateLimitStore } from './kyselyRateLimitStore.js';
import { DEFAULT_WITNESS_NAME } from '../witness/witnessKey.js';
import { registerWitnessRoutes } from '../witness/witnessRoutes.js';
import { openApiDocument } from './openApiDocument.js';

export interface GatewayOptions {
  store: GatewayStore;
  /** Where pino writes JSON log lines (stdout when absent); `false` for no log. */
  log?: DestinationStream | false;
  /** Requests per client address and window, across every process on the store. */
  rateLimit?: { max: number; windowMs: number };
  /** The gateway's clock; tests move it. */
  now?: () => number;
  /** `https` options for Fastify (TLS certificate and key). */
  https?: { cert: Buffer; key: Buffer };
  /** The name the witness cosigns under (C2SP key name); DEFAULT_WITNESS_NAME when absent. */
  witnessName?: string;
  /** The WebAuthn relying party id (default bank.example); the origin is https://desktop.<rpId>. */
  rpId?: string;
  /** Accounts at other banks whose holders the payee check may vouch for; DEMO_PAYEE_DIRECTORY when absent. */
  payeeDirectory?: readonly PayeeDirectoryEntry[];
}

export const DEFAULT_RATE_LIMIT = { max: 600, windowMs: 60_000 };
const BODY_LIMIT_BYTES = 1024 * 1024;

/**
 * Never logged: request signatures, digests, cookies and authorization, and any body field that could be
 * a secret (activation codes, keys). pino replaces them with "[redacted]".
 */
export const LOG_REDACTIONS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers.signature',
  'req.headers["signature-input"]',
  'req.headers["content-digest"]',
  '*.activationCode',
  '*.privateKey',
  '*.deviceCertificate',
  'req.headers["idempotency-key"]',
  '*.assertion',
  '*.signature',
  '*.attestationObject',
];

const rawBodies = new WeakMap<FastifyRequest, Buffer>();
const servedPaths = new WeakMap<FastifyInstance, Set<string>>();

/** Every path the gateway answers: the OpenAPI document must describe each one (a test holds it to that). */
export function routesServed(app: FastifyInstance): string[] {
  return [...(servedPaths.get(app) ?? [])].sort();
}

function received(request: FastifyRequest): ReceivedRequest {
  return { method: request.method, url: request.url, headers: request.headers, body: rawBodies.get(request) ?? Buffer.alloc(0) };
}

/** The gateway's Fastify app on a store: routes, signatures, rate limits and logging. Not yet listening. */
export async function buildGateway(options: GatewayOptions): Promise<FastifyInstance> {
  const { store } = options;
  const now = options.now ?? Date.now;
  const rp = gatewayRelyingParty(options.rpId);
  // Loaded here, not at the top: every `coffer` command shares one bundle, and only `coffer server` serves.
  const [{ default: Fastify }, { default: rateLimit }] = await Promise.all([import('fastify'), import('@fastify/rate-limit')]);
  const app = Fastify({
    logger:
      options.log === false
        ? false
        : {
            level: 'info',
            // Headers are logged (a refused request is diagnosed by them), with the secret ones redacted.
            serializers: { req: (request: FastifyRequest) => ({ method: request.method, url: request.url, remoteAddress: request.ip, headers: { ...request.headers } }) },
            redact: { paths: LOG_REDACTIONS, censor: '[redacted]' },
            ...(options.log ? { stream: options.log } : {}),
          },
    bodyLimit: BODY_LIMIT_BYTES,
    ...(options.https ? { https: options.https } : {}),
  });

  const paths = new Set<string>();
  servedPaths.set(app, paths);
  app.addHook('onRoute', (route) => void paths.add(route.url));

  // The body's digest is signed, so the bytes as received are kept beside the parsed JSON.
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, function parseJsonBody(request, body, done) {
    rawBodies.set(request, body as Buffer);
    try {
      done(null, body.length === 0 ? undefined : JSON.parse(body.toString('utf8')));
    } catch {
      done(new CofferError('SERVER_BAD_REQUEST', 'expected a JSON body, found text that does not parse'), undefined);
    }
  });

  // The witness protocol's bodies are text (C2SP tlog-witness); their digest is signed like JSON's.
  app.addContentTypeParser('text/plain', { parseAs: 'buffer' }, function parseTextBody(request, body, done) {
    rawBodies.set(request, body as Buffer);
    done(null, (body as Buffer).toString('utf8'));
  });

  app.setErrorHandler(function replyWithCode(error, request, reply) {
    let coded: CofferError;
    // Fastify's own refusals (body too large, wrong content type) carry a 4xx statusCode and a safe message.
    const fault = error as { statusCode?: unknown; message?: unknown };
    const statusCode = typeof fault.statusCode === 'number' ? fault.statusCode : 500;
    if (error instanceof CofferError) coded = error;
    else if (statusCode < 500) coded = new CofferError('SERVER_BAD_REQUEST', String(fault.message).split('\n')[0] ?? 'bad request');
    else {
      request.log.error({ err: error }, 'internal error');
      coded = new CofferError('SERVER_INTERNAL', 'unexpected internal error');
    }
    const status = httpStatusFor(coded.code);
    if (status >= 400 && status < 500) request.log.info({ code: coded.code }, 'refused');
    return reply.status(status).send({ error: { code: coded.code, message: coded.message.split('\n')[0] } });
  });
  app.setNotFoundHandler(function notFound(request, reply) {
    return reply.status(404).send({ error: { code: 'SERVER_NOT_FOUND', message: `expected a route of the gateway, found ${request.method} ${request.url.split('?')[0]}` } });
  });

  const limit = options.rateLimit ?? DEFAULT_RATE_LIMIT;
  await app.register(rateLimit, {
    max: limit.max,
    timeWindow: limit.windowMs,
    store: kyselyRateLimitStore(store, now),
    // A store that cannot count refuses rather than letting every request through.
    skipOnError: false,
    errorResponseBuilder: () => new CofferError('SERVER_RATE_LIMITED', `expected at most ${limit.max} requests per ${limit.windowMs / 1000} s, found more; retry later`),
  });

  const unlimited = { config: { rateLimit: false as const } };
  app.get('/healthz', unlimited, async () => ({ status: 'ok' as const }));
  app.get('/readyz', unlimited, async function ready(_request, reply) {
    try {
      await sql`SELECT 1`.execute(store.db);
      return { status: 'ready' as const, store: store.dialect };
    } catch {
      return reply.status(503).send({ error: { code: 'SERVER_STORE_UNAVAILABLE', message: 'expected the store to answer, found it unreachable' } });
    }
  });
  const document = await openApiDocument();
  app.get('/openapi.json', unlimited, async () => document);

  app.post('/v1/enrolments', async function enrol(request, reply) {
    const parsed = EnrolmentRequest.safeParse(request.body);
    if (!parsed.success) throw new CofferError('SERVER_BAD_REQUEST', describeZodIssue(parsed.error).text);
    let answer: EnrolmentResponse;
    try {
      answer = await enrolDevice(store, received(request), parsed.data, now(), rp);
    } catch (error) {
      // Every refusal of an issued code is evidence, as a device's refused writes are (`audited` below).
      if (error instanceof CofferError && error.code !== 'SERVER_STORE_UNAVAILABLE') {
        await recordEnrolmentRefusal(store, parsed.data, error, now()).catch((cause: unknown) => request.log.error({ err: cause }, 'enrolment refusal not audited'));
      }
      throw error;
    }
    request.log.info({ deviceId: answer.deviceId, orgId: answer.orgId }, 'device enrolled');
    return reply.status(201).send(answer);
  });
  app.get('/v1/policy', async function policy(request): Promise<PolicyResponse> {
    const device = await authenticateDevice(store, received(request), now());
    const stored = await currentPolicy(store.db, device.org_id);
    if (!stored) throw new CofferError('SERVER_NOT_FOUND', `expected a signed policy for ${device.org_id}, found none`);
    return { policy: stored.jws, version: stored.version };
  });
  app.get('/v1/accounts', async function accounts(request): Promise<AccountsResponse> {
    const device = await authenticateDevice(store, received(request), now());
    const rows = await store.db
      .selectFrom('accounts')
      .select(['iban', 'name', 'currency', 'bic', 'opening_balance_minor', 'opening_balance_date'])
      .where('org_id', '=', device.org_id)
      .orderBy('iban')
      .execute();
    return {
      accounts: rows.map(({ opening_balance_minor, opening_balance_date, ...account }) => ({
        ...account,
        openingBalance: { amountMinor: Number(opening_balance_minor), currency: account.currency, asOf: opening_balance_date },
      })),
    };
  });
  app.get('/v1/device', async function device(request): Promise<DeviceResponse> {
    const row = await authenticateDevice(store, received(request), now());
    return { deviceId: row.id, orgId: row.org_id, userId: row.user_id, vaultId: row.vault_id };
  });
  app.post('/v1/payments', async function submitPayment(request, reply) {
    const device = await authenticateDevice(store, received(request), now());
    try {
      const key = IdempotencyKeyText.safeParse(request.headers['idempotency-key']);
      if (!key.success) throw new CofferError('SERVER_BAD_REQUEST', `expected an Idempotency-Key header: ${describeZodIssue(key.error).text}`);
      const parsed = PaymentSubmission.safeParse(request.body);
      if (!parsed.success) throw new CofferError('SERVER_BAD_REQUEST', describeZodIssue(parsed.error).text);
      const path = request.url.split('?')[0] ?? request.url;
      const requestHash = idempotencyRequestHash(request.method, path, received(request).body);
      const outcome = await acceptPayment(store, { device, submission: parsed.data, idempotencyKey: key.data, requestHash, now: now(), rp });
      request.log.info({ deviceId: device.id, paymentId: outcome.body.paymentId, status: outcome.status }, 'payment answered');
      return reply.status(outcome.status).send(outcome.body);
    } catch (error) {
      // Every refusal of an authenticated device's submission is evidence: it enters the gateway's audit log.
      if (error instanceof CofferError && error.code !== 'SERVER_STORE_UNAVAILABLE') {
        await recordPaymentRefusal(store, device, request.body, error, now()).catch((cause: unknown) => request.log.error({ err: cause }, 'refusal not audited'));
      }
      throw error;
    }
  });
  app.get('/v1/payment-statuses', async function paymentStatuses(request): Promise<PaymentStatusFeedResponse> {
    const device = await authenticateDevice(store, received(request), now());
    const query = PaymentStatusFeedQuery.safeParse(request.query);
    if (!query.success) throw new CofferError('SERVER_BAD_REQUEST', describeZodIssue(query.error).text);
    return readPaymentStatusFeed(store, device, query.data);
  });
  app.post('/v1/payee-checks', async function payeeCheck(request): Promise<PayeeCheckResponse> {
    const device = await authenticateDevice(store, received(request), now());
    const parsed = PayeeCheckRequest.safeParse(request.body);
    if (!parsed.success) throw new CofferError('SERVER_BAD_REQUEST', describeZodIssue(parsed.error).text);
    return checkPayee(store, { device, request: parsed.data, directory: options.payeeDirectory ?? DEMO_PAYEE_DIRECTORY, now: now() });
  });
  app.get('/v1/statements', async function statements(request): Promise<StatementSyncResponse> {
    const device = await authenticateDevice(store, received(request), now());
    const query = StatementSyncQuery.safeParse(request.query);
    if (!query.success) throw new CofferError('SERVER_BAD_REQUEST', describeZodIssue(query.error).text);
    return readStatementFeed(store, device, query.data);
  });
  /** A write by an authenticated device whose every refusal enters the gateway's audit log as evidence. */
  async function audited<T>(request: FastifyRequest, action: RefusalAction, write: (device: DeviceTable) => Promise<T>): Promise<T> {
    const device = await authenticateDevice(store, received(request), now());
    try {
      return await write(device);
    } catch (error) {
      if (error instanceof CofferError && error.code !== 'SERVER_STORE_UNAVAILABLE') {
        await recordRefusal(store, device, action, request.body, error, now()).catch((cause: unknown) => request.log.error({ err: cause }, 'refusal not audited'));
      }
      throw error;
    }
  }
  function parsed<T>(schema: { safeParse(value: unknown): { success: true; data: T } | { success: false; error: Parameters<typeof describeZodIssue>[0] } }, value: unknown): T {
    const result = schema.safeParse(value);
    if (!result.success) throw new CofferError('SERVER_BAD_REQUEST', describeZodIssue(result.error).text);
    return result.data;
  }
  app.post('/v1/pending-payments', async function sharePayment(request, reply) {
    const outcome = await audited(request, 'payment.share.refuse', (device) => sharePendingPayment(store, { device, submission: parsed(PendingPaymentSubmission, request.body), now: now() }));
    request.log.info({ paymentId: outcome.body.paymentId, status: outcome.body.status }, 'pending payment answered');
    return reply.status(outcome.status).send(outcome.body satisfies PendingPaymentAnswer);
  });
  app.get('/v1/pending-payments', async function pendingPayments(request): Promise<PendingPaymentFeedResponse> {
    const device = await authenticateDevice(store, received(request), now());
    return readPendingPaymentFeed(store, device, parsed(PendingPaymentFeedQuery, request.query));
  });
  app.post('/v1/approvals', async function approvePayment(request): Promise<PendingPaymentAnswer> {
    const answer = await audited(request, 'approval.refuse', (device) => relayApproval(store, { device, submission: parsed(ApprovalSubmission, request.body), now: now(), rp }));
    request.log.info({ paymentId: answer.paymentId, status: answer.status }, 'approval answered');
    return answer;
  });
  app.post('/v1/credentials', async function registerCredential(request, reply) {
    const answer: CredentialAnswer = await audited(request, 'credential.refuse', (device) => registerDeviceCredential(store, { device, submission: parsed(CredentialSubmission, request.body), now: now(), rp }));
    return reply.status(201).send(answer);
  });
  await registerWitnessRoutes(app, { store, name: options.witnessName ?? DEFAULT_WITNESS_NAME, now, received });
  return app;
}
