import type { PayeeCheckView } from '../../api/index.js';
import { CofferError, type PayeeCheckAnswer } from '../../contract/index.js';
import type { JwsVerificationKey } from '../../crypto/index.js';
import type { UnlockedVault, VaultDatabase } from '../../vault/index.js';
import { verifyPayeeCheck } from './verifyPayeeCheck.js';

interface PayeeCheckRow {
  id: string;
  iban: string;
  name: string;
  result: string;
  registered_name: string | null;
  checked_at: string;
  answer: string;
}

/** The party a check is about: an IBAN and the name as the payer wrote it. */
export interface CheckedParty {
  iban: string;
  name: string;
}

export function insertPayeeCheck(db: VaultDatabase, answer: PayeeCheckAnswer, jws: string, by: { payeeId: string | null; userId: string; now: Date }): void {
  db.prepare(
    `INSERT INTO payee_checks (id, iban, name, result, registered_name, checked_at, answer, payee_id, recorded_by, recorded_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(answer.checkId, answer.iban, answer.name, answer.result, answer.registeredName ?? null, answer.checkedAt, jws, by.payeeId, by.userId, by.now.toISOString());
}

/** The signed answer stored under `checkId`, if any. */
export function storedPayeeCheckAnswer(db: VaultDatabase, checkId: string): string | undefined {
  return (db.prepare('SELECT answer FROM payee_checks WHERE id = ?').get(checkId) as { answer: string } | undefined)?.answer;
}

// Ensure the row says what the signed answer says: every column shown or sorted by is checked against it.
async function verifiedRow(row: PayeeCheckRow, bankKey: JwsVerificationKey): Promise<PayeeCheckAnswer> {
  const answer = await verifyPayeeCheck(row.answer, bankKey);
  const claims: [string, unknown, unknown][] = [
    ['id', row.id, answer.checkId],
    ['iban', row.iban, answer.iban],
    ['name', row.name, answer.name],
    ['result', row.result, answer.result],
    ['registered name', row.registered_name, answer.registeredName ?? null],
    ['checked at', row.checked_at, answer.checkedAt],
  ];
  const differing = claims.filter(([, stored, signed]) => stored !== signed).map(([field]) => field);
  if (differing.length > 0) throw new CofferError('APP_PAYEE_CHECK_TAMPERED', `stored check ${row.id} differs from the bank's signed answer in ${differing.join(', ')}`);
  return answer;
}

/**
 * The bank's latest answer for `party`, verified again now: latest by the time the bank signed, never by a
 * stored column, so replaying an older "match" does not hide a newer "no match". A stored answer that
 * does not verify makes the whole party `tampered` (and is logged as APP_PAYEE_CHECK_TAMPERED): a forged
 * row must never be shown, nor quietly skipped in favour of another.
 */
export async function payeeCheckOf(vault: UnlockedVault, bankKey: JwsVerificationKey, party: CheckedParty, target?: string): Promise<PayeeCheckView> {
  const rows = vault.db.prepare('SELECT id, iban, name, result, registered_name, checked_at, answer FROM payee_checks WHERE iban = ? AND name = ?').all(party.iban, party.name) as PayeeCheckRow[];
  let latest: PayeeCheckAnswer | undefined;
  const problems: { id: string; problem: string }[] = [];
  for (const row of rows) {
    try {
      const answer = await verifiedRow(row, bankKey);
      if (answer.iban !== party.iban || answer.name !== party.name) throw new CofferError('APP_PAYEE_CHECK_TAMPERED', `stored check ${row.id} is the bank's answer for another payee`);
      if (latest === undefined || Date.parse(answer.checkedAt) > Date.parse(latest.checkedAt)) latest = answer;
    } catch (error) {
      if (!(error instanceof CofferError)) throw error;
      problems.push({ id: row.id, problem: error.message });
    }
  }
  if (problems.length > 0) {
    vault.record([{ action: 'payees.verify-check', outcome: 'denied', reason: 'APP_PAYEE_CHECK_TAMPERED', ...(target ? { target } : {}), details: { checks: problems.map((p) => p.id) } }]);
    return { status: 'tampered', problem: problems.map((p) => p.problem).join('; ') };
  }
  if (latest === undefined) return { status: 'not-checked' };
  return { status: 'checked', result: latest.result, registeredName: latest.registeredName ?? null, checkedAt: latest.checkedAt, checkId: latest.checkId };
}

/** What an audit entry keeps of a check: the outcome and which signed answer it was, never a name. */
export function payeeCheckAudit(view: PayeeCheckView): { result: string; checkedAt?: string; checkId?: string } {
  if (view.status === 'checked') return { result: view.result, checkedAt: view.checkedAt, checkId: view.checkId };
  return { result: view.status };
}
