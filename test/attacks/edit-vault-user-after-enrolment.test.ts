import { afterEach, expect, it } from 'vitest';
import { dispatch, openSession, verifyCachedOrgPolicy } from '../../src/app/index.js';
import { unlockVault, type UnlockedVault } from '../../src/vault/index.js';
import { auditEntries } from '../fixtures/demo/demoVault.js';
import { demoBankWithCode } from '../support/enrolledVault.js';
import { startTestGateway } from '../support/gatewayClient.js';
import { describeOnEachStore } from '../support/gatewayStores.js';
import { openAsPlainSqlCipher4 } from '../support/sqlcipher.js';
import { makeTestVault, TEST_PASSWORD } from '../support/testVault.js';

// Attack: Erin, a viewer, exported her vault's data key while the vault was fresh and hers to administer, then
// enrolled it. With stock SQLCipher she rewrites who the vault belongs to — Bob, an approver in the bank's policy
// — hoping to open it with Bob's roles.
const open: UnlockedVault[] = [];
afterEach(() => {
  for (const vault of open.splice(0)) vault.lock();
});

async function erinsVault(gatewayUrl: string, code: string): Promise<{ dir: string; keyHex: string }> {
  const { dir, vault } = await makeTestVault();
  const exported = await dispatch(await openSession(vault), 'vault.export-key', {});
  if (!exported.ok) throw new Error(exported.error.message);
  const enrolled = await dispatch(await openSession(vault), 'bank.enrol', { server: gatewayUrl, code });
  vault.lock();
  if (!enrolled.ok) throw new Error(enrolled.error.message);
  return { dir, keyHex: exported.value.dataKeyHex };
}

function editFile(dir: string, keyHex: string, sql: string): void {
  const db = openAsPlainSqlCipher4(`${dir}/vault.db`, keyHex);
  try {
    db.exec(sql);
  } finally {
    db.close();
  }
}

describeOnEachStore('an enrolled viewer renames her vault\'s user in the decrypted database', (stores) => {
  for (const [label, sql] of [
    ['vault_meta.user_id', "UPDATE vault_meta SET value = 'bob' WHERE key = 'user_id'"],
    ['vault_meta.user_id and the enrolment record', "UPDATE vault_meta SET value = 'bob' WHERE key = 'user_id'; UPDATE bank_connection SET user_id = 'bob'"],
  ] as const) {
    it(`editing ${label}: the session is refused with APP_DEVICE_MISMATCH before any command, and the refusal is audited`, async () => {
      const store = await stores.fresh();
      const { code } = await demoBankWithCode(store, 'erin');
      const gateway = await startTestGateway(store);
      const { dir, keyHex } = await erinsVault(gateway.url, code);
      editFile(dir, keyHex, sql);
      const vault = await unlockVault(dir, { password: TEST_PASSWORD }, { autoLockMs: null });
      open.push(vault);
      // What she was after: the bank's own policy, which still verifies, makes Bob an approver.
      const policy = await verifyCachedOrgPolicy(vault.db);
      expect(policy.status === 'valid' && policy.policy.users.find((user) => user.id === 'bob')?.roles).toEqual(['approver']);
      const session = await openSession(vault);
      expect([session.userId, session.roles, session.policy.status]).toEqual(['bob', [], 'unusable']);
      expect(session.policy).toMatchObject({ code: 'APP_DEVICE_MISMATCH' });
      expect(auditEntries(vault).at(-1)).toMatchObject({ action: 'device.verify', outcome: 'denied', reason: 'APP_DEVICE_MISMATCH' });
      for (const [name, input] of [['accounts.list', {}], ['payments.approve', { id: 'any' }]] as const) {
        expect(await dispatch(session, name, input)).toMatchObject({ ok: false, error: { code: 'APP_DEVICE_MISMATCH' } });
        expect(auditEntries(vault).at(-1)).toMatchObject({ action: name, outcome: 'denied', reason: 'APP_DEVICE_MISMATCH', actor: { userId: 'bob' } });
      }
    });
  }
});
