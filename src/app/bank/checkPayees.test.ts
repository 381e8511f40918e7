import { afterEach, expect, it } from 'vitest';
import { DEMO_EUR_ACCOUNT } from '../../../test/support/approvedPayment.js';
import { anotherCode, demoBankWithCode, enrolFreshVault } from '../../../test/support/enrolledVault.js';
import { describeOnEachStore } from '../../../test/support/gatewayStores.js';
import { startTestGateway } from '../../../test/support/gatewayClient.js';
import { lossyProxy } from '../../../test/support/lossyProxy.js';
import { auditEntries } from '../../../test/fixtures/demo/demoVault.js';
import { PAYEE_CHECK_JWS_TYPE } from '../../contract/index.js';
import { generateJwsKeyPair, signJws } from '../../crypto/index.js';
import type { UnlockedVault } from '../../vault/index.js';
import { dispatch } from '../dispatch/dispatch.js';
import { openSession } from '../dispatch/openSession.js';

const open: UnlockedVault[] = [];
afterEach(() => {
  for (const vault of open.splice(0)) vault.lock();
});

/** Alice's enrolled vault (through `gatewayUrl`) with a payee and a draft payment to two of the demo directory's counterparties. */
async function vaultWithCounterparties(store: Parameters<typeof anotherCode>[0], gatewayUrl: string) {
  const { vault } = await enrolFreshVault(gatewayUrl, await anotherCode(store, 'alice'));
  open.push(vault);
  const session = await openSession(vault);
  // The bank holds "Boulangerie Éclair SAS" for this IBAN: a close match. "Alpen Logistik GmbH" is the holder's name: a match.
  const payee = await dispatch(session, 'payees.add', { name: 'Boulangerie Éclair SARL', iban: 'FR1420041010050500013M02606' });
  if (!payee.ok) throw new Error(payee.error.message);
  const payment = await dispatch(session, 'payments.create', { from: DEMO_EUR_ACCOUNT, toName: 'Alpen Logistik GmbH', toIban: 'AT611904300234573201', amount: '75.50', currency: 'EUR', reference: 'Freight' });
  if (!payment.ok) throw new Error(payment.error.message);
  return { vault, payeeId: payee.value.id, paymentId: payment.value.id };
}

describeOnEachStore('coffer sync: Verification of Payee online', (stores) => {
  it('asks the bank about each payee and creditor without a check, keeps the signed answers, and asks nothing twice', async () => {
    const store = await stores.fresh();
    await demoBankWithCode(store, 'erin');
    const gateway = await startTestGateway(store);
    const { vault, payeeId, paymentId } = await vaultWithCounterparties(store, gateway.url);
    const result = await dispatch(await openSession(vault), 'bank.sync', {});
    expect(result).toMatchObject({ ok: true, value: { payees: { failed: [], pending: 0 } } });
    if (!result.ok) return;
    expect(result.value.payees.checked).toEqual([
      { target: payeeId, result: 'close-match' },
      { target: paymentId, result: 'match' },
    ]);
    const shown = await dispatch(await openSession(vault), 'payments.show', { id: paymentId });
    expect(shown).toMatchObject({ ok: true, value: { payeeCheck: { status: 'checked', result: 'match' } } });
    const payees = await dispatch(await openSession(vault), 'payees.list', {});
    expect(payees).toMatchObject({ ok: true, value: { payees: [{ id: payeeId, payeeCheck: { status: 'checked', result: 'close-match', registeredName: 'Boulangerie Éclair SAS' } }] } });
    const entries = auditEntries(vault).filter((entry) => entry.action === 'payees.record-check');
    expect(entries.map((entry) => [entry.target, entry.outcome, entry.details.result])).toEqual([
      [payeeId, 'allowed', 'close-match'],
      [paymentId, 'allowed', 'match'],
    ]);
    // No name reaches the log.
    expect(JSON.stringify(entries)).not.toMatch(/Boulangerie|Alpen/);
    const again = await dispatch(await openSession(vault), 'bank.sync', {});
    expect(again).toMatchObject({ ok: true, value: { payees: { checked: [], failed: [], pending: 0 } } });
  });

  it('refuses an answer the bank did not sign, keeps nothing, logs it, and asks again at the next sync', async () => {
    const store = await stores.fresh();
    await demoBankWithCode(store, 'erin');
    const gateway = await startTestGateway(store);
    const proxy = await lossyProxy(gateway.url);
    const { vault, payeeId, paymentId } = await vaultWithCounterparties(store, proxy.url);
    // A hostile gateway answers "match" for every question, signed with a key of its own.
    const ownKey = generateJwsKeyPair('EdDSA').signingKey;
    const forged = await Promise.all(
      [
        { checkId: 'forged-1', iban: 'FR1420041010050500013M02606', name: 'Boulangerie Éclair SARL' },
        { checkId: 'forged-2', iban: 'AT611904300234573201', name: 'Alpen Logistik GmbH' },
      ].map((party) => signJws(new TextEncoder().encode(JSON.stringify({ ...party, result: 'match', checkedAt: new Date().toISOString() })), ownKey, { typ: PAYEE_CHECK_JWS_TYPE })),
    );
    let served = 0;
    proxy.rewriteAnswers('POST', '/v1/payee-checks', () => JSON.stringify({ answer: forged[served++] }));
    const result = await dispatch(await openSession(vault), 'bank.sync', {});
    expect(result).toMatchObject({ ok: true, value: { payees: { checked: [], failed: [{ target: payeeId, code: 'APP_PAYEE_CHECK_UNTRUSTED' }, { target: paymentId, code: 'APP_PAYEE_CHECK_UNTRUSTED' }] } } });
    expect(vault.db.prepare('SELECT count(*) FROM payee_checks').pluck().get()).toBe(0);
    expect(auditEntries(vault).filter((entry) => entry.action === 'payees.record-check' && entry.outcome === 'denied').map((entry) => entry.reason)).toEqual(['APP_PAYEE_CHECK_UNTRUSTED', 'APP_PAYEE_CHECK_UNTRUSTED']);
    // The gateway honest again: the next sync asks again and keeps the bank's answers.
    proxy.rewriteAnswers('POST', '/v1/payee-checks', (text) => text);
    expect(await dispatch(await openSession(vault), 'bank.sync', {})).toMatchObject({ ok: true, value: { payees: { checked: [{ result: 'close-match' }, { result: 'match' }], failed: [] } } });
  });
});
