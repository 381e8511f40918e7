import type { CommandInput } from '../../api/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { auditEntries, bankingRowCounts, CREDITOR_IBAN, EUR_ACCOUNT, makeDemoVaults, recordingStepUp, type DemoVault } from '../../../test/fixtures/demo/demoVault.js';
import { paymentDigest } from '../../domain/index.js';
import { requirePayment } from '../commands/records/paymentRecords.js';
import { commandSpec } from '../../api/index.js';
import type { AnyAppCommand } from './defineCommand.js';
import { dispatch, dispatchUnknown } from './dispatch.js';
import { openSession } from './openSession.js';
import { runCommand } from './runCommand.js';
import { CofferError } from '../../contract/index.js';

let vaults: Map<string, DemoVault>;
const demo = (user: string): DemoVault => {
  const found = vaults.get(user);
  if (!found) throw new Error(`no vault for ${user}`);
  return found;
};

beforeAll(async () => {
  vaults = await makeDemoVaults(['alice', 'bob', 'erin']);
});
afterAll(() => {
  for (const v of vaults?.values() ?? []) v.close();
});

const order = { from: EUR_ACCOUNT, toName: 'Dispatcher Test GmbH', toIban: CREDITOR_IBAN, amount: '99.00', currency: 'EUR'} satisfies CommandInput<'payments.create'>;

/** A command that writes a settings row and then fails: the transaction must take both back. */
const failingWrite = (error: Error): AnyAppCommand => ({
  spec: commandSpec({ name: 'settings.fail', permission: 'payees:write', summary: 'test only', input: z.strictObject({}), output: z.never(), stepUp: 'never', changes: true }),
  implementation: {
    run(ctx) {
      ctx.db.prepare("INSERT INTO settings (key, value, updated_at) VALUES ('half', 'done', 'now')").run();
      throw error;
    },
  },
});

describe('when the input is malformed', () => {
  for (const [label, input, field] of [
    ['an amount with three decimals', { ...order, amount: '1.005' }, 'amount'],
    ['an amount given as a number', { ...order, amount: 99 }, 'amount'],
    ['an IBAN with wrong check digits', { ...order, toIban: 'FR1520041010050500013M02606' }, 'toIban'],
    ['an unknown field', { ...order, approvedBy: 'bob' }, 'input'],
    ['no object at all', 'pay everyone', 'input'],
  ] as const) {
    it(`refuses ${label} with APP_BAD_INPUT naming ${field}, changes nothing, and audits the failure`, async () => {
      const { vault } = demo('alice');
      const session = await openSession(vault);
      const rows = bankingRowCounts(vault);
      const size = vault.audit.size;
      const result = await dispatchUnknown(session, 'payments.create', input);
      expect(result).toMatchObject({ ok: false, error: { code: 'APP_BAD_INPUT' } });
      if (!result.ok) expect(result.error.message.startsWith(`${field}: `), result.error.message).toBe(true);
      expect(bankingRowCounts(vault)).toEqual(rows);
      expect(vault.audit.size).toBe(size + 1);
      expect(auditEntries(vault).at(-1)).toMatchObject({ action: 'payments.create', outcome: 'failed', reason: 'APP_BAD_INPUT', details: { field } });
    });
  }

  it('denies a role without the permission before reading the input: a viewer learns nothing from validation', async () => {
    const session = await openSession(demo('erin').vault);
    for (const input of [{ ...order, currency: 'EURO' }, { ...order, toIban: EUR_ACCOUNT }, order, 'pay everyone']) {
      expect(await dispatchUnknown(session, 'payments.create', input)).toMatchObject({ ok: false, error: { code: 'POLICY_DENIED' } });
      expect(auditEntries(demo('erin').vault).at(-1)).toMatchObject({ action: 'payments.create', outcome: 'denied', reason: 'POLICY_DENIED', details: { permission: 'payments:create' } });
    }
  });
});

describe('when the command does not exist', () => {
  it('refuses it with APP_UNKNOWN_COMMAND and audits the attempt without echoing odd names', async () => {
    const { vault } = demo('alice');
    const result = await dispatchUnknown(await openSession(vault), 'payments.approve_all; DROP TABLE payments', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'APP_UNKNOWN_COMMAND' } });
    expect(auditEntries(vault).at(-1)).toMatchObject({ action: 'dispatch', outcome: 'failed', reason: 'APP_UNKNOWN_COMMAND', details: { command: '(unprintable)' } });
  });
});

describe('when a command fails halfway through its change', () => {
  it('rolls the change back and records the failure with its code', async () => {
    const { vault } = demo('alice');
    const result = await runCommand(await openSession(vault), failingWrite(new CofferError('APP_STALE', 'changed meanwhile')), {});
    expect(result).toEqual({ ok: false, error: { code: 'APP_STALE', message: 'changed meanwhile' } });
    expect(vault.db.prepare("SELECT count(*) AS n FROM settings WHERE key = 'half'").get()).toEqual({ n: 0 });
    expect(auditEntries(vault).at(-1)).toMatchObject({ action: 'settings.fail', outcome: 'failed', reason: 'APP_STALE' });
  });

  it('hides the message of an error that is not ours behind APP_INTERNAL', async () => {
    const result = await runCommand(await openSession(demo('alice').vault), failingWrite(new Error('SQLITE said: secret row 42')), {});
    expect(result).toEqual({ ok: false, error: { code: 'APP_INTERNAL', message: 'unexpected internal error' } });
  });
});

describe('when a command succeeds', () => {
  it('writes the change and its allowed audit entry together, then checkpoints the log', async () => {
    const { vault } = demo('alice');
    const result = await dispatch(await openSession(vault), 'payments.create', order);
    if (!result.ok) throw new Error(result.error.message);
    const { id } = result.value;
    expect(requirePayment(vault.db, id).payment).toMatchObject({ status: 'draft', amountMinor: 9900, createdBy: 'alice' });
    expect(auditEntries(vault).at(-1)).toMatchObject({ action: 'payments.create', target: id, outcome: 'allowed', actor: { userId: 'alice' }, details: { amountMinor: 9900, currency: 'EUR' } });
    expect(vault.db.prepare('SELECT max(size) AS size FROM audit_checkpoints').get()).toEqual({ size: vault.audit.size });
  });

  it('leaves no entry for a read', async () => {
    const { vault } = demo('alice');
    const size = vault.audit.size;
    expect(await dispatch(await openSession(vault), 'accounts.list', {})).toMatchObject({ ok: true });
    expect(vault.audit.size).toBe(size);
  });
});

describe('when a command asks for a step-up', () => {
  it('refuses it with APP_STEP_UP_REQUIRED when no verifier is configured, audited, nothing changed', async () => {
    const { vault } = demo('bob');
    const rows = bankingRowCounts(vault);
    const result = await dispatch(await openSession(vault), 'payments.approve', { id: 'demo-0005' });
    expect(result).toMatchObject({ ok: false, error: { code: 'APP_STEP_UP_REQUIRED' } });
    expect(bankingRowCounts(vault)).toEqual(rows);
    expect(auditEntries(vault).at(-1)).toMatchObject({ action: 'payments.approve', target: 'demo-0005', outcome: 'denied', reason: 'APP_STEP_UP_REQUIRED' });
  });

  it('refuses it with the verifier\'s code when the ceremony fails', async () => {
    const { vault } = demo('bob');
    const { verifier } = recordingStepUp({ ok: false, code: 'APP_STEP_UP_FAILED', message: 'user verification was not performed' });
    const result = await dispatch(await openSession(vault, { stepUp: verifier }), 'payments.approve', { id: 'demo-0005' });
    expect(result).toMatchObject({ ok: false, error: { code: 'APP_STEP_UP_FAILED' } });
    expect(auditEntries(vault).at(-1)).toMatchObject({ outcome: 'denied', reason: 'APP_STEP_UP_FAILED' });
    expect(vault.db.prepare("SELECT status FROM payments WHERE id = 'demo-0005'").get()).toEqual({ status: 'pending_approval' });
  });

  it('records a verifier that breaks down as a failure, and approves nothing', async () => {
    const { vault } = demo('bob');
    const broken = { verify: () => Promise.reject(new Error('authenticator unplugged')) };
    const result = await dispatch(await openSession(vault, { stepUp: broken }), 'payments.approve', { id: 'demo-0005' });
    expect(result).toMatchObject({ ok: false, error: { code: 'APP_INTERNAL' } });
    expect(auditEntries(vault).at(-1)).toMatchObject({ action: 'payments.approve', outcome: 'failed', reason: 'APP_INTERNAL' });
    expect(vault.db.prepare("SELECT status FROM payments WHERE id = 'demo-0005'").get()).toEqual({ status: 'pending_approval' });
  });

  it('asks the verifier to bind the payment digest and passes the caller\'s proof through', async () => {
    const { vault } = demo('bob');
    const { verifier, requests } = recordingStepUp();
    const result = await dispatch(await openSession(vault, { stepUp: verifier }), 'payments.approve', { id: 'demo-0005' }, { stepUpProof: { assertion: 'opaque' } });
    expect(result).toMatchObject({ ok: true, value: { status: 'approved', signatureClass: 'E' } });
    const payment = requirePayment(vault.db, 'demo-0005').payment;
    expect(requests).toHaveLength(1);
    expect(Buffer.from(requests[0]?.challenge ?? []).toString('hex')).toBe(paymentDigest(payment).toString('hex'));
    expect(requests[0]).toMatchObject({ command: 'payments.approve', userId: 'bob', target: 'demo-0005', proof: { assertion: 'opaque' } });
    expect(auditEntries(vault).at(-1)).toMatchObject({ action: 'payments.approve', outcome: 'allowed', details: { stepUp: 'test-authenticator' } });
  });

  it('never asks for a hardware key before the capabilities allow the command', async () => {
    const { verifier, requests } = recordingStepUp();
    const result = await dispatch(await openSession(demo('erin').vault, { stepUp: verifier }), 'payments.approve', { id: 'demo-0004' });
    expect(result).toMatchObject({ ok: false, error: { code: 'POLICY_DENIED' } });
    expect(requests).toHaveLength(0);
  });
});
