import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch, openSession } from '../../src/app/index.js';
import { PAYEE_CHECK_JWS_TYPE } from '../../src/contract/index.js';
import { generateJwsKeyPair, signJws } from '../../src/crypto/index.js';
import type { UnlockedVault } from '../../src/vault/index.js';
import { DEMO_BANK_SIGNING_KEY } from '../../src/app/demo/demoBankKey.js';
import { signDemoPayeeCheck } from '../../src/app/demo/demoPayeeChecks.js';
import { auditEntries, makeDemoVaultCopies, recordingStepUp, type DemoVault } from '../fixtures/demo/demoVault.js';

// Attack: Alice, the maker, knows the bank answered "no match" for the payee of demo-0004 (48,000.00 EUR to
// Construcciones Ibéricas, an IBAN the bank holds for another company). With the vault's data key (coffer vault
// export-key, then stock SQLCipher) she edits the stored check, or offers one of her own making, so that the
// approvers see "match" and sign (issue 13 item 6). Each attempt must show as tampered or be refused, never as a match.
// (`audit verify` reports the same edits, and a deleted check, as records the log does not cover: edit-records-behind-the-log.test.ts.)
const PAYMENT = 'demo-0004';
const IBERICA = { iban: 'ES9121000418450200051332', name: 'Construcciones Ibéricas S.L.' };

let copies: DemoVault[];
let carols: DemoVault[];
beforeAll(async () => {
  copies = await makeDemoVaultCopies('alice', 4);
  carols = await makeDemoVaultCopies('carol', 1);
});
afterAll(() => {
  for (const copy of [...(copies ?? []), ...(carols ?? [])]) copy.close();
});
const vaultAt = (index: number): UnlockedVault => (copies[index] as DemoVault).vault;

async function payeeCheckShown(vault: UnlockedVault) {
  const shown = await dispatch(await openSession(vault), 'payments.show', { id: PAYMENT });
  if (!shown.ok) throw new Error(shown.error.message);
  return shown.value.payeeCheck;
}

/** An answer that says "match", signed by a key Alice made herself. */
async function ownMatchAnswer(checkId: string): Promise<string> {
  const payload = { checkId, ...IBERICA, result: 'match', checkedAt: new Date().toISOString() };
  return signJws(new TextEncoder().encode(JSON.stringify(payload)), generateJwsKeyPair('EdDSA').signingKey, { typ: PAYEE_CHECK_JWS_TYPE });
}

describe('a maker who turns the bank’s "no match" into a "match"', () => {
  it('starts from the bank’s no match', async () => {
    expect(await payeeCheckShown(vaultAt(0))).toMatchObject({ status: 'checked', result: 'no-match' });
  });

  it('edits the stored row to say match: shown as tampered, logged APP_PAYEE_CHECK_TAMPERED', async () => {
    const vault = vaultAt(0);
    vault.db.prepare("UPDATE payee_checks SET result = 'match' WHERE iban = ?").run(IBERICA.iban);
    expect(await payeeCheckShown(vault)).toMatchObject({ status: 'tampered', problem: expect.stringContaining('result') });
    expect(auditEntries(vault).at(-1)).toMatchObject({ action: 'payees.verify-check', outcome: 'denied', reason: 'APP_PAYEE_CHECK_TAMPERED', target: PAYMENT });
  });

  it('swaps in an answer signed by her own key: shown as tampered', async () => {
    const vault = vaultAt(1);
    vault.db.prepare("UPDATE payee_checks SET result = 'match', answer = ? WHERE iban = ?").run(await ownMatchAnswer('demo-check-payee-iberica'), IBERICA.iban);
    expect(await payeeCheckShown(vault)).toMatchObject({ status: 'tampered', problem: expect.stringContaining('does not verify') });
    // Recording the bank's genuine answer again does not launder the forged row under its id.
    const genuine = await signDemoPayeeCheck(IBERICA, new Date(), 'demo-check-payee-iberica');
    expect(await dispatch(await openSession(vault), 'payees.record-check', { answer: genuine.jws, payment: PAYMENT })).toMatchObject({ ok: false, error: { code: 'APP_PAYEE_CHECK_TAMPERED' } });
  });

  it('files the bank’s genuine match for another payee under this one: shown as tampered', async () => {
    const vault = vaultAt(2);
    vault.db.prepare('DELETE FROM payee_checks WHERE iban = ?').run(IBERICA.iban);
    vault.db
      .prepare("INSERT INTO payee_checks SELECT 'forged', ?, ?, result, registered_name, checked_at, answer, NULL, recorded_by, recorded_at FROM payee_checks WHERE id = 'demo-check-payee-alpen'")
      .run(IBERICA.iban, IBERICA.name);
    expect(await payeeCheckShown(vault)).toMatchObject({ status: 'tampered' });
    // Her approver, shown the same, signs with her eyes open: the approval's entry says what she saw.
    const carolsVault = (carols[0] as DemoVault).vault;
    carolsVault.db.prepare('DELETE FROM payee_checks WHERE iban = ?').run(IBERICA.iban);
    carolsVault.db
      .prepare("INSERT INTO payee_checks SELECT 'forged', ?, ?, result, registered_name, checked_at, answer, NULL, recorded_by, recorded_at FROM payee_checks WHERE id = 'demo-check-payee-alpen'")
      .run(IBERICA.iban, IBERICA.name);
    const carol = await openSession(carolsVault, { stepUp: recordingStepUp().verifier });
    expect(await dispatch(carol, 'payments.approve', { id: PAYMENT })).toMatchObject({ ok: true });
    expect(auditEntries(carolsVault).findLast((entry) => entry.action === 'payments.approve')).toMatchObject({ details: { payeeCheck: { result: 'tampered' } } });
  });

  it('records an answer signed by her own key through the app: refused APP_PAYEE_CHECK_UNTRUSTED, audited, nothing kept', async () => {
    const vault = vaultAt(3);
    const session = await openSession(vault);
    const refused = await dispatch(session, 'payees.record-check', { answer: await ownMatchAnswer('own-check'), payment: PAYMENT });
    expect(refused).toMatchObject({ ok: false, error: { code: 'APP_PAYEE_CHECK_UNTRUSTED' } });
    expect(auditEntries(vault).at(-1)).toMatchObject({ action: 'payees.record-check', outcome: 'failed', reason: 'APP_PAYEE_CHECK_UNTRUSTED' });
    // The demo bank's genuine key, but a policy's typ: a bank document of another kind cannot pass for a check.
    const { answer } = await signDemoPayeeCheck({ ...IBERICA }, new Date(), 'retyped');
    const retyped = await signJws(new TextEncoder().encode(JSON.stringify({ ...answer, result: 'match' })), DEMO_BANK_SIGNING_KEY, { typ: 'coffer-org-policy+jws' });
    expect(await dispatch(session, 'payees.record-check', { answer: retyped, payment: PAYMENT })).toMatchObject({ ok: false, error: { code: 'APP_PAYEE_CHECK_UNTRUSTED' } });
    expect(vault.db.prepare("SELECT count(*) AS n FROM payee_checks WHERE id IN ('own-check', 'retyped')").get()).toEqual({ n: 0 });
    expect(await payeeCheckShown(vault)).toMatchObject({ status: 'checked', result: 'no-match' });
  });
});
