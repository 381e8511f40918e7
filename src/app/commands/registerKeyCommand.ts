import { verifyRegistrationResponse } from '@simplewebauthn/server';
import { CofferError } from '../../contract/index.js';
import { implementCommand } from '../dispatch/defineCommand.js';
import { findCredential, insertCredential, type CredentialRecord } from '../keys/credentialRecords.js';
import { keyCeremoniesOf } from '../keys/keyCeremonies.js';
import { keyView } from '../keys/keyView.js';
import { hardwareKeyRules } from '../keys/policyOf.js';

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
    let verification: Awaited<ReturnType<typeof verifyRegistrationResponse>>;
    let salt: string | undefined;
    try {
      verification = await verifyRegistrationResponse({
        // The library's JSON type is a structural twin of ours (its optional members are looser).
        response: input.response as Parameters<typeof verifyRegistrationResponse>[0]['response'],
        // Ensure the response answers a challenge of this session, once, before it expired.
        expectedChallenge: (challenge) => {
          const issued = ceremonies.take(challenge, 'register', ctx.now);
          salt = issued?.salt;
          return issued !== undefined;
        },
        expectedOrigin: ceremonies.rp.origin,
        expectedRPID: ceremonies.rp.rpId,
        requireUserVerification: true,
      });
    } catch (cause) {
      const reason = (cause instanceof Error ? cause.message : String(cause)).split('\n')[0]?.slice(0, 300);
      throw new CofferError('APP_KEY_REJECTED', `the key's registration does not verify: ${reason}`, { cause });
    }
    const info = verification.registrationInfo;
    if (!verification.verified || info === undefined) throw new CofferError('APP_KEY_REJECTED', "the key's registration does not verify");
    // Ensure one credential is enrolled once (its id is the table's key and names its unlock slot).
    if (findCredential(ctx.db, info.credential.id) !== undefined) throw new CofferError('APP_KEY_REJECTED', `key ${info.credential.id} is already enrolled`);
    const credential: NewCredential = {
      id: info.credential.id,
      userId: ctx.userId,
      publicKey: Buffer.from(info.credential.publicKey),
      signCount: info.credential.counter,
      transports: input.response.response.transports ?? [],
      aaguid: info.aaguid,
      name: input.name,
      prfCapable: input.response.clientExtensionResults.prf?.enabled === true,
      createdAt: ctx.now.toISOString(),
    };
    const forTheBank: ForTheBank | undefined = salt === undefined ? undefined : { registration: JSON.stringify(input.response), salt };
    const details = { aaguid: credential.aaguid, prfCapable: credential.prfCapable, transports: credential.transports, forTheBank: forTheBank !== undefined };
    return { target: credential.id, details, data: { credential, forTheBank } };
  },
  guard(ctx, _input, { credential }) {
    const allowed = hardwareKeyRules(ctx.policyState).allowedAaguids;
    // Ensure only the authenticator models the bank allows, when it names them.
    if (allowed !== undefined && !allowed.includes(credential.aaguid.toLowerCase())) {
      throw new CofferError('APP_KEY_NOT_ALLOWED', `the organisation policy does not allow authenticators of model ${credential.aaguid}`);
    }
  },
  run(ctx, _input, { credential, forTheBank }) {
    insertCredential(ctx.db, credential);
    if (forTheBank !== undefined) {
      ctx.db.prepare('INSERT INTO credential_registrations (credential_id, registration, salt, registered_at) VALUES (?, ?, ?, ?)').run(credential.id, forTheBank.registration, forTheBank.salt, ctx.now.toISOString());
    }
    return keyView({ ...credential, lastUsedAt: null, removedAt: null }, ctx.vault.keyFile.slots);
  },
});
