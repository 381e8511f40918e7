import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch, dispatchUnknown, openSession } from '../../src/app/index.js';
import { auditEntries, bankingRowCounts, CREDITOR_IBAN, EUR_ACCOUNT, makeDemoVault, type DemoVault } from '../fixtures/demo/demoVault.js';

// Attack (outside attack run, issue 9): a maker adds a payee that reads like a trusted one on the approver's
// screen — a zero-width space, a Cyrillic letter — or a second payee under a known name with another IBAN.
let alice: DemoVault;
beforeAll(async () => {
  alice = await makeDemoVault('alice');
});
afterAll(() => alice?.close());

describe('when a payee or creditor name hides a look-alike', () => {
  for (const [label, name] of [
    ['a zero-width space', 'Alpen\u200BLogistik GmbH'],
    ['a soft hyphen', 'Alpen Logis\u00adtik GmbH'],
    ['a Cyrillic А inside a Latin word', '\u0410lpen Logistik GmbH'],
    ['a Greek ο inside a Latin word', 'Alpen L\u03bfgistik GmbH'],
  ] as const) {
    it(`refuses ${label} with APP_BAD_INPUT naming the field, changing nothing`, async () => {
      const session = await openSession(alice.vault);
      const rows = bankingRowCounts(alice.vault);
      const payee = await dispatchUnknown(session, 'payees.add', { name, iban: CREDITOR_IBAN });
      expect(payee).toMatchObject({ ok: false, error: { code: 'APP_BAD_INPUT', message: expect.stringMatching(/^name: /) as unknown } });
      const payment = await dispatchUnknown(session, 'payments.create', { from: EUR_ACCOUNT, toName: name, toIban: CREDITOR_IBAN, amount: '10.00', currency: 'EUR' });
      expect(payment).toMatchObject({ ok: false, error: { code: 'APP_BAD_INPUT', message: expect.stringMatching(/^toName: /) as unknown } });
      expect(bankingRowCounts(alice.vault)).toEqual(rows);
      expect(auditEntries(alice.vault).at(-1)).toMatchObject({ outcome: 'failed', reason: 'APP_BAD_INPUT' });
    });
  }

  it('still takes a name written wholly in another script', async () => {
    expect(await dispatch(await openSession(alice.vault), 'payees.add', { name: 'Άλφα Εμπορική ΑΕ', iban: 'GR1601101250000000012300695' })).toMatchObject({ ok: true });
  });
});

describe('when two payees share a name but not an IBAN', () => {
  it('flags both, in the answer to the second and in the list', async () => {
    const session = await openSession(alice.vault);
    const first = await dispatch(session, 'payees.add', { name: 'Nordwind Spedition GmbH', iban: 'DE75512108001245126199' });
    const second = await dispatch(session, 'payees.add', { name: 'NORDWIND  Spedition G.m.b.H.', iban: 'NL91ABNA0417164300' });
    if (!first.ok || !second.ok) throw new Error('payees were refused');
    expect(second.value.sameNameOtherIban).toEqual([{ id: first.value.id, iban: 'DE75512108001245126199' }]);
    const list = await dispatch(session, 'payees.list', {});
    if (!list.ok) throw new Error(list.error.message);
    const flagged = list.value.payees.filter((p) => p.sameNameOtherIban.length > 0).map((p) => p.id).sort();
    expect(flagged).toEqual([first.value.id, second.value.id].sort());
  });
});
