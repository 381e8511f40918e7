import { CredentialAnswer, RegistrationResponseJson } from '../../contract/index.js';
import type { UnlockedVault } from '../../vault/index.js';
import type { BankConnection } from './bankConnection.js';
import { postForOutcome, type GatewaySigner } from './gatewayRequest.js';

export interface PushedCredentials {
  /** Keys the bank registered: the credential and the policy version that lists it. */
  registered: { id: string; policyVersion: number }[];
  refused: { id: string; code: string }[];
  /** Still waiting: the gateway could not be reached. */
  pending: number;
}

interface Waiting {
  credentialId: string;
  registration: string;
  salt: string;
}

/**
 * Sends each hardware key registered after enrolment (its registration response and the salt of its
 * device-bound challenge) to POST /v1/credentials, oldest first. The bank's answer marks it sent, in one
 * transaction with its `bank.register-key` entry; a coded refusal is kept with its code (one `denied` entry)
 * and not sent again: the bank decided, and the user registers the key anew. An unreachable gateway stops the
 * step: what was not sent waits for the next sync.
 */
export async function pushCredentials(vault: UnlockedVault, connection: BankConnection, signer: GatewaySigner, now: () => Date): Promise<PushedCredentials> {
  const gateway = new URL(connection.gatewayUrl);
  const pushed: PushedCredentials = { registered: [], refused: [], pending: 0 };
  const waiting = vault.db
    .prepare('SELECT credential_id AS credentialId, registration, salt FROM credential_registrations WHERE sent_at IS NULL AND refusal IS NULL ORDER BY registered_at, credential_id')
    .all() as Waiting[];
  for (const [index, row] of waiting.entries()) {
    const credential = RegistrationResponseJson.parse(JSON.parse(row.registration));
    const outcome = await postForOutcome({ gateway, path: '/v1/credentials', signer, payload: { credential, salt: row.salt } }, CredentialAnswer, "the bank's registration of a key");
    if ('unreachable' in outcome) {
      pushed.pending = waiting.length - index;
      break;
    }
    if ('answer' in outcome) {
      const { answer } = outcome;
      vault.transact({ action: 'bank.register-key', target: row.credentialId, details: { policyVersion: answer.policyVersion } }, (db) => {
        db.prepare('UPDATE credential_registrations SET sent_at = ?, answer = ? WHERE credential_id = ?').run(now().toISOString(), JSON.stringify(answer), row.credentialId);
      });
      pushed.registered.push({ id: row.credentialId, policyVersion: answer.policyVersion });
      continue;
    }
    vault.transact({ action: 'bank.register-key', outcome: 'denied', reason: outcome.code, target: row.credentialId }, (db) => {
      db.prepare('UPDATE credential_registrations SET sent_at = ?, refusal = ? WHERE credential_id = ?').run(now().toISOString(), outcome.code, row.credentialId);
    });
    pushed.refused.push({ id: row.credentialId, code: outcome.code });
  }
  return pushed;
}
