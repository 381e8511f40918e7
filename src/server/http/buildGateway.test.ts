import { expect, it } from 'vitest';
import { describeOnEachStore } from '../../../test/support/gatewayStores.js';
import { enrol, orgWithCode, send, signedGet, startTestGateway } from '../../../test/support/gatewayClient.js';
import { EnrolmentRequest, HealthResponse, ReadyResponse } from '../../contract/index.js';
import { openStore } from '../store/openStore.js';
import { routesServed } from './buildGateway.js';

describeOnEachStore('the gateway over HTTP', (stores) => {
  it('answers healthz, and readyz once its store answers', async () => {
    const store = await stores.fresh();
    const gateway = await startTestGateway(store);
    expect(HealthResponse.parse((await send(`${gateway.url}/healthz`, 'GET', {})).body)).toEqual({ status: 'ok' });
    expect(ReadyResponse.parse((await send(`${gateway.url}/readyz`, 'GET', {})).body)).toEqual({ status: 'ready', store: stores.kind });
  });

  it('answers readyz with 503 SERVER_STORE_UNAVAILABLE when the store is gone', async () => {
    const store = await stores.fresh();
    const own = await openStore(stores.optionsOf(store));
    const gateway = await startTestGateway(own);
    await own.close();
    const answer = await send(`${gateway.url}/readyz`, 'GET', {});
    expect([answer.status, answer.code]).toEqual([503, 'SERVER_STORE_UNAVAILABLE']);
  });

  it('serves an OpenAPI 3.1 document generated from the contract schemas', async () => {
    const store = await stores.fresh();
    const gateway = await startTestGateway(store);
    const document = (await send(`${gateway.url}/openapi.json`, 'GET', {})).body as {
      openapi: string;
      paths: Record<string, unknown>;
      components: { schemas: Record<string, { properties: Record<string, unknown>; required: string[] }> };
    };
    expect(document.openapi).toBe('3.1.0');
    expect(Object.keys(document.paths).sort()).toEqual(routesServed(gateway.app).filter((path) => path !== '/openapi.json'));
    expect(routesServed(gateway.app)).toEqual(expect.arrayContaining(['/healthz', '/v1/enrolments', '/v1/payments', '/v1/payee-checks', '/v1/statements', '/v1/witness/add-checkpoint']));
    const enrolment = document.components.schemas.EnrolmentRequest;
    expect(Object.keys(enrolment?.properties ?? {}).sort()).toEqual(Object.keys(EnrolmentRequest.shape).sort());
    // A batch approval's list travels with each payment of the batch.
    expect(document.components.schemas.ApprovalBatch?.required).toEqual(['digests']);
    expect(JSON.stringify(document.components.schemas.PaymentSubmission)).toContain('#/components/schemas/ApprovalBatch');
    // The status feed and the signed report's payload are described too.
    expect(Object.keys(document.paths)).toContain('/v1/payment-statuses');
    expect(document.components.schemas.PaymentStatusReport?.required).toEqual(expect.arrayContaining(['orgId', 'paymentId', 'digest', 'status', 'at']));
    const payeeCheck = document.components.schemas.PayeeCheckAnswer;
    expect(Object.keys(payeeCheck?.properties ?? {}).sort()).toEqual(['checkId', 'checkedAt', 'iban', 'name', 'registeredName', 'result']);
    expect(payeeCheck?.required.sort()).toEqual(['checkId', 'checkedAt', 'iban', 'name', 'result']);
  });

  it('refuses unknown routes and unparsable bodies with coded one-line errors', async () => {
    const store = await stores.fresh();
    const gateway = await startTestGateway(store);
    const missing = await send(`${gateway.url}/v1/nothing`, 'GET', {});
    expect([missing.status, missing.code]).toEqual([404, 'SERVER_NOT_FOUND']);
    const garbage = await send(`${gateway.url}/v1/enrolments`, 'POST', { 'content-type': 'application/json' }, new TextEncoder().encode('{"activationCode":'));
    expect([garbage.status, garbage.code]).toEqual([400, 'SERVER_BAD_REQUEST']);
    const huge = await send(`${gateway.url}/v1/enrolments`, 'POST', { 'content-type': 'application/json' }, new Uint8Array(2 * 1024 * 1024).fill(32));
    expect([huge.status, huge.code]).toEqual([400, 'SERVER_BAD_REQUEST']);
  });

  it('never logs signatures, digests or activation codes', async () => {
    const store = await stores.fresh();
    const { code } = await orgWithCode(store);
    const gateway = await startTestGateway(store);
    const device = await enrol(gateway.url, code);
    await signedGet(gateway.url, '/v1/policy', device);
    const log = gateway.logLines.join('\n');
    expect(log).toContain('"signature":"[redacted]"');
    expect(log).toContain('"signature-input":"[redacted]"');
    expect(log).not.toContain(code);
    expect(log).not.toMatch(/coffer=:[A-Za-z0-9+/]/);
    expect(log).not.toContain(device.enrolment.deviceCertificate);
  });

  it('counts rate limits in the store: a second process refuses once the first used up the window', async () => {
    const store = await stores.fresh();
    const limit = { max: 3, windowMs: 60_000 };
    const first = await startTestGateway(store, { rateLimit: limit });
    const second = await startTestGateway(await stores.secondProcess(store), { rateLimit: limit });
    for (let i = 0; i < 3; i += 1) expect((await send(`${first.url}/v1/device`, 'GET', {})).code).toBe('SERVER_UNSIGNED');
    const refused = await send(`${second.url}/v1/device`, 'GET', {});
    expect([refused.status, refused.code]).toEqual([429, 'SERVER_RATE_LIMITED']);
    // Probes stay outside the limit, so a load balancer never takes a busy gateway for a dead one.
    expect((await send(`${second.url}/healthz`, 'GET', {})).status).toBe(200);
  });

  it('starts a new window once the old one has passed', async () => {
    const store = await stores.fresh();
    let clock = Date.parse('2026-03-02T09:00:00Z');
    const gateway = await startTestGateway(store, { rateLimit: { max: 1, windowMs: 10_000 }, now: () => clock });
    expect((await send(`${gateway.url}/v1/device`, 'GET', {})).code).toBe('SERVER_UNSIGNED');
    expect((await send(`${gateway.url}/v1/device`, 'GET', {})).code).toBe('SERVER_RATE_LIMITED');
    clock += 10_000;
    expect((await send(`${gateway.url}/v1/device`, 'GET', {})).code).toBe('SERVER_UNSIGNED');
  });
});
