import { expect, it } from 'vitest';
import { describeOnEachStore } from '../../../test/support/gatewayStores.js';
import { encodeJson, enrol, orgWithCode, send, startTestGateway, type TestDevice } from '../../../test/support/gatewayClient.js';
import { PAYEE_CHECK_JWS_TYPE, PayeeCheckAnswer, PayeeCheckResponse } from '../../contract/index.js';
import { generateJwsKeyPair, verifyJws } from '../../crypto/index.js';
import { addAccount } from '../bank/addAccount.js';
import { DEMO_COUNTERPARTIES } from '../demo/demoCounterparties.js';
import { loadBankKey } from '../bank/bankKey.js';
import { verifyGatewayAudit } from '../bank/verifyGatewayAudit.js';
import { signGatewayRequest } from '../../protocol/index.js';
import type { GatewayStore } from '../store/openStore.js';

const OWN_ACCOUNT = 'DE89370400440532013000';
const COUNTERPARTY = { name: 'Van Dijk Trading B.V.', iban: 'NL91ABNA0417164300' };
// A valid IBAN the demo bank neither holds nor lists.
const ELSEWHERE = 'BE68539007547034';

async function checkAt(gatewayUrl: string, device: Pick<TestDevice, 'deviceId' | 'key'>, body: unknown) {
  const url = `${gatewayUrl}/v1/payee-checks`;
  const bytes = encodeJson(body);
  const headers = await signGatewayRequest({ method: 'POST', url, body: bytes, keyId: device.deviceId, seed: device.key.seed });
  return send(url, 'POST', { ...headers, 'content-type': 'application/json' }, bytes);
}

async function bankWithDevice(store: GatewayStore, options: Parameters<typeof startTestGateway>[1] = {}) {
  const { code } = await orgWithCode(store);
  await addAccount(store, 'sam', { orgId: 'nordlicht', iban: OWN_ACCOUNT, currency: 'EUR', name: 'Operating EUR', bic: 'COBADEFFXXX' }, Date.now());
  const gateway = await startTestGateway(store, options);
  const device = await enrol(gateway.url, code);
  return { gateway, device };
}

async function answerOf(store: GatewayStore, body: unknown): Promise<PayeeCheckAnswer> {
  const { answer } = PayeeCheckResponse.parse(body);
  const bankKey = await loadBankKey(store.db, Date.now());
  const { payload } = await verifyJws(answer, bankKey.verificationKey, { typ: PAYEE_CHECK_JWS_TYPE });
  return PayeeCheckAnswer.parse(JSON.parse(new TextDecoder().decode(payload)));
}

describeOnEachStore('POST /v1/payee-checks', (stores) => {
  it('answers for its own accounts with the holder organisation: match, close match with the registered name, no match', async () => {
    const store = await stores.fresh();
    const { gateway, device } = await bankWithDevice(store);
    const asked = [
      ['nordlicht handels', { result: 'match' }],
      ['Nordlict Handels GmbH', { result: 'close-match', registeredName: 'Nordlicht Handels GmbH' }],
      ['Nordlicht Handels AG', { result: 'close-match', registeredName: 'Nordlicht Handels GmbH' }],
      ['Thames Components Ltd', { result: 'no-match' }],
    ] as const;
    for (const [name, expected] of asked) {
      const reply = await checkAt(gateway.url, device, { iban: 'de89 3704 0044 0532 0130 00', name });
      expect(reply.status).toBe(200);
      const answer = await answerOf(store, reply.body);
      expect(answer).toMatchObject({ iban: OWN_ACCOUNT, name, ...expected });
      expect('registeredName' in answer).toBe(expected.result === 'close-match');
    }
  });

  it('answers for the demo counterparties, and not-possible for any other bank’s account', async () => {
    const store = await stores.fresh();
    const { gateway, device } = await bankWithDevice(store);
    expect(await answerOf(store, (await checkAt(gateway.url, device, { iban: COUNTERPARTY.iban, name: 'van dijk trading bv' })).body)).toMatchObject({ result: 'match' });
    for (const counterparty of DEMO_COUNTERPARTIES) {
      expect(await answerOf(store, (await checkAt(gateway.url, device, counterparty)).body)).toMatchObject({ result: 'match', iban: counterparty.iban });
    }
    const elsewhere = await answerOf(store, (await checkAt(gateway.url, device, { iban: ELSEWHERE, name: 'Anyone SA' })).body);
    expect(elsewhere).toMatchObject({ result: 'not-possible', iban: ELSEWHERE, name: 'Anyone SA' });
  });

  it('signs with the bank key and nothing else: another key or another typ does not verify it', async () => {
    const store = await stores.fresh();
    const { gateway, device } = await bankWithDevice(store);
    const { answer } = PayeeCheckResponse.parse((await checkAt(gateway.url, device, { iban: OWN_ACCOUNT, name: 'Nordlicht Handels GmbH' })).body);
    const bankKey = await loadBankKey(store.db, Date.now());
    await expect(verifyJws(answer, generateJwsKeyPair('EdDSA').verificationKey, { typ: PAYEE_CHECK_JWS_TYPE })).rejects.toMatchObject({ code: 'CRYPTO_AUTH_FAILED' });
    await expect(verifyJws(answer, bankKey.verificationKey, { typ: 'coffer-org-policy+jws' })).rejects.toMatchObject({ code: 'CRYPTO_AUTH_FAILED' });
  });

  it('stores each check and audits it without the names, in a chain that still verifies', async () => {
    const store = await stores.fresh();
    const { gateway, device } = await bankWithDevice(store);
    const answer = await answerOf(store, (await checkAt(gateway.url, device, { iban: OWN_ACCOUNT, name: 'Nordlict Handels GmbH' })).body);
    const rows = await store.db.selectFrom('payee_checks').selectAll().execute();
    expect(rows).toEqual([expect.objectContaining({ id: answer.checkId, org_id: 'nordlicht', device_id: device.deviceId, iban: OWN_ACCOUNT, result: 'close-match' })]);
    const audit = await store.db.selectFrom('gateway_audit').selectAll().where('action', '=', 'payee.check').execute();
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]?.details ?? '{}')).toMatchObject({ checkId: answer.checkId, iban: OWN_ACCOUNT, result: 'close-match' });
    expect(audit[0]?.details).not.toMatch(/Nordlic/i);
    expect(gateway.logLines.join('\n')).not.toMatch(/Nordlict/);
    await expect(verifyGatewayAudit(store.db)).resolves.toBeGreaterThan(audit[0]?.seq ?? 0);
  });

  it('refuses an unsigned request, a bad IBAN or an unprintable name, and stores nothing', async () => {
    const store = await stores.fresh();
    const { gateway, device } = await bankWithDevice(store);
    const unsigned = await send(`${gateway.url}/v1/payee-checks`, 'POST', { 'content-type': 'application/json' }, encodeJson({ iban: OWN_ACCOUNT, name: 'x' }));
    expect([unsigned.status, unsigned.code]).toEqual([401, 'SERVER_UNSIGNED']);
    const badIban = await checkAt(gateway.url, device, { iban: 'DE89370400440532013001', name: 'Nordlicht' });
    expect([badIban.status, badIban.code]).toEqual([400, 'SERVER_BAD_REQUEST']);
    const badName = await checkAt(gateway.url, device, { iban: OWN_ACCOUNT, name: 'ACME\u202Eevil' });
    expect([badName.status, badName.code]).toEqual([400, 'SERVER_BAD_REQUEST']);
    const extra = await checkAt(gateway.url, device, { iban: OWN_ACCOUNT, name: 'Nordlicht', result: 'match' });
    expect([extra.status, extra.code]).toEqual([400, 'SERVER_BAD_REQUEST']);
    expect(await store.db.selectFrom('payee_checks').selectAll().execute()).toEqual([]);
  });

  it('is rate-limited like every signed route', async () => {
    const store = await stores.fresh();
    const { gateway, device } = await bankWithDevice(store, { rateLimit: { max: 2, windowMs: 60_000 } });
    expect((await checkAt(gateway.url, device, { iban: OWN_ACCOUNT, name: 'Nordlicht' })).status).toBe(200);
    const refused = await checkAt(gateway.url, device, { iban: OWN_ACCOUNT, name: 'Nordlicht' });
    expect([refused.status, refused.code]).toEqual([429, 'SERVER_RATE_LIMITED']);
  });
});
