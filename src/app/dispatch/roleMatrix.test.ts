import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addPendingPayments, auditEntries, CREDITOR_IBAN, EUR_ACCOUNT, makeDemoVaults, recordingStepUp, type DemoVault } from '../../../test/fixtures/demo/demoVault.js';
import { ROLES, type Role } from '../../policy/index.js';
import { COMMAND_LIST } from '../commands/registry.js';
import { DEMO_PAYEES, demoOrgPolicy } from '../demo/demoOrganisation.js';
import { signDemoPayeeCheck } from '../demo/demoPayeeChecks.js';
import { DEMO_UNCHECKED_PAYEE } from '../demo/seedDemo.js';
import { dispatchUnknown } from './dispatch.js';
import { openSession, OWNER_ROLES } from './openSession.js';
import { isCommandName, type CommandInput, type CommandName } from '../../api/index.js';
import { textFile } from '../../../test/support/fileInput.js';
import { TEST_KDF, TEST_PASSWORD } from '../../../test/support/testVault.js';
import { createVault } from '../../vault/index.js';

/*
 * Every command × every role. The expectation is computed from the capability files as JSON (not through
 * authorize); the outcome comes from the real dispatcher on a real seeded vault of a user with that role.
 */

interface FileScope {
  accounts?: string[];
  currencies?: string[];
  maxAmountMinor?: number;
}
interface FileEntry {
  identifier: string;
  allow?: FileScope[];
  deny?: FileScope[];
}
interface CapabilityJson {
  roles: string[];
  permissions: (string | FileEntry)[];
}

const capabilitiesDir = fileURLToPath(new URL('../../../capabilities/', import.meta.url));
const files = readdirSync(capabilitiesDir)
  .filter((name) => name.endsWith('.json') && name !== 'schema.json')
  .map((name) => JSON.parse(readFileSync(join(capabilitiesDir, name), 'utf8')) as CapabilityJson);

/** The request each payment command of the matrix makes: a small EUR payment from the EUR account. */
const REQUEST = { account: EUR_ACCOUNT, currency: 'EUR', amountMinor: 1_300_00 };
const covers = (scope: FileScope) =>
  (scope.accounts === undefined || scope.accounts.includes('*') || scope.accounts.includes(REQUEST.account)) &&
  (scope.currencies === undefined || scope.currencies.includes(REQUEST.currency)) &&
  (scope.maxAmountMinor === undefined || REQUEST.amountMinor <= scope.maxAmountMinor);

function grantedByFiles(role: Role, permission: string): boolean {
  const entries = files.filter((file) => file.roles.includes(role)).flatMap((file) => file.permissions);
  const mine = entries.filter((entry) => (typeof entry === 'string' ? entry : entry.identifier) === permission);
  if (mine.some((entry) => typeof entry !== 'string' && (entry.deny ?? []).some(covers))) return false;
  return mine.some((entry) => typeof entry === 'string' || (entry.allow ?? []).some(covers));
}

const USER_OF: Record<Role, string> = { maker: 'alice', approver: 'bob', auditor: 'dave', viewer: 'erin', admin: 'frank' };
/** Filled in before all tests: the pending payments the approver approves as a batch. */
const batchIds: string[] = [];
/** The demo bank's answer for the one demo payee left unchecked, signed before all tests. */
const recordedCheck = { answer: '', payee: DEMO_UNCHECKED_PAYEE };
const statement = textFile('statement.csv', 'entry_ref,booking_date,value_date,amount,currency,counterparty_name,counterparty_iban,remittance_info\nMX-1,2025-03-03,,-12.50,EUR,Kiosk,,Coffee\n');

/** One input per command that succeeds for a role allowed to run it on the seeded demo vault. */
const INPUTS: { [Name in CommandName]: CommandInput<Name> } = {
  'accounts.list': {},
  'transactions.list': { limit: 5 },
  'transactions.export': { text: 'a' },
  'payees.add': { name: 'Matrix Supplies GmbH', iban: CREDITOR_IBAN },
  'payees.list': {},
  'payees.record-check': recordedCheck,
  'payments.create': { from: EUR_ACCOUNT, toName: 'Matrix Supplies GmbH', toIban: CREDITOR_IBAN, amount: '1300.00', currency: 'EUR' },
  'payments.edit': { id: 'demo-0001', amount: '1300.00' },
  'payments.cancel': { id: 'demo-0003' },
  'payments.submit': { id: 'demo-0002' },
  'payments.approve': { id: 'demo-0005' },
  // Two more pending payments of Alice's, made before the vaults were handed out (beforeAll).
  'payments.approve-batch-options': { ids: batchIds },
  'payments.approve-batch': { ids: batchIds },
  'payments.list': { status: 'draft' },
  'payments.show': { id: 'demo-0004' },
  'payments.export': { format: 'pain.001', currency: 'EUR' },
  'payments.export-approvals': { id: 'demo-0007' },
  'statements.import': { file: statement, account: EUR_ACCOUNT },
  'vault.show': {},
  'vault.passwd': { newPassword: 'a new matrix passphrase, long enough 7' },
  'vault.export-key': {},
  'vault.rekey': { password: TEST_PASSWORD },
  'vault.recovery-code': {},
  'settings.show': {},
  'settings.set': { autoLockSeconds: 600 },
  'audit.log': { limit: 3 },
  'audit.verify': {},
  'audit.export': {},
  'audit.prove': { index: 0 },
  'audit.checkpoint': {},
  'desktop.blocked': { events: [{ kind: 'request', target: 'https://evil.example/steal', reason: 'DESKTOP_OFF_ORIGIN', at: '2026-12-01T08:00:00.000Z' }] },
  'keys.register-options': {},
  // Enrolment needs a browser's ceremony (test/attacks/*-key*.test.ts): here it answers that the response does not verify.
  'keys.register': { name: 'Matrix key', response: { id: 'AAAA', rawId: 'AAAA', type: 'public-key', response: { clientDataJSON: 'e30', attestationObject: 'oA' }, clientExtensionResults: {} } },
  'keys.assert-options': {},
  'keys.list': {},
  // The demo users hold no key: these answer APP_NOT_FOUND once allowed.
  'keys.rename': { id: 'AAAA', name: 'Matrix key' },
  'keys.remove': { id: 'AAAA' },
  'keys.enable-unlock': { id: 'AAAA', prfInput: 'A'.repeat(43), prfOutput: 'A'.repeat(43) },
  'keys.require-password-and-key': { id: 'AAAA', prfInput: 'A'.repeat(43), prfOutput: 'A'.repeat(43), password: 'not the password' },
  // Once allowed, a demo vault answers APP_ALREADY_ENROLLED, a fresh one its options.
  'bank.enrol-options': {},
  // No gateway listens on port 1: once allowed, a demo vault answers APP_ALREADY_ENROLLED, a fresh one APP_GATEWAY_UNREACHABLE.
  'bank.enrol': { server: 'http://127.0.0.1:1', code: 'ABCD-EFGH-JKMN-PQRS-TVWX' },
  // The demo vaults were never enrolled: once allowed, APP_NOT_ENROLLED.
  'bank.sync': {},
};

/** Commands that need a hardware key (or a gateway) the matrix vaults do not hold: allowed means refused by anything but policy. */
const NEEDS_A_KEY: ReadonlySet<string> = new Set(['keys.register', 'keys.rename', 'keys.remove', 'keys.enable-unlock', 'keys.require-password-and-key', 'bank.enrol-options', 'bank.enrol', 'bank.sync']);

/**
 * Runs every command for the vault's user and checks the answer against the capability files: allowed
 * commands succeed with an output their spec accepts, the others are refused POLICY_DENIED and audited.
 */
function matrix(label: string, roles: readonly Role[], userOf: () => { vault: DemoVault['vault'] }, user: string, seeded = true) {
  describe(label, () => {
    // vault.rekey (which needs the seeded password) and then vault.passwd run last: they change the secrets.
    const last = ['vault.rekey', 'vault.passwd'];
    const order = [...COMMAND_LIST].sort((a, b) => last.indexOf(a.spec.name) - last.indexOf(b.spec.name));
    for (const { spec } of order) {
      const allowed = roles.some((role) => grantedByFiles(role, spec.permission));
      it(`${allowed ? 'runs' : 'refuses'} ${spec.name} (${spec.permission})${allowed ? '' : ' with POLICY_DENIED, audited'}`, async () => {
        const { vault } = userOf();
        const session = await openSession(vault, { stepUp: recordingStepUp().verifier, kdf: TEST_KDF });
        const result = await dispatchUnknown(session, spec.name, isCommandName(spec.name) ? INPUTS[spec.name] : undefined);
        const last = auditEntries(vault).at(-1);
        if (allowed && seeded && !NEEDS_A_KEY.has(spec.name)) {
          expect(result, JSON.stringify(result)).toMatchObject({ ok: true });
          if (result.ok) expect(spec.output.safeParse(result.value).error?.issues ?? []).toEqual([]);
        } else if (allowed) {
          // An empty vault has no payment demo-0004 to show: allowed means anything but a refusal by policy.
          if (!result.ok) expect(result.error.code).not.toMatch(/^POLICY_/);
        } else {
          expect(result).toMatchObject({ ok: false, error: { code: 'POLICY_DENIED' } });
          expect(last).toMatchObject({ action: spec.name, outcome: 'denied', reason: 'POLICY_DENIED', actor: { userId: user } });
        }
      });
    }
  });
}

let vaults: Map<string, DemoVault>;
let fresh: { dir: string; vault: DemoVault['vault'] };

beforeAll(async () => {
  const now = new Date();
  const unchecked = DEMO_PAYEES.find((payee) => payee.id === DEMO_UNCHECKED_PAYEE);
  if (unchecked) recordedCheck.answer = (await signDemoPayeeCheck(unchecked, now, 'matrix-check')).jws;
  const policy = demoOrgPolicy(now);
  policy.users.push({ id: 'frank', name: 'Frank Admin', roles: ['admin'] });
  vaults = await makeDemoVaults(Object.values(USER_OF), { policy, now, asMaker: async (maker) => void batchIds.push(...(await addPendingPayments(maker, [{ amount: '120.00' }, { amount: '80.50' }]))) });
  // Its own folder: tempDir() would remove it after the first test.
  const dir = join(mkdtempSync(join(tmpdir(), 'coffer-owner-')), 'vault');
  fresh = { dir, vault: (await createVault(dir, TEST_PASSWORD, { ...TEST_KDF, autoLockMs: null })).vault };
});

afterAll(() => {
  for (const demo of vaults?.values() ?? []) demo.close();
  fresh?.vault.lock();
  if (fresh) rmSync(join(fresh.dir, '..'), { recursive: true, force: true });
});

it('covers every command of the registry', () => {
  expect(Object.keys(INPUTS).sort()).toEqual(COMMAND_LIST.map((c) => c.spec.name).sort());
});

for (const role of ROLES) {
  matrix(`when ${USER_OF[role]} (${role}) runs each command`, [role], () => {
    const demo = vaults.get(USER_OF[role]);
    if (!demo) throw new Error('no vault');
    return demo;
  }, USER_OF[role]);
}

// Before enrolment no bank policy governs the vault: its owner is its admin and auditor, and nothing else.
matrix('when the owner of a vault no bank has enrolled yet runs each command', OWNER_ROLES, () => fresh, 'owner', false);
