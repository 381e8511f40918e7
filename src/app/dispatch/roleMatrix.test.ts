import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEntries, CREDITOR_IBAN, EUR_ACCOUNT, makeDemoVaults, recordingStepUp, type DemoVault } from '../../../test/fixtures/demo/demoVault.js';
import { ROLES, type Role } from '../../policy/index.js';
import { COMMANDS } from '../commands/registry.js';
import { demoOrgPolicy } from '../demo/demoOrganisation.js';
import { dispatch } from './dispatch.js';
import { openSession } from './openSession.js';

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
// Shared by all tests of the file (tempDir() would remove it after the first one).
const folder = mkdtempSync(join(tmpdir(), 'coffer-matrix-'));
const statement = join(folder, 'statement.csv');

/** One input per command that succeeds for a role allowed to run it on the seeded demo vault. */
const INPUTS: Record<string, unknown> = {
  'accounts.list': {},
  'transactions.list': { limit: 5 },
  'payees.add': { name: 'Matrix Supplies GmbH', iban: CREDITOR_IBAN },
  'payees.list': {},
  'payments.create': { from: EUR_ACCOUNT, toName: 'Matrix Supplies GmbH', toIban: CREDITOR_IBAN, amount: '1300.00', currency: 'EUR' },
  'payments.edit': { id: 'demo-0001', amount: '1300.00' },
  'payments.cancel': { id: 'demo-0003' },
  'payments.list': { status: 'draft' },
  'payments.show': { id: 'demo-0004' },
  'payments.submit': { id: 'demo-0002' },
  'payments.approve': { id: 'demo-0005' },
  'payments.export': { format: 'pain.001', currency: 'EUR', out: '' },
  'statements.import': { file: statement, account: EUR_ACCOUNT },
};

let vaults: Map<string, DemoVault>;

beforeAll(async () => {
  writeFileSync(statement, 'entry_ref,booking_date,value_date,amount,currency,counterparty_name,counterparty_iban,remittance_info\nMX-1,2025-03-03,,-12.50,EUR,Kiosk,,Coffee\n');
  const now = new Date();
  const policy = demoOrgPolicy(now);
  policy.users.push({ id: 'frank', name: 'Frank Admin', roles: ['admin'] });
  vaults = await makeDemoVaults(Object.values(USER_OF), { policy, now });
});

afterAll(() => {
  for (const demo of vaults?.values() ?? []) demo.close();
  rmSync(folder, { recursive: true, force: true });
});

it('covers every command of the registry', () => {
  expect(Object.keys(INPUTS).sort()).toEqual(COMMANDS.map((c) => c.name).sort());
});

for (const role of ROLES) {
  describe(`when ${USER_OF[role]} (${role}) runs each command`, () => {
    for (const command of COMMANDS) {
      const allowed = grantedByFiles(role, command.permission);
      it(`${allowed ? 'runs' : 'refuses'} ${command.name} (${command.permission})${allowed ? '' : ' with POLICY_DENIED, audited'}`, async () => {
        const demo = vaults.get(USER_OF[role]);
        if (!demo) throw new Error('no vault');
        const session = await openSession(demo.vault, { stepUp: recordingStepUp().verifier });
        const input = command.name === 'payments.export' ? { ...(INPUTS[command.name] as object), out: join(folder, `${role}.xml`) } : INPUTS[command.name];
        const result = await dispatch(session, command.name, input);
        const last = auditEntries(demo.vault).at(-1);
        if (allowed) {
          expect(result, JSON.stringify(result)).toMatchObject({ ok: true });
        } else {
          expect(result).toMatchObject({ ok: false, error: { code: 'POLICY_DENIED' } });
          expect(last).toMatchObject({ action: command.name, outcome: 'denied', reason: 'POLICY_DENIED', actor: { userId: USER_OF[role] } });
        }
      });
    }
  });
}
