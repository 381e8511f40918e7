/**
 * A fresh vault enrolled at a real gateway through the app's own `bank.enrol` command, as `coffer enrol` does:
 * the demo bank (seedDemoBank: users, rules, three accounts, a year of statements) issues an activation code.
 */
import { dispatch, openSession } from '../../src/app/index.js';
import type { CommandOutput } from '../../src/api/index.js';
import { createActivationCode, seedDemoBank, type GatewayStore } from '../../src/server/index.js';
import { unlockVault, type UnlockedVault } from '../../src/vault/index.js';
import { makeTestVault, TEST_PASSWORD } from './testVault.js';

export const DEMO_ORG_ID = 'demo-nordlicht';

/** The demo bank on `store`, and a one-time activation code for `user`. */
export async function demoBankWithCode(store: GatewayStore, user = 'erin'): Promise<{ code: string; statementEntries: number }> {
  const { statementEntries } = await seedDemoBank(store, 'sam');
  const { code } = await createActivationCode(store, 'sam', { orgId: DEMO_ORG_ID, userId: user });
  return { code, statementEntries };
}

/** A new activation code for `user` of the demo bank already seeded on `store`. */
export async function anotherCode(store: GatewayStore, user: string): Promise<string> {
  return (await createActivationCode(store, 'sam', { orgId: DEMO_ORG_ID, userId: user })).code;
}

export interface EnrolledVault {
  dir: string;
  /** Unlocked again after enrolment, so it works as the enrolled user. */
  vault: UnlockedVault;
  enrolment: CommandOutput<'bank.enrol'>;
}

/** A fresh vault, enrolled with `code` at `gatewayUrl`, then unlocked again. Throws the refusal if any. */
export async function enrolFreshVault(gatewayUrl: string, code: string): Promise<EnrolledVault> {
  const { dir, vault: fresh } = await makeTestVault();
  const result = await dispatch(await openSession(fresh), 'bank.enrol', { server: gatewayUrl, code });
  fresh.lock();
  if (!result.ok) throw new Error(`expected enrolment, found ${result.error.code}: ${result.error.message}`);
  const vault = await unlockVault(dir, { password: TEST_PASSWORD }, { autoLockMs: null });
  return { dir, vault, enrolment: result.value };
}
