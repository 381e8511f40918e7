import { afterEach, describe, expect, it } from 'vitest';
import { makeTestVault } from '../../../test/support/testVault.js';
import { demoBankWithCode, enrolFreshVault } from '../../../test/support/enrolledVault.js';
import { describeOnEachStore } from '../../../test/support/gatewayStores.js';
import { startTestGateway } from '../../../test/support/gatewayClient.js';
import { lossyProxy } from '../../../test/support/lossyProxy.js';
import { approvedPayment as approvedPaymentIn } from '../../../test/support/approvedPayment.js';
import { auditEntries } from '../../../test/fixtures/demo/demoVault.js';
import { setApprovalRule, type GatewayStore } from '../../server/index.js';
import type { UnlockedVault } from '../../vault/index.js';
import { dispatch } from '../dispatch/dispatch.js';
import { verifyBundle, verifyCosignature } from '../../audit/index.js';
import type { AuditBundle } from '../../contract/index.js';
import { openSession } from '../dispatch/openSession.js';

const EUR = 'DE89370400440532013000';
const open: UnlockedVault[] = [];
afterEach(() => {
  for (const vault of open.splice(0)) vault.lock();
});

const approvedPayment = (store: GatewayStore, enrolAt: string, gatewayUrl: string) => approvedPaymentIn(store, enrolAt, gatewayUrl, open);

const statusOf = (vault: UnlockedVault, id: string) => vault.db.prepare('SELECT status FROM payments WHERE id = ?').pluck().get(id);

describeOnEachStore('coffer sync', (stores) => {
  it('sends an approved payment once, records its acceptance, and a second sync sends nothing', async () => {
    const store = await stores.fresh();
    await demoBankWithCode(store, 'erin');
    const gateway = await startTestGateway(store);
    const { vault, id } = await approvedPayment(store, gateway.url, gateway.url);
    const first = await dispatch(await openSession(vault), 'bank.sync', {});
    expect(first).toMatchObject({ ok: true, value: { payments: { sent: 1, accepted: [id], refused: [], pending: [] } } });
    expect(statusOf(vault, id)).toBe('accepted');
    expect(auditEntries(vault).filter((entry) => entry.target === id).map((entry) => entry.action)).toEqual(['payments.create', 'payments.submit', 'test.approval-arrives', 'bank.submit', 'bank.payment', 'bank.payment-status']);
    expect(auditEntries(vault).find((entry) => entry.action === 'bank.payment')).toMatchObject({ outcome: 'allowed', details: { answer: 'accepted', approvedBy: ['bob'] } });
    const second = await dispatch(await openSession(vault), 'bank.sync', {});
    expect(second).toMatchObject({ ok: true, value: { payments: { sent: 0, accepted: [], pending: [] } } });
    expect(auditEntries(vault).at(-1)).toMatchObject({ action: 'bank.sync', details: { sent: 0, statementEntries: 0 } });
    expect(await store.db.selectFrom('payments').select('payment_id').execute()).toHaveLength(1);
  });

  it('when the answer is lost after the bank acted, sends the same request again with the same key: accepted once', async () => {
    const store = await stores.fresh();
    await demoBankWithCode(store, 'erin');
    const gateway = await startTestGateway(store);
    const proxy = await lossyProxy(gateway.url);
    const { vault, id } = await approvedPayment(store, proxy.url, gateway.url);
    proxy.loseAnswers('POST', '/v1/payments', 2);
    const result = await dispatch(await openSession(vault), 'bank.sync', {});
    expect(result).toMatchObject({ ok: true, value: { payments: { sent: 3, accepted: [id], pending: [] } } });
    expect(proxy.forwarded('POST', '/v1/payments')).toBe(3);
    expect(await store.db.selectFrom('payments').select('payment_id').execute()).toHaveLength(1);
    expect(auditEntries(vault).filter((entry) => entry.target === id).map((entry) => [entry.action, entry.details.code ?? entry.details.answer])).toEqual([
      ['payments.create', undefined],
      ['payments.submit', undefined],
      ['test.approval-arrives', undefined],
      ['bank.submit', undefined],
      ['bank.payment-retry', 'APP_GATEWAY_UNREACHABLE'],
      ['bank.payment-retry', 'APP_GATEWAY_UNREACHABLE'],
      ['bank.payment', 'accepted'],
      ['bank.payment-status', undefined],
    ]);
  });

  it('when the answers stay lost, keeps the payment in the outbox and sends it at the next sync; the bank\'s signed status tells it was accepted', async () => {
    const store = await stores.fresh();
    await demoBankWithCode(store, 'erin');
    const gateway = await startTestGateway(store);
    const proxy = await lossyProxy(gateway.url);
    const { vault, id } = await approvedPayment(store, proxy.url, gateway.url);
    proxy.loseAnswers('POST', '/v1/payments', 3);
    const offline = await dispatch(await openSession(vault), 'bank.sync', {});
    // The bank did accept it (the answers were lost, not the request): its signed report comes with the status feed.
    expect(offline).toMatchObject({ ok: true, value: { payments: { accepted: [], pending: [id] }, statuses: { recorded: [{ id, status: 'accepted' }] } } });
    expect(statusOf(vault, id)).toBe('accepted');
    expect(await dispatch(await openSession(vault), 'payments.cancel', { id })).toMatchObject({ ok: false });
    const online = await dispatch(await openSession(vault), 'bank.sync', {});
    expect(online).toMatchObject({ ok: true, value: { payments: { sent: 1, accepted: [id] } } });
    expect(statusOf(vault, id)).toBe('accepted');
    expect(await store.db.selectFrom('payments').select('payment_id').execute()).toHaveLength(1);
  });

  it('records the bank\'s refusal with its code and rejects the payment: the rule changed before it was sent', async () => {
    const store = await stores.fresh();
    await demoBankWithCode(store, 'erin');
    const gateway = await startTestGateway(store);
    const { vault, id } = await approvedPayment(store, gateway.url, gateway.url);
    // The bank now wants two signatures (A and B) for small EUR payments: Bob's E alone no longer suffices.
    await setApprovalRule(store, 'sam', { orgId: 'demo-nordlicht', account: EUR, currency: 'EUR', minAmountMinor: 0, maxAmountMinor: 10_000_00, approvers: [{ userId: 'bob', signatureClass: 'A' }, { userId: 'carol', signatureClass: 'B' }] });
    const result = await dispatch(await openSession(vault), 'bank.sync', {});
    expect(result).toMatchObject({ ok: true, value: { payments: { sent: 1, accepted: [], refused: [{ id, code: 'POLICY_APPROVALS_MISSING' }], pending: [] } } });
    expect(statusOf(vault, id)).toBe('rejected');
    const answer = auditEntries(vault).find((entry) => entry.action === 'bank.payment' && entry.target === id);
    expect(answer).toMatchObject({ outcome: 'allowed', details: { answer: 'refused', code: 'POLICY_APPROVALS_MISSING' } });
    expect(await store.db.selectFrom('payments').select('payment_id').execute()).toEqual([]);
    // Refused is final: the next sync does not send it again.
    expect(await dispatch(await openSession(vault), 'bank.sync', {})).toMatchObject({ ok: true, value: { payments: { sent: 0 } } });
  });

  it('has the bank witness cosign the log at each sync: audit verify checks the cosignatures, and the exported bundle carries them', async () => {
    const store = await stores.fresh();
    const { code } = await demoBankWithCode(store, 'dave');
    const gateway = await startTestGateway(store);
    const { vault } = await enrolFreshVault(gateway.url, code);
    open.push(vault);
    const first = await dispatch(await openSession(vault), 'bank.sync', {});
    expect(first).toMatchObject({ ok: true, value: { witness: { oldSize: 0 } } });
    const second = await dispatch(await openSession(vault), 'bank.sync', {});
    if (!first.ok || !second.ok) throw new Error('expected both syncs to pass');
    expect(second.value.witness.oldSize).toBe(first.value.witness.size);
    expect(second.value.witness.size).toBeGreaterThan(first.value.witness.size);
    expect(auditEntries(vault).filter((entry) => entry.action === 'bank.witness').map((entry) => entry.details.size)).toEqual([first.value.witness.size, second.value.witness.size]);
    const verified = await dispatch(await openSession(vault), 'audit.verify', {});
    expect(verified).toMatchObject({ ok: true, value: { witnessedSize: second.value.witness.size, cosignatures: 2 } });
    const exported = await dispatch(await openSession(vault), 'audit.export', {});
    if (!exported.ok) throw new Error(exported.error.message);
    const bundle = JSON.parse(new TextDecoder().decode(exported.value.file.bytes)) as AuditBundle;
    expect(bundle.cosignatures).toHaveLength(2);
    expect(verifyBundle(bundle, { trustedVerifierKey: bundle.verifierKey }).size).toBe(bundle.entries.length);
    // Each carried note is the device's checkpoint with the witness's cosignature line, which its key verifies.
    const witness = { name: 'bank.example/witness', publicKey: Buffer.from((await (await fetch(`${gateway.url}/v1/witness`)).json() as { publicKey: string }).publicKey, 'base64') };
    for (const note of bundle.cosignatures) verifyCosignature(note.slice(0, note.indexOf('\n\n') + 1), note.slice(note.indexOf('\n\n') + 2), witness);
  });

  it('refuses an enrolled vault whose enrolment record was deleted: the build\'s key does not verify the bank\'s policy', async () => {
    const store = await stores.fresh();
    const { code } = await demoBankWithCode(store, 'erin');
    const gateway = await startTestGateway(store);
    const { vault } = await enrolFreshVault(gateway.url, code);
    open.push(vault);
    vault.db.prepare('DELETE FROM bank_connection').run();
    expect(await dispatch(await openSession(vault), 'bank.sync', {})).toMatchObject({ ok: false, error: { code: 'POLICY_BAD_SIGNATURE' } });
    expect(auditEntries(vault).at(-1)).toMatchObject({ action: 'bank.sync', outcome: 'denied', reason: 'POLICY_BAD_SIGNATURE' });
  });
});

describe('coffer sync in a vault never enrolled', () => {
  it('is refused with APP_NOT_ENROLLED, audited', async () => {
    const { vault } = await makeTestVault();
    open.push(vault);
    expect(await dispatch(await openSession(vault), 'bank.sync', {})).toMatchObject({ ok: false, error: { code: 'APP_NOT_ENROLLED' } });
    expect(auditEntries(vault).at(-1)).toMatchObject({ action: 'bank.sync', outcome: 'failed', reason: 'APP_NOT_ENROLLED' });
  });
});
