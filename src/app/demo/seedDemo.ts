import { formatAmount, paymentDigestBody, sumMoney, type Currency, type PaymentStatus } from '../../domain/index.js';
import { signOrgPolicy, type Role } from '../../policy/index.js';
import type { Progress } from '../../api/index.js';
import type { UnlockedVault, VaultDatabase } from '../../vault/index.js';
import { insertApproval, insertApprovalEvidence } from '../commands/records/approvalRecords.js';
import { bookingRowWriter, type BookingSource } from '../commands/records/bookingRecords.js';
import { insertPayment } from '../commands/records/paymentRecords.js';
import { installOrgPolicy } from '../policy/installOrgPolicy.js';
import { DEMO_BANK_SIGNING_KEY } from './demoBankKey.js';
import { DEMO_ACCOUNTS, DEMO_ORG, DEMO_PAYEES, DEMO_USERS, demoOrgPolicy } from './demoOrganisation.js';
import { demoPayments } from './demoPayments.js';
import { demoBookingsInWorker } from './demoBookingsInWorker.js';
import { canonicalJson, CofferError } from '../../contract/index.js';
import { demoCredential, signDemoAssertion } from './demoCredentials.js';
import { insertCredential } from '../keys/credentialRecords.js';
import { insertPayeeCheck } from '../payees/payeeCheckRecords.js';
import { signDemoPayeeCheck } from './demoPayeeChecks.js';

/** The demo payee left without a Verification of Payee answer, so "not checked" shows too. */
export const DEMO_UNCHECKED_PAYEE = 'payee-brussels';
/** Who added the demo payees and recorded their checks. */
const DEMO_MAKER = 'alice';

/** What the key list calls the demo user's software key: its private half is published. */
export const DEMO_KEY_NAME = 'Software key (its private half is published)';
/** A software key has no authenticator model (WebAuthn §6.5.1: the zero AAGUID). */
const NO_AAGUID = '00000000-0000-0000-0000-000000000000';

/** The demo's bookings come from no file: their format says so. */
const DEMO_SOURCE: BookingSource = { statementRecordId: null, format: 'demo', file: null };

/** Bookings per account by default: 21,000 over the year. */
export const DEMO_BOOKINGS: Readonly<Record<string, number>> = { EUR: 12_000, USD: 4_500, GBP: 4_500 };

export interface SeedDemoOptions {
  /** One of alice, bob, carol, dave, erin: whose vault this becomes. */
  user: string;
  now?: Date;
  /** Bookings per account (tests use a few; the demo the full DEMO_BOOKINGS). */
  bookingsPerAccount?: number;
  /** Bookings generated (taken over from the worker), then bookings written, of all of them. */
  onProgress?: (progress: Progress) => void;
  /**
   * Enrol the user's own demo key as a key of the vault, for `coffer app`'s demo authenticator (`coffer demo seed`
   * does). Off by default: tests that bring their own virtual keys need a user without one.
   */
  enrolDemoKey?: boolean;
}

/** Bookings written between progress reports. */
const PROGRESS_EVERY = 5000;

export interface DemoSeedReport {
  user: string;
  roles: Role[];
  organisation: string;
  policyExpiresAt: string;
  accounts: { iban: string; currency: string; name: string; balance: string }[];
  payees: number;
  transactions: number;
  payments: Partial<Record<PaymentStatus, number>>;
  approvals: number;
}

/** The demo user called `id`, or APP_BAD_INPUT naming the five. */
export function demoUser(id: string): (typeof DEMO_USERS)[number] {
  const user = DEMO_USERS.find((u) => u.id === id);
  if (user === undefined) throw new CofferError('APP_BAD_INPUT', `user: expected one of ${DEMO_USERS.map((u) => u.id).join(', ')}, found ${JSON.stringify(String(id).slice(0, 40))}`);
  return user;
}

function ensureEmpty(db: VaultDatabase): void {
  const used = db.prepare('SELECT (SELECT count(*) FROM org_policy) + (SELECT count(*) FROM accounts) + (SELECT count(*) FROM payments) AS n').get() as { n: number };
  if (used.n > 0) throw new CofferError('APP_VAULT_NOT_EMPTY', 'expected an empty vault to seed, found one that already holds an organisation: use a new --vault');
}

/**
 * Fills an empty vault with the demo organisation for one of its users: the demo policy signed with the
 * DEMO bank key (installed and verified like any policy), three accounts, payees, a year of bookings and
 * payments in every lifecycle state with their approvals. A setup tool, not a command: it writes what no
 * single user could (other users' approvals, the bank's answers), in one audited transaction `demo.seed`.
 */
export async function seedDemo(vault: UnlockedVault, options: SeedDemoOptions): Promise<DemoSeedReport> {
  const user = demoUser(options.user);
  const now = options.now ?? new Date();
  ensureEmpty(vault.db);
  const policy = await installOrgPolicy(vault, await signOrgPolicy(demoOrgPolicy(now), DEMO_BANK_SIGNING_KEY), { now });
  const endDay = now.toISOString().slice(0, 10);
  const payments = demoPayments(now);
  const counts = { transactions: 0, approvals: 0 };
  const details = { user: user.id, organisation: DEMO_ORG.id, payments: payments.length };
  // Generated before the transaction (in a worker for the demo's 21,000), written in it.
  const plan = DEMO_ACCOUNTS.map((account, index) => ({
    code: account.code, currency: account.currency as Currency, count: options.bookingsPerAccount ?? DEMO_BOOKINGS[account.code] ?? 0, seed: 0x5eed + index,
  }));
  const bookings = await demoBookingsInWorker({ endDay, accounts: plan }, options.onProgress ? { onProgress: options.onProgress } : {});
  const total = plan.reduce((n, account) => n + account.count, 0);
  const created = new Date(now.getTime() - 366 * 24 * 60 * 60 * 1000);
  // The demo bank's answers when the open payments were prepared; one payee stays unchecked, as if added offline.
  const checkedAt = new Date(now.getTime() - 3 * 24 * 60 * 60 * 1000);
  const checks = await Promise.all(
    DEMO_PAYEES.filter((payee) => payee.id !== DEMO_UNCHECKED_PAYEE).map(async (payee) => ({ payeeId: payee.id, ...(await signDemoPayeeCheck(payee, checkedAt, `demo-check-${payee.id}`)) })),
  );
  const accounts = vault.transact({ action: 'demo.seed', target: DEMO_ORG.id, details, userId: 'demo-seed' }, (db) => {
    const book = bookingRowWriter(db);
    options.onProgress?.({ done: 0, total });
    const seeded = DEMO_ACCOUNTS.map((account) => {
      const id = `account-${account.code.toLowerCase()}`;
      db.prepare('INSERT INTO accounts (id, organisation_id, iban, bic, currency, name, balance_minor, created_at) VALUES (?, ?, ?, ?, ?, ?, 0, ?)').run(
        id, DEMO_ORG.id, account.iban, account.bic, account.currency, account.name, created.toISOString(),
      );
      const currency = account.currency as Currency;
      for (const row of bookings.rows.get(account.code) ?? []) {
        book(id, row, DEMO_SOURCE);
        if (++counts.transactions % PROGRESS_EVERY === 0) options.onProgress?.({ done: counts.transactions, total });
      }
      const sum = bookings.sums[account.code] ?? 0;
      const balance = sumMoney([{ minor: account.openingMinor, currency }, { minor: sum, currency }], currency).minor;
      db.prepare('UPDATE accounts SET balance_minor = ? WHERE id = ?').run(balance, id);
      return { iban: account.iban, currency, name: account.name, balance: formatAmount(balance, currency) };
    });
    const addPayee = db.prepare('INSERT INTO payees (id, organisation_id, name, iban, bic, created_at) VALUES (?, ?, ?, ?, ?, ?)');
    for (const payee of DEMO_PAYEES) addPayee.run(payee.id, DEMO_ORG.id, payee.name, payee.iban, 'bic' in payee ? payee.bic : null, created.toISOString());
    for (const check of checks) insertPayeeCheck(db, check.answer, check.jws, { payeeId: check.payeeId, userId: DEMO_MAKER, now: checkedAt });
    for (const { payment, accountCode, approvals } of payments) {
      insertPayment(db, payment, `account-${accountCode.toLowerCase()}`, now);
      approvals.forEach((approval, index) => {
        const approvalId = `${payment.id}-approval-${index + 1}`;
        insertApproval(db, { id: approvalId, paymentId: payment.id, paymentVersion: approval.paymentVersion, userId: approval.userId, paymentDigest: approval.digest, signatureClass: approval.signatureClass, createdAt: payment.createdAt });
        // Each demo approval carries a real assertion by the approver's demo key over the payment digest.
        const credential = demoCredential(approval.userId);
        const assertion = signDemoAssertion(credential, Buffer.from(approval.digest, 'hex'));
        insertApprovalEvidence(db, { approvalId, credentialId: credential.id, assertion: JSON.stringify(assertion), digestInputs: canonicalJson(paymentDigestBody(payment)) });
        counts.approvals += 1;
      });
    }
    db.prepare("INSERT INTO vault_meta (key, value) VALUES ('user_id', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value").run(user.id);
    options.onProgress?.({ done: counts.transactions, total });
    if (options.enrolDemoKey === true) {
      // The user's own demo key, enrolled as a key of this vault: `coffer app` hands it to a virtual authenticator.
      const own = demoCredential(user.id);
      insertCredential(db, { id: own.id, userId: user.id, publicKey: own.publicKey, signCount: 0, transports: ['internal'], aaguid: NO_AAGUID, name: DEMO_KEY_NAME, prfCapable: false, createdAt: now.toISOString() });
    }
    return seeded;
  });
  const byStatus: Partial<Record<PaymentStatus, number>> = {};
  for (const { payment } of payments) byStatus[payment.status] = (byStatus[payment.status] ?? 0) + 1;
  return { user: user.id, roles: [user.role], organisation: policy.orgName, policyExpiresAt: policy.expiresAt, accounts, payees: DEMO_PAYEES.length, transactions: counts.transactions, payments: byStatus, approvals: counts.approvals };
}
