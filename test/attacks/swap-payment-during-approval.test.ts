import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch, openSession, type StepUpVerifier } from '../../src/app/index.js';
import { auditEntries, makeDemoVault, storedPayment, type DemoVault } from '../fixtures/demo/demoVault.js';

// Attack: while Bob touches his hardware key to approve what he was shown, the payment is changed
// underneath (another window of the app, or malware with the data key), hoping his approval lands on it.
let bob: DemoVault;
beforeAll(async () => {
  bob = await makeDemoVault('bob');
});
afterAll(() => bob?.close());

describe('when the payment changes between the challenge and the approval', () => {
  it('refuses with APP_STALE, records no approval and leaves the payment pending', async () => {
    const swapping: StepUpVerifier = {
      verify() {
        bob.vault.db.prepare("UPDATE payments SET creditor_iban = 'NL91ABNA0417164300', version = version + 1 WHERE id = 'demo-0005'").run();
        return Promise.resolve({ ok: true, method: 'test-authenticator' });
      },
    };
    const result = await dispatch(await openSession(bob.vault, { stepUp: swapping }), 'payments.approve', { id: 'demo-0005' });
    expect(result).toMatchObject({ ok: false, error: { code: 'APP_STALE' } });
    expect(bob.vault.db.prepare("SELECT count(*) AS n FROM approvals WHERE payment_id = 'demo-0005'").get()).toEqual({ n: 0 });
    expect(storedPayment(bob.vault, 'demo-0005')).toMatchObject({ status: 'pending_approval' });
    expect(auditEntries(bob.vault).at(-1)).toMatchObject({ action: 'payments.approve', outcome: 'failed', reason: 'APP_STALE' });
  });

  it('also refuses a change that keeps the version but alters what was signed', async () => {
    const quiet: StepUpVerifier = {
      verify() {
        bob.vault.db.prepare("UPDATE payments SET amount_minor = amount_minor * 10 WHERE id = 'demo-0005'").run();
        return Promise.resolve({ ok: true, method: 'test-authenticator' });
      },
    };
    const result = await dispatch(await openSession(bob.vault, { stepUp: quiet }), 'payments.approve', { id: 'demo-0005' });
    expect(result).toMatchObject({ ok: false, error: { code: 'APP_STALE' } });
    expect(bob.vault.db.prepare("SELECT count(*) AS n FROM approvals WHERE payment_id = 'demo-0005'").get()).toEqual({ n: 0 });
  });
});
