import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEntries, makeDemoVaultCopies, recordingStepUp, type DemoVault } from '../../../test/fixtures/demo/demoVault.js';
import { dispatch } from '../dispatch/dispatch.js';
import { openSession } from '../dispatch/openSession.js';
import { signDemoPayeeCheck } from '../demo/demoPayeeChecks.js';
import { DEMO_PAYEES } from '../demo/demoOrganisation.js';

const EUR_ACCOUNT = 'DE89370400440532013000';
const BRUSSELS = DEMO_PAYEES.find((payee) => payee.id === 'payee-brussels') as (typeof DEMO_PAYEES)[number];
const ALPEN = DEMO_PAYEES.find((payee) => payee.id === 'payee-alpen') as (typeof DEMO_PAYEES)[number];

let copies: DemoVault[];
let bobs: DemoVault[];
beforeAll(async () => {
  copies = await makeDemoVaultCopies('alice', 4);
  bobs = await makeDemoVaultCopies('bob', 1);
});
afterAll(() => {
  for (const copy of [...(copies ?? []), ...(bobs ?? [])]) copy.close();
});
const vaultAt = (index: number) => (copies[index] as DemoVault).vault;

describe('Verification of Payee in the demo vault', () => {
  it('shows each payment the check of its payee: match, close match with the registered name, no match, not checked', async () => {
    const session = await openSession(vaultAt(0));
    const checkOf = async (id: string) => {
      const shown = await dispatch(session, 'payments.show', { id });
      if (!shown.ok) throw new Error(shown.error.message);
      return shown.value.payeeCheck;
    };
    expect(await checkOf('demo-0001')).toMatchObject({ status: 'checked', result: 'match', registeredName: null });
    expect(await checkOf('demo-0005')).toMatchObject({ status: 'checked', result: 'close-match', registeredName: 'Boulangerie Éclair SAS' });
    expect(await checkOf('demo-0004')).toMatchObject({ status: 'checked', result: 'no-match', registeredName: null });
    expect(await checkOf('demo-0008')).toEqual({ status: 'not-checked' });
  });

  it('lists each payee with its check', async () => {
    const listed = await dispatch(await openSession(vaultAt(0)), 'payees.list', {});
    if (!listed.ok) throw new Error(listed.error.message);
    const byId = Object.fromEntries(listed.value.payees.map((payee) => [payee.id, payee.payeeCheck]));
    expect(byId).toMatchObject({
      'payee-alpen': { status: 'checked', result: 'match' },
      'payee-eclair': { status: 'checked', result: 'close-match', registeredName: 'Boulangerie Éclair SAS' },
      'payee-iberica': { status: 'checked', result: 'no-match' },
      'payee-brussels': { status: 'not-checked' },
    });
  });
});

describe('payees.record-check', () => {
  it('keeps a bank-signed answer for the payee, audited with its outcome and no name', async () => {
    const vault = vaultAt(1);
    const session = await openSession(vault);
    const { jws, answer } = await signDemoPayeeCheck(BRUSSELS, new Date(), 'check-brussels-1');
    const recorded = await dispatch(session, 'payees.record-check', { answer: jws, payee: BRUSSELS.id });
    expect(recorded).toEqual({ ok: true, value: { checkId: 'check-brussels-1', iban: BRUSSELS.iban, name: BRUSSELS.name, result: 'not-possible', registeredName: null, checkedAt: answer.checkedAt } });
    const entry = auditEntries(vault).at(-1);
    expect(entry).toMatchObject({ action: 'payees.record-check', outcome: 'allowed', target: BRUSSELS.id, details: { checkId: 'check-brussels-1', result: 'not-possible', country: 'BE' } });
    expect(JSON.stringify(entry)).not.toContain('Brussels Office');
    const shown = await dispatch(session, 'payments.show', { id: 'demo-0008' });
    expect(shown).toMatchObject({ ok: true, value: { payeeCheck: { status: 'checked', result: 'not-possible' } } });
    // The same answer again is the same evidence: kept once.
    expect(await dispatch(session, 'payees.record-check', { answer: jws, payee: BRUSSELS.id })).toMatchObject({ ok: true });
    expect(vault.db.prepare("SELECT count(*) AS n FROM payee_checks WHERE id = 'check-brussels-1'").get()).toEqual({ n: 1 });
  });

  it('refuses an answer about another IBAN or another name with APP_PAYEE_CHECK_MISMATCH and keeps nothing', async () => {
    const vault = vaultAt(1);
    const session = await openSession(vault);
    const before = vault.db.prepare('SELECT count(*) AS n FROM payee_checks').get();
    const otherIban = await signDemoPayeeCheck({ iban: ALPEN.iban, name: BRUSSELS.name }, new Date(), 'check-other-iban');
    expect(await dispatch(session, 'payees.record-check', { answer: otherIban.jws, payee: BRUSSELS.id })).toMatchObject({ ok: false, error: { code: 'APP_PAYEE_CHECK_MISMATCH' } });
    const otherName = await signDemoPayeeCheck({ iban: BRUSSELS.iban, name: 'Brussels Office Supply' }, new Date(), 'check-other-name');
    expect(await dispatch(session, 'payees.record-check', { answer: otherName.jws, payment: 'demo-0008' })).toMatchObject({ ok: false, error: { code: 'APP_PAYEE_CHECK_MISMATCH' } });
    expect(vault.db.prepare('SELECT count(*) AS n FROM payee_checks').get()).toEqual(before);
    expect(auditEntries(vault).at(-1)).toMatchObject({ action: 'payees.record-check', outcome: 'failed', reason: 'APP_PAYEE_CHECK_MISMATCH' });
  });

  it('shows the answer the bank signed last, whatever order they were recorded in (an older answer replayed never hides a newer one)', async () => {
    const vault = vaultAt(2);
    const session = await openSession(vault);
    const party = { iban: BRUSSELS.iban, name: BRUSSELS.name };
    // Two genuine answers of the demo bank's key, made up here with the outcomes the story needs.
    const older = await signDemoPayeeCheck(party, new Date('2026-01-01T00:00:00Z'), 'check-older');
    const newer = await signDemoPayeeCheck(party, new Date('2026-06-01T00:00:00Z'), 'check-newer');
    expect(await dispatch(session, 'payees.record-check', { answer: newer.jws, payment: 'demo-0008' })).toMatchObject({ ok: true });
    expect(await dispatch(session, 'payees.record-check', { answer: older.jws, payment: 'demo-0008' })).toMatchObject({ ok: true });
    expect(await dispatch(session, 'payments.show', { id: 'demo-0008' })).toMatchObject({ ok: true, value: { payeeCheck: { checkId: 'check-newer' } } });
  });

  it('puts the payee check in the entries of the payment’s creation and of each approval', async () => {
    const maker = await openSession(vaultAt(3));
    const created = await dispatch(maker, 'payments.create', { from: EUR_ACCOUNT, toName: ALPEN.name, toIban: ALPEN.iban, amount: '10.00', currency: 'EUR' });
    expect(created.ok).toBe(true);
    expect(auditEntries(vaultAt(3)).at(-1)).toMatchObject({ action: 'payments.create', details: { payeeCheck: { result: 'match', checkId: 'demo-check-payee-alpen' } } });
    await dispatch(maker, 'payments.create', { from: EUR_ACCOUNT, toName: BRUSSELS.name, toIban: BRUSSELS.iban, amount: '10.00', currency: 'EUR' });
    expect(auditEntries(vaultAt(3)).at(-1)).toMatchObject({ action: 'payments.create', details: { payeeCheck: { result: 'not-checked' } } });
    // Bob approves demo-0005, whose payee is a close match: his entry says what he was shown.
    const bobsVault = (bobs[0] as DemoVault).vault;
    const bob = await openSession(bobsVault, { stepUp: recordingStepUp().verifier });
    expect(await dispatch(bob, 'payments.approve', { id: 'demo-0005' })).toMatchObject({ ok: true });
    expect(auditEntries(bobsVault).find((entry) => entry.action === 'payments.approve' && entry.target === 'demo-0005')).toMatchObject({
      details: { payeeCheck: { result: 'close-match', checkId: 'demo-check-payee-eclair' } },
    });
    // An edit to another payee records the check the payment now carries.
    expect(await dispatch(maker, 'payments.edit', { id: 'demo-0001', toName: 'Construcciones Ibéricas S.L.', toIban: 'ES9121000418450200051332' })).toMatchObject({ ok: true });
    expect(auditEntries(vaultAt(3)).at(-1)).toMatchObject({ action: 'payments.edit', details: { payeeCheck: { result: 'no-match' } } });
  });
});
