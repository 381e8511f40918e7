import { sql } from 'kysely';
import { CofferError, type PaymentOrder } from '../../contract/index.js';
import { randomBytes } from '../../crypto/index.js';
import { buildPain001 } from '../../domain/index.js';
import { appendGatewayAudit } from '../bank/appendGatewayAudit.js';
import type { GatewayStore } from '../store/openStore.js';
import type { PaymentRow } from '../store/storeSchema.js';
import { emittablePayment } from './checkEmittable.js';

export interface EmittedFile {
  /** pain.001 MsgId, unique per file. */
  messageId: string;
  debtorIban: string;
  currency: string;
  paymentIds: string[];
  xml: string;
}

// Ids per UPDATE: PostgreSQL allows 65,535 parameters a statement, SQLite 32,766.
const MARK_BATCH = 1000;

/** MsgId: at most 30 characters (pain001Request), unique for the bank's duplicate check: date and 48 random bits. */
function messageIdAt(now: number): string {
  return `C-${new Date(now).toISOString().slice(0, 10).replaceAll('-', '')}-${randomBytes(6).toString('hex')}`;
}

/**
 * `coffer server payments export`: the organisation's accepted payments not yet emitted (a rejected one never), as one
 * pain.001.001.09 file per debtor account and currency (the domain's builder), each stored and its payments
 * marked emitted in one transaction with the audit entry. Two exports racing for one organisation queue on
 * its payment rows (PostgreSQL) or the write lock (SQLite): a payment leaves in one file only.
 */
export async function exportPayments(store: GatewayStore, staff: string, orgId: string, now = Date.now()): Promise<EmittedFile[]> {
  return store.db.transaction().execute(async function exportInTransaction(trx) {
    const org = await trx.selectFrom('organisations').select('name').where('id', '=', orgId).executeTakeFirst();
    if (!org) throw new CofferError('SERVER_NOT_FOUND', `expected an organisation ${JSON.stringify(orgId)}, found none`);
    const pending =
      store.dialect === 'postgres'
        ? (await sql<PaymentRow>`SELECT * FROM payments WHERE org_id = ${orgId} AND emission_id IS NULL AND status = 'accepted' ORDER BY accepted_at, payment_id FOR UPDATE`.execute(trx)).rows
        : await trx.selectFrom('payments').selectAll().where('org_id', '=', orgId).where('emission_id', 'is', null).where('status', '=', 'accepted').orderBy('accepted_at').orderBy('payment_id').execute();
    const groups = new Map<string, PaymentRow[]>();
    for (const row of pending) {
      const key = `${row.debtor_iban} ${row.currency}`;
      groups.set(key, [...(groups.get(key) ?? []), row]);
    }
    const files: EmittedFile[] = [];
    for (const rows of groups.values()) {
      const [first] = rows;
      if (!first) continue;
      const account = await trx.selectFrom('accounts').select('bic').where('iban', '=', first.debtor_iban).executeTakeFirst();
      const messageId = messageIdAt(now);
      const xml = buildPain001({
        messageId,
        createdAt: new Date(now).toISOString(),
        initiatingParty: { name: org.name },
        debtor: { name: org.name, iban: first.debtor_iban, ...(account?.bic ? { bic: account.bic } : {}) },
        payments: rows.map((row) => emittablePayment(JSON.parse(row.order_json) as PaymentOrder, row.accepted_at)),
      });
      const paymentIds = rows.map((row) => row.payment_id);
      await trx.insertInto('payment_emissions').values({ message_id: messageId, org_id: orgId, debtor_iban: first.debtor_iban, currency: first.currency, payment_count: rows.length, xml, created_at: now }).execute();
      let marked = 0n;
      for (let at = 0; at < paymentIds.length; at += MARK_BATCH) {
        const batch = paymentIds.slice(at, at + MARK_BATCH);
        const result = await trx.updateTable('payments').set({ emission_id: messageId }).where('org_id', '=', orgId).where('payment_id', 'in', batch).where('emission_id', 'is', null).where('status', '=', 'accepted').executeTakeFirst();
        marked += result.numUpdatedRows;
      }
      // Ensure every payment of the file was still unemitted and not rejected: none may leave twice, or after a rejection.
      if (marked !== BigInt(rows.length)) throw new CofferError('SERVER_INTERNAL', `expected ${rows.length} payments still to emit, found ${marked}`);
      files.push({ messageId, debtorIban: first.debtor_iban, currency: first.currency, paymentIds, xml });
    }
    if (files.length > 0) {
      await appendGatewayAudit(trx, store.dialect, {
        at: now,
        actor: `staff:${staff}`,
        action: 'payments.export',
        orgId,
        details: { files: files.map((file) => ({ messageId: file.messageId, debtorIban: file.debtorIban, currency: file.currency, paymentIds: file.paymentIds })) },
      });
    }
    return files;
  });
}
