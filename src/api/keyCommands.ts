import { z } from 'zod';
import { AuthenticationResponseJson, AuthenticatorTransport, RegistrationResponseJson } from '../contract/index.js';
import { commandSpec } from './commandSpec.js';

/*
 * Hardware keys (issue 12): enrol, list, rename and remove the WebAuthn credentials of the vault's user, and
 * the challenges their ceremonies sign. Enrolment needs a window (the browser's WebAuthn): the CLI lists,
 * renames and removes only.
 */

/** A credential id as WebAuthn's JSON gives it (base64url of the raw id). */
export const CredentialId = z.string().min(1).max(1366).regex(/^[A-Za-z0-9_-]+$/, 'expected a base64url credential id');

/** What the user calls a key ("YubiKey 5C, blue"): one line of printable text. */
export const KeyName = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[^\p{Cc}\p{Cf}\p{Zl}\p{Zp}]+$/u, 'expected printable text on one line');

const KeyOut = z.strictObject({
  id: CredentialId,
  name: z.string(),
  aaguid: z.string(),
  transports: z.array(AuthenticatorTransport),
  /** The key answers the PRF extension, so it may unlock the vault. */
  prfCapable: z.boolean(),
  /** A `webauthn-prf` key slot opens the vault with this key. */
  unlocks: z.boolean(),
  /** A demo user's software key whose private half is published (coffer demo seed): it proves nothing outside the demo. */
  demo: z.boolean(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
});

/** WebAuthn options JSON (PublicKeyCredentialCreationOptionsJSON / …RequestOptionsJSON), for the browser's parse…FromJSON. */
const OptionsJson = z.looseObject({ challenge: z.string() });

export const keysRegisterOptions = commandSpec({
  name: 'keys.register-options',
  permission: 'keys:write',
  summary: 'options for enrolling a hardware key (navigator.credentials.create); the challenge is single use and expires',
  input: z.strictObject({}),
  output: z.strictObject({ options: OptionsJson }),
  stepUp: 'never',
  changes: false,
});

export const keysRegister = commandSpec({
  name: 'keys.register',
  permission: 'keys:write',
  summary: 'enrol a hardware key from the browser registration response (step-up with an existing key once one exists)',
  input: z.strictObject({ response: RegistrationResponseJson, name: KeyName }),
  output: KeyOut,
  stepUp: 'once-keys-enrolled',
  changes: true,
});

export const keysAssertOptions = commandSpec({
  name: 'keys.assert-options',
  permission: 'keys:read',
  summary: 'options for a step-up assertion (navigator.credentials.get) with a single-use challenge; approvals sign the payment digest instead',
  input: z.strictObject({}),
  output: z.strictObject({ options: OptionsJson }),
  stepUp: 'never',
  changes: false,
});

const UnlockMode = z.enum(['password-or-key', 'password-and-key']);

export const keysList = commandSpec({
  name: 'keys.list',
  permission: 'keys:read',
  summary: "the vault user's hardware keys (removed ones are not listed)",
  input: z.strictObject({}),
  output: z.strictObject({
    keys: z.array(KeyOut),
    /** What opens the vault now, and what the organisation policy asks for (`hardwareKeys.unlock`). */
    unlock: z.strictObject({ current: UnlockMode, required: UnlockMode }),
  }),
  stepUp: 'never',
  changes: false,
});

export const keysRename = commandSpec({
  name: 'keys.rename',
  permission: 'keys:write',
  summary: 'give a hardware key another name',
  input: z.strictObject({ id: CredentialId, name: KeyName }),
  output: z.strictObject({ id: CredentialId, name: z.string() }),
  stepUp: 'never',
  changes: true,
});

export const keysRemove = commandSpec({
  name: 'keys.remove',
  permission: 'keys:write',
  summary: 'remove a hardware key and its unlock slot (step-up with a key; the last key stays while the policy requires keys)',
  input: z.strictObject({ id: CredentialId }),
  output: z.strictObject({ id: CredentialId, removedSlots: z.array(z.string()) }),
  stepUp: 'once-keys-enrolled',
  changes: true,
});

export const keysEnableUnlock = commandSpec({
  name: 'keys.enable-unlock',
  permission: 'keys:write',
  summary: "add a webauthn-prf key slot: the key's PRF output (for the slot's PRF input) then unlocks the vault",
  input: z.strictObject({
    id: CredentialId,
    /** The PRF input the output was evaluated for: 32 random bytes the caller chose (base64url); unlocking asks the key for the same. */
    prfInput: z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'expected 32 bytes in base64url'),
    /** The authenticator's PRF output `results.first` (32 bytes, base64url); a secret: never logged. */
    prfOutput: z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'expected 32 bytes in base64url'),
  }),
  output: z.strictObject({ id: CredentialId, slotId: z.string() }),
  stepUp: 'always',
  changes: true,
});

export const keysRequirePasswordAndKey = commandSpec({
  name: 'keys.require-password-and-key',
  permission: 'keys:write',
  summary: 'make the vault open with the password and this key together: one password-and-key slot replaces the password slot and every key-only slot',
  input: z.strictObject({
    id: CredentialId,
    /** The PRF input the output was evaluated for (32 bytes, base64url). */
    prfInput: z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'expected 32 bytes in base64url'),
    /** The key's PRF output (32 bytes, base64url); a secret: never logged. */
    prfOutput: z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'expected 32 bytes in base64url'),
    /** The vault's password, proven against its password slot; a secret: never logged. */
    password: z.string().min(1).max(1024),
  }),
  output: z.strictObject({ id: CredentialId, slotId: z.string(), keyUnlockTurnedOff: z.array(z.string()) }),
  stepUp: 'always',
  changes: true,
});

/** A step-up proof as the desktop passes it (`dispatch(…, {stepUpProof})`). */
export const StepUpProof = AuthenticationResponseJson;
