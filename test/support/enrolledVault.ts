/**
 * A fresh vault enrolled at a real gateway through the app's own `bank.enrol` command, as `coffer enrol` does:
 * the demo bank (seedDemoBank: users, rules, three accounts, a year of statements) issues an activation code.
 */
import { dispatch, openSession } from '../../src/app/index.js';
import type { CommandOutput } from '../../src/api/index.js';
import { createActivationCode, seedDemoBank, type GatewayStore } from '../../src/server/index.js';
import { unlockVault, type UnlockedVault } from '../../src/vault/index.js';
import { makeTestVault, TEST_PASSWORD } from './testVault.js';
import { assertWithKey, type SoftwareKey } from './softwareAuthenticator.js';
import { canonicalJson } from '../../src/contract/index.js';
import { batchDigest, paymentDigest, paymentDigestBody, transitionPayment } from '../../src/domain/index.js';
import { batchDigestInputs } from '../../src/app/keys/approvalChallenge.js';
import { insertApproval, insertApprovalEvidence } from '../../src/app/commands/records/approvalRecords.js';
import { newRecordId } from '../../src/app/commands/records/newRecordId.js';
import { requirePayment, updatePayment } from '../../src/app/commands/records/paymentRecords.js';

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

/**
 * Stands in for the approver's own vault, whose approvals do not travel to the maker's vault yet: the
 * approver's key signs the payment digest, and the approval with its evidence is written into the maker's vault
 * as `payments.approve` would write it there, moving the payment to approved.
 */
export function approvalArrives(vault: UnlockedVault, paymentId: string, approver: { userId: string; key: SoftwareKey; signatureClass: 'E' | 'A' | 'B' }): void {
  vault.transact({ action: 'test.approval-arrives', target: paymentId }, (db) => {
    const { payment, accountId } = requirePayment(db, paymentId);
    const digest = paymentDigest(payment);
    const approvalId = newRecordId();
    insertApproval(db, { id: approvalId, paymentId, paymentVersion: payment.version, userId: approver.userId, paymentDigest: digest.toString('hex'), signatureClass: approver.signatureClass, createdAt: new Date().toISOString() });
    insertApprovalEvidence(db, { approvalId, credentialId: approver.key.id, assertion: JSON.stringify(assertWithKey(approver.key, digest)), digestInputs: canonicalJson(paymentDigestBody(payment)) });
    updatePayment(db, transitionPayment(payment, 'approved'), accountId, payment.version, new Date());
  });
}

/**
 * The same for a batch: one assertion of the approver's key over the batch digest of `paymentIds`, written
 * into the maker's vault as `payments.approve-batch` would write it there, each payment moving to approved.
 */
export function batchApprovalArrives(vault: UnlockedVault, paymentIds: readonly string[], approver: { userId: string; key: SoftwareKey; signatureClass: 'E' | 'A' | 'B' }): void {
  vault.transact({ action: 'test.batch-approval-arrives', details: { payments: [...paymentIds] } }, (db) => {
    const stored = paymentIds.map((id) => requirePayment(db, id));
    const members = stored.map(({ payment }) => ({ id: payment.id, digest: paymentDigest(payment).toString('hex') }));
    const assertion = JSON.stringify(assertWithKey(approver.key, batchDigest(stored.map(({ payment }) => paymentDigest(payment)))));
    for (const { payment, accountId } of stored) {
      const approvalId = newRecordId();
      insertApproval(db, { id: approvalId, paymentId: payment.id, paymentVersion: payment.version, userId: approver.userId, paymentDigest: paymentDigest(payment).toString('hex'), signatureClass: approver.signatureClass, createdAt: new Date().toISOString() });
      insertApprovalEvidence(db, { approvalId, credentialId: approver.key.id, assertion, digestInputs: batchDigestInputs(members, payment) });
      updatePayment(db, transitionPayment(payment, 'approved'), accountId, payment.version, new Date());
    }
  });
}
