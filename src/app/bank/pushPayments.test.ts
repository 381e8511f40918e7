import { afterEach, expect, it } from 'vitest';
import { bobsKey, DEMO_EUR_ACCOUNT } from '../../../test/support/approvedPayment.js';
import { anotherCode, batchApprovalArrives, demoBankWithCode, enrolFreshVault } from '../../../test/support/enrolledVault.js';
import { describeOnEachStore } from '../../../test/support/gatewayStores.js';
import { startTestGateway } from '../../../test/support/gatewayClient.js';
import { lossyProxy } from '../../../test/support/lossyProxy.js';
import { PaymentSubmission } from '../../contract/index.js';
import type { UnlockedVault } from '../../vault/index.js';
import { dispatch } from '../dispatch/dispatch.js';
import { openSession } from '../dispatch/openSession.js';

const open: UnlockedVault[] = [];
afterEach(() => {
  for (const vault of open.splice(0)) vault.lock();
});

const statusOf = (vault: UnlockedVault, id: string) => vault.db.prepare('SELECT status FROM payments WHERE id = ?').pluck().get(id);

describeOnEachStore('coffer sync: a batch approval on the wire', (stores) => {
  it('sends each payment of a batch approved in one assertion with the batch\'s sorted digests: both accepted', async () => {
    const store = await stores.fresh();
    await demoBankWithCode(store, 'erin');
    const gateway = await startTestGateway(store);
    // The proxy only watches: it keeps the submissions as they went to the bank.
    const proxy = await lossyProxy(gateway.url);
    const sent: string[] = [];
    const { vault } = await enrolFreshVault(proxy.url, await anotherCode(store, 'alice'));
    open.push(vault);
    const bob = await bobsKey(store, gateway.url);
    expect(await dispatch(await openSession(vault), 'bank.sync', {})).toMatchObject({ ok: true, value: { policy: { installed: true } } });
    const session = await openSession(vault);
    const ids: string[] = [];
    for (const [name, iban, amount] of [['Boulangerie Éclair SARL', 'FR1420041010050500013M02606', '120.00'], ['Alpen Logistik GmbH', 'AT611904300234573201', '75.50']] as const) {
      const created = await dispatch(session, 'payments.create', { from: DEMO_EUR_ACCOUNT, toName: name, toIban: iban, amount, currency: 'EUR', reference: 'Batch' });
      if (!created.ok) throw new Error(created.error.message);
      expect(await dispatch(session, 'payments.submit', { id: created.value.id })).toMatchObject({ ok: true });
      ids.push(created.value.id);
    }
    batchApprovalArrives(vault, ids, { userId: 'bob', key: bob, signatureClass: 'E' });
    proxy.watchRequests('POST', '/v1/payments', (body) => sent.push(body));

    const result = await dispatch(await openSession(vault), 'bank.sync', {});
    expect(result).toMatchObject({ ok: true, value: { payments: { sent: 2, refused: [], pending: [] } } });
    if (!result.ok) return;
    expect([...result.value.payments.accepted].sort()).toEqual([...ids].sort());
    for (const id of ids) expect(statusOf(vault, id)).toBe('accepted');
    // Both carried the one assertion with the same two digests, sorted.
    const submissions = sent.map((body) => PaymentSubmission.parse(JSON.parse(body)));
    const digests = submissions.map((submission) => submission.approvals[0]?.batch?.digests);
    expect(digests[0]).toHaveLength(2);
    expect(digests[0]).toEqual([...(digests[0] ?? [])].sort());
    expect(digests[1]).toEqual(digests[0]);
    expect(submissions[0]?.approvals[0]?.assertion).toEqual(submissions[1]?.approvals[0]?.assertion);
    expect(await store.db.selectFrom('payments').select('payment_id').execute()).toHaveLength(2);
  });
});
