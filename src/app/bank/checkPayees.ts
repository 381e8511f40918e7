import { CofferError, PayeeCheckResponse } from '../../contract/index.js';
import type { UnlockedVault } from '../../vault/index.js';
import { admitPayeeCheck } from '../payees/admitPayeeCheck.js';
import { insertPayeeCheck, payeeCheckOf } from '../payees/payeeCheckRecords.js';
import { bankVerificationKey, type BankConnection } from './bankConnection.js';
import { gatewayRequest, parseAnswer, type GatewaySigner } from './gatewayRequest.js';

/** At most this many questions per sync: the gateway rate-limits every device, and the rest wait for the next sync. */
export const PAYEE_CHECKS_PER_SYNC = 50;

export interface CheckedPayees {
  /** Each party asked about: the payee or payment it was asked for, and the bank's result. */
  checked: { target: string; result: string }[];
  /** Parties whose answer was refused (not kept), with the code. */
  failed: { target: string; code: string }[];
  /** Parties still without a check: the gateway could not be reached, or the sync's share of questions is spent. */
  pending: number;
}

interface Party {
  kind: 'payee' | 'payment';
  target: string;
  iban: string;
  name: string;
}

/** Payees, then the creditors of payments not yet sent: what approvers will be shown a check for. Each IBAN and name once. */
function partiesToCheck(vault: UnlockedVault): Party[] {
  const rows = vault.db
    .prepare(
      `SELECT 'payee' AS kind, id AS target, iban, name FROM payees
       UNION ALL
       SELECT 'payment', id, creditor_iban, creditor_name FROM payments WHERE status IN ('draft', 'pending_approval', 'approved')
       ORDER BY 1, 2`,
    )
    .all() as Party[];
  const seen = new Set<string>();
  return rows.filter((party) => {
    const key = JSON.stringify([party.iban, party.name]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** A failure that says nothing about the party, only about reaching the bank now: stop asking until the next sync. */
const STOP_CODES: ReadonlySet<string> = new Set(['APP_GATEWAY_UNREACHABLE', 'SERVER_RATE_LIMITED']);

/**
 * Verification of Payee online: every payee and every creditor of a payment not yet sent that has no check
 * the vault can verify is asked about at `POST /v1/payee-checks`, and the bank's signed answer is kept through
 * the same gate as `payees.record-check` (admitPayeeCheck: the pinned bank key, exactly this IBAN and name),
 * one transaction and `payees.record-check` entry each. A party whose stored check does not verify is not asked
 * again: its forged row would still spoil the party, and it is already logged as tampering. An answer refused at
 * the gate is logged `payees.record-check` denied with its code and nothing is kept.
 */
export async function checkPayees(vault: UnlockedVault, connection: BankConnection, signer: GatewaySigner, now: () => Date): Promise<CheckedPayees> {
  const gateway = new URL(connection.gatewayUrl);
  const bankKey = bankVerificationKey(connection.bankKey);
  const result: CheckedPayees = { checked: [], failed: [], pending: 0 };
  const unchecked: Party[] = [];
  for (const party of partiesToCheck(vault)) {
    if ((await payeeCheckOf(vault, bankKey, party, party.target)).status === 'not-checked') unchecked.push(party);
  }
  for (const [index, party] of unchecked.entries()) {
    if (index >= PAYEE_CHECKS_PER_SYNC) {
      result.pending = unchecked.length - index;
      break;
    }
    try {
      const body = new TextEncoder().encode(JSON.stringify({ iban: party.iban, name: party.name }));
      const { answer: jws } = parseAnswer(await gatewayRequest({ gateway, method: 'POST', path: '/v1/payee-checks', signer, body, contentType: 'application/json' }), PayeeCheckResponse, 'a payee check');
      const { answer, alreadyKept, details } = await admitPayeeCheck(vault.db, bankKey, jws, party);
      vault.transact({ action: 'payees.record-check', target: party.target, details: { ...details, asked: true } }, (db) => {
        if (!alreadyKept) insertPayeeCheck(db, answer, jws, { payeeId: party.kind === 'payee' ? party.target : null, userId: vault.userId, now: now() });
      });
      result.checked.push({ target: party.target, result: answer.result });
    } catch (error) {
      if (!(error instanceof CofferError)) throw error;
      if (STOP_CODES.has(error.code)) {
        result.pending = unchecked.length - index;
        break;
      }
      vault.record([{ action: 'payees.record-check', outcome: 'denied', reason: error.code, target: party.target, details: { asked: true } }]);
      result.failed.push({ target: party.target, code: error.code });
    }
  }
  return result;
}
