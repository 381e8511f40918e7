import { CofferError } from '../../contract/index.js';
import { implementCommand } from '../dispatch/defineCommand.js';
import { findCredential, insertCredential, type CredentialRecord } from '../keys/credentialRecords.js';
import { keyCeremoniesOf } from '../keys/keyCeremonies.js';
import { verifyKeyRegistration } from '../keys/verifyKeyRegistration.js';
import { keyView } from '../keys/keyView.js';
import { ensureKeyModelAllowed, hardwareKeyRules } from '../keys/policyOf.js';

type NewCredential = Omit<CredentialRecord, 'lastUsedAt' | 'removedAt'>;

/** A registration whose challenge was bound to the enrolled device: kept, as sent, to be shown to the bank at the next sync. */
interface ForTheBank {
  registration: string;
  salt: string;
}

/**
 * `keys.register`: verifies the browser's registration response (WebAuthn L3 §7.1, with
 * @simplewebauthn/server) against a registration challenge this session issued and has not used, the
 * window's origin, the rpId and user verification, then stores the key. Once the user holds a key, the
 * dispatcher asks for a step-up with it first ('once-keys-enrolled'). In an enrolled vault the challenge was
 * bound to the device (keys.register-options): the response and its salt wait in `credential_registrations`
 * for `bank.sync` to send them to the bank, which then lists the key in the organisation's policy.
 */
export const registerKeyCommand = implementCommand('keys.register', {
  async prepare(ctx, input) {
    const ceremonies = keyCeremoniesOf(ctx.vault);
    let salt: string | undefined;
    const verified = await verifyKeyRegistration({
      ...input,
      rp: ceremonies.rp,
      // Ensure the response answers a challenge of this session, once, before it expired.
      expectedChallenge: (challenge) => {
        const issued = ceremonies.take(challenge, 'register', ctx.now);
        salt = issued?.salt;
        return issued !== undefined;
      },
      now: ctx.now,
      what: "the key's registration",
    });
    // Ensure one credential is enrolled once (its id is the table's key and names its unlock slot).
    if (findCredential(ctx.db, verified.id) !== undefined) throw new CofferError('APP_KEY_REJECTED', `key ${verified.id} is already enrolled`);
    const credential: NewCredential = { ...verified, userId: ctx.userId };
    const forTheBank: ForTheBank | undefined = salt === undefined ? undefined : { registration: JSON.stringify(input.response), salt };
    const details = { aaguid: credential.aaguid, prfCapable: credential.prfCapable, transports: credential.transports, forTheBank: forTheBank !== undefined };
    return { target: credential.id, details, data: { credential, forTheBank } };
  },
  guard(ctx, _input, { credential }) {
    // Ensure only the authenticator models the bank allows, when it names them.
    ensureKeyModelAllowed(hardwareKeyRules(ctx.policyState), credential.aaguid);
  },
  run(ctx, _input, { credential, forTheBank }) {
    insertCredential(ctx.db, credential);
    if (forTheBank !== undefined) {
      ctx.db.prepare('INSERT INTO credential_registrations (credential_id, registration, salt, registered_at) VALUES (?, ?, ?, ?)').run(credential.id, forTheBank.registration, forTheBank.salt, ctx.now.toISOString());
    }
    return keyView({ ...credential, lastUsedAt: null, removedAt: null }, ctx.vault.keyFile.slots);
  },
});
