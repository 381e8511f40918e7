import { CofferError, PendingPaymentFeedResponse, type DeviceCertificate, type PendingPaymentFeedEntry } from '../../contract/index.js';
import { editPayment, parsePayment, paymentDigest, transitionPayment, type Payment } from '../../domain/index.js';
import { verifyDeviceCertificate } from '../../protocol/index.js';
import type { UnlockedVault, VaultDatabase } from '../../vault/index.js';
import { voidApprovals } from '../commands/records/approvalRecords.js';
import { insertPayment, requirePayment, updatePayment } from '../commands/records/paymentRecords.js';
import { bankVerificationKey, type BankConnection } from './bankConnection.js';
import { ensureFeedPageInOrder, gatewayRequest, parseAnswer, type GatewaySigner } from './gatewayRequest.js';
import type { PolicyState } from '../policy/verifyCachedOrgPolicy.js';
import { heldStatement, holdStatement, verifyPendingStatement, type HeldStatement } from './pendingStatement.js';
import { takeRelayedApprovals, type TakenApprovals } from './takeRelayedApprovals.js';

/** How many feed entries one page (one request) carries at most; each is its own transaction and entry. */
export const PENDING_PAGE = 200;

export interface ReceivedPayments {
  /** Payments taken over (new, changed by their maker, or withdrawn) and what happened to each here. */
  received: { id: string; change: 'added' | 'changed' | 'withdrawn' }[];
  /** Entries refused (never shown): their feed position and why. */
  refused: { seq: number; code: string }[];
  cursor: number;
}

function refused(message: string, cause?: unknown): CofferError {
  return new CofferError('APP_PENDING_PAYMENT_REFUSED', message, cause === undefined ? undefined : { cause });
}

export function readPendingCursor(db: VaultDatabase): number {
  return (db.prepare('SELECT after_seq FROM pending_payment_cursor WHERE id = 1').pluck().get() as number | undefined) ?? 0;
}

function writePendingCursor(db: VaultDatabase, after: number, now: Date): void {
  db.prepare('INSERT INTO pending_payment_cursor (id, after_seq, synced_at) VALUES (1, ?, ?) ON CONFLICT (id) DO UPDATE SET after_seq = excluded.after_seq, synced_at = excluded.synced_at').run(
    after, now.toISOString(),
  );
}

/**
 * Ensures the entry is what the maker's device signed: a device certificate the pinned bank key signed, for
 * this organisation and for the order's maker; the maker's Ed25519 signature with that certified key over the
 * PendingPaymentStatement; and the digest re-derived here from the order. The gateway relays the entry; none of
 * what it says is taken on its word. Returns the certificate.
 */
async function verifiedEntry(entry: PendingPaymentFeedEntry, connection: BankConnection, now: Date): Promise<{ certificate: DeviceCertificate; order: Payment }> {
  let certificate: DeviceCertificate;
  try {
    certificate = await verifyDeviceCertificate(entry.makerCertificate, bankVerificationKey(connection.bankKey));
  } catch (cause) {
    throw refused(`expected the maker's device certificate signed by the pinned bank key, found one that does not verify (entry ${entry.seq})`, cause);
  }
  if (certificate.orgId !== connection.orgId) throw refused(`expected a maker of organisation ${connection.orgId}, found a certificate for ${certificate.orgId} (entry ${entry.seq})`);
  if (certificate.userId !== entry.payment.createdBy) throw refused(`expected the certificate of the order's maker ${entry.payment.createdBy}, found one of ${certificate.userId} (entry ${entry.seq})`);
  // The order read through the domain's own schema (a bad one is DOMAIN_BAD_PAYMENT), as it would be held here.
  const order = parsePayment({ ...entry.payment, status: 'pending_approval', version: 1, createdAt: now.toISOString() });
  const digest = paymentDigest(order).toString('hex');
  if (digest !== entry.digest) throw refused(`expected the digest of the order as sent, ${digest.slice(0, 12)}…, found ${entry.digest.slice(0, 12)}… (entry ${entry.seq})`);
  const statement = { orgId: connection.orgId, paymentId: entry.payment.id, digest, status: entry.status, sequence: entry.sequence };
  if (!verifyPendingStatement(Buffer.from(certificate.devicePublicKey, 'base64url'), statement, entry.makerSignature)) {
    throw refused(`expected the maker's signature by the certified device ${certificate.deviceId}, found one that does not verify (entry ${entry.seq})`);
  }
  return { certificate, order };
}

/**
 * Ensures the entry is no older than the newest statement of the payment this vault believed (`held`): a
 * higher sequence is news; the very statement again (same sequence, digest and status) is nothing new; a lower
 * sequence, or the same one saying something else, is refused. The maker's vault gives every statement a
 * sequence of its own, so a gateway serving an older one after her withdrawal or edit is found out here.
 */
function ensureNotOlder(held: HeldStatement | undefined, entry: PendingPaymentFeedEntry): 'newer' | 'same' {
  if (held === undefined || entry.sequence > held.sequence) return 'newer';
  if (entry.sequence === held.sequence && entry.digest === held.digest && entry.status === held.status) return 'same';
  throw refused(`expected a statement of payment ${entry.payment.id} newer than the maker's sequence ${held.sequence} believed here, found sequence ${entry.sequence} (${entry.status}, entry ${entry.seq})`);
}

/**
 * The statements believed from this page but not yet written: each is written with the cursor that moves past
 * it, and forgotten here only once that transaction committed.
 */
type BelievedOnPage = Map<string, HeldStatement>;

function writeBelieved(db: VaultDatabase, believed: BelievedOnPage, now: Date): void {
  for (const [paymentId, statement] of believed) holdStatement(db, paymentId, statement, now);
}

interface ReceivedRow {
  digest: string;
  status: string;
  maker: string;
}

type Plan =
  | { change: undefined }
  | { change: 'added'; payment: Payment; accountId: string }
  | { change: 'changed' | 'withdrawn'; before: Payment; moved: Payment; accountId: string };

/**
 * What a verified entry does here, or a refusal, without writing: a new payment pending approval, created by
 * its maker, in this vault's account of its IBAN; for a payment received before, the maker's change taken over
 * by the lifecycle's own steps (an edit makes it a draft, the maker submitted it again), or its withdrawal
 * (back to a draft with the order she signed, until she shares it again); nothing when it tells nothing new.
 * A payment no longer editable here (cancelled, or gone to the bank) is refused DOMAIN_PAYMENT_LOCKED.
 */
function planEntry(db: VaultDatabase, entry: PendingPaymentFeedEntry, certificate: DeviceCertificate, order: Payment): Plan {
  const id = entry.payment.id;
  const stored = db.prepare('SELECT 1 FROM payments WHERE id = ?').get(id) !== undefined;
  const received = db.prepare('SELECT digest, status, maker FROM received_payments WHERE payment_id = ?').get(id) as ReceivedRow | undefined;
  if (stored && received === undefined) throw refused(`expected payment ${id} to be new here or received from the bank, found one of this vault under its id`);
  if (received !== undefined && received.maker !== certificate.userId) throw refused(`expected payment ${id} from its maker ${received.maker}, found it signed by ${certificate.userId}`);
  const accountId = db.prepare('SELECT id FROM accounts WHERE iban = ?').pluck().get(entry.payment.debtorIban) as string | undefined;
  if (accountId === undefined) throw refused(`expected a debtor account this vault holds, found ${entry.payment.debtorIban} (sync the accounts first)`);
  const { debtorIban, creditor, amountMinor, currency, remittanceInfo, executionDate, expiresAt } = order;
  const changes = { debtorIban, creditor, amountMinor, currency, remittanceInfo, executionDate, expiresAt };
  if (entry.status === 'withdrawn') {
    if (!stored) return { change: undefined };
    const { payment: before, accountId: heldIn } = requirePayment(db, id);
    if (before.status !== 'pending_approval' && before.status !== 'approved') return { change: undefined };
    // Back to a draft, not cancelled: the maker may share it again (an edit she has not submitted yet), and a
    // cancelled payment is final. A draft here is not approvable, and the gateway refuses approvals meanwhile.
    return { change: 'withdrawn', before, moved: editPayment(before, changes).payment, accountId: heldIn };
  }
  if (!stored) return { change: 'added', payment: order, accountId };
  if (received?.digest === entry.digest && received.status === 'pending') return { change: undefined };
  const { payment: before } = requirePayment(db, id);
  const draft = editPayment(before, changes).payment;
  return { change: 'changed', before, moved: transitionPayment(draft, 'pending_approval'), accountId };
}

/** Writes a plan in the caller's transaction, with the entry kept whole beside the payment. */
function applyPlan(db: VaultDatabase, plan: Plan, entry: PendingPaymentFeedEntry, certificate: DeviceCertificate, now: Date): void {
  if (plan.change === undefined) return;
  if (plan.change === 'added') insertPayment(db, plan.payment, plan.accountId, now);
  else updatePayment(db, plan.moved, plan.accountId, plan.before.version, now);
  // What was approved here is no longer what the maker asks to be paid (or she no longer asks).
  if (plan.change !== 'added') voidApprovals(db, plan.before.id, now);
  db.prepare(
    `INSERT INTO received_payments (payment_id, seq, digest, status, maker, maker_device_id, entry, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (payment_id) DO UPDATE SET seq = excluded.seq, digest = excluded.digest, status = excluded.status, maker_device_id = excluded.maker_device_id, entry = excluded.entry, received_at = excluded.received_at`,
  ).run(entry.payment.id, entry.seq, entry.digest, entry.status, certificate.userId, certificate.deviceId, JSON.stringify(entry), now.toISOString());
}

const REFUSALS: ReadonlySet<string> = new Set(['APP_PENDING_PAYMENT_REFUSED', 'DOMAIN_BAD_PAYMENT', 'DOMAIN_PAYMENT_LOCKED', 'DOMAIN_ILLEGAL_TRANSITION']);

/**
 * The approver's side of approvals between vaults: reads GET /v1/pending-payments from the stored cursor. Each
 * entry is verified (verifiedEntry), must be no older than the maker's statement believed here (ensureNotOlder),
 * and is handled in one transaction with the cursor and the newest statement believed: another user's payment is
 * added, changed or withdrawn here with one `bank.receive-payment` entry (id, digest, maker; no amount or name);
 * an entry that does not verify or cannot apply is refused (`denied`, its code) and stepped over; this vault's
 * own payments and entries that change nothing here are stepped over, counted in the entry that moves the
 * cursor past them. The approvals an entry carries, of the share it states, are then verified and taken over
 * here (takeRelayedApprovals; also for this vault's own payments, so the maker sees who approved). A sync cut
 * off anywhere resumes at the first entry not handled.
 */
export async function receivePayments(vault: UnlockedVault, connection: BankConnection, signer: GatewaySigner, now: () => Date, relayed: { policy: PolicyState; taken: TakenApprovals }): Promise<ReceivedPayments> {
  const gateway = new URL(connection.gatewayUrl);
  const result: ReceivedPayments = { received: [], refused: [], cursor: readPendingCursor(vault.db) };
  // Who approved the payment an entry states, verified here against the bank-signed policy (the maker's own payment too).
  const takeApprovals = async (entry: PendingPaymentFeedEntry): Promise<void> => {
    if (entry.approvals === undefined || vault.db.prepare('SELECT 1 FROM payments WHERE id = ?').get(entry.payment.id) === undefined) return;
    // An entry about another order than the one held here (the maker's own share her edit has overtaken) says nothing of it.
    if (paymentDigest(requirePayment(vault.db, entry.payment.id).payment).toString('hex') !== entry.digest) return;
    const taken = await takeRelayedApprovals(vault, relayed.policy, entry.payment.id, entry.approvals, { feed: 'pending-payments', seq: entry.seq }, now);
    relayed.taken.stored.push(...taken.stored);
    relayed.taken.refused.push(...taken.refused);
  };
  for (;;) {
    const after = result.cursor;
    const path = `/v1/pending-payments?${new URLSearchParams({ after: String(after), limit: String(PENDING_PAGE) }).toString()}`;
    const page = parseAnswer(await gatewayRequest({ gateway, method: 'GET', path, signer }), PendingPaymentFeedResponse, 'a page of pending payments');
    ensureFeedPageInOrder(page.payments, after, page.next, 'pending payments');
    let cursorWritten = after;
    let steppedOver = 0;
    const believed: BelievedOnPage = new Map();
    const heldNow = (db: VaultDatabase, id: string) => believed.get(id) ?? heldStatement(db, id);
    for (const entry of page.payments) {
      const target = entry.payment.id;
      const statement = { sequence: entry.sequence, digest: entry.digest, status: entry.status };
      let fresh = false;
      try {
        const { certificate, order } = await verifiedEntry(entry, connection, now());
        if (certificate.userId === vault.userId) {
          steppedOver += 1;
          await takeApprovals(entry);
          continue;
        }
        if (ensureNotOlder(heldNow(vault.db, target), entry) === 'same') {
          steppedOver += 1;
          await takeApprovals(entry);
          continue;
        }
        fresh = true;
        const plan = planEntry(vault.db, entry, certificate, order);
        const { change } = plan;
        if (change === undefined) {
          // Nothing to change here, but the maker said it: no older statement of hers is believed after it.
          believed.set(target, statement);
          steppedOver += 1;
          await takeApprovals(entry);
          continue;
        }
        const details = { seq: entry.seq, sequence: entry.sequence, digest: entry.digest, status: entry.status, change, maker: certificate.userId, makerDevice: certificate.deviceId };
        vault.transact({ action: 'bank.receive-payment', target, details }, (db) => {
          // Checked and planned again inside the transaction, so nothing changed in between is overwritten.
          ensureNotOlder(heldNow(db, target), entry);
          applyPlan(db, planEntry(db, entry, certificate, order), entry, certificate, now());
          believed.set(target, statement);
          writeBelieved(db, believed, now());
          writePendingCursor(db, entry.seq, now());
        });
        believed.clear();
        cursorWritten = entry.seq;
        result.received.push({ id: target, change });
        await takeApprovals(entry);
      } catch (error) {
        if (!(error instanceof CofferError) || !REFUSALS.has(error.code)) throw error;
        // A genuine, newer statement that cannot apply here (a locked payment, an account not synced) was still said.
        if (fresh) believed.set(target, statement);
        vault.transact({ action: 'bank.receive-payment', outcome: 'denied', reason: error.code, target, details: { seq: entry.seq } }, (db) => {
          writeBelieved(db, believed, now());
          writePendingCursor(db, entry.seq, now());
        });
        believed.clear();
        cursorWritten = entry.seq;
        result.refused.push({ seq: entry.seq, code: error.code });
      }
    }
    result.cursor = page.next;
    if (page.next > cursorWritten) {
      vault.transact({ action: 'bank.receive-payment', details: { after, next: page.next, ...(steppedOver > 0 ? { steppedOver } : {}) } }, (db) => {
        writeBelieved(db, believed, now());
        writePendingCursor(db, page.next, now());
      });
      believed.clear();
    }
    if (!page.more || page.next === after) break;
  }
  return result;
}
