import { z } from 'zod';
import { ActivationCodeText, MAX_ENROLMENT_CREDENTIALS, RegistrationResponseJson } from '../contract/index.js';
import { commandSpec } from './commandSpec.js';
import { KeyName } from './keyCommands.js';

/** Statements taken over for one account by enrolment or sync. */
const PulledStatements = z.strictObject({
  iban: z.string(),
  entries: z.number().int(),
  cursor: z.number().int(),
  /** The code a page of this account was refused with (APP_BALANCE_MISMATCH): its later pages wait for the next sync, other accounts do not. */
  refused: z.string().optional(),
});

/** WebAuthn options JSON (PublicKeyCredentialCreationOptionsJSON), for the browser's parseCreationOptionsFromJSON. */
const CreationOptionsJson = z.looseObject({ challenge: z.string() });

export const bankEnrolOptions = commandSpec({
  name: 'bank.enrol-options',
  permission: 'bank:enrol',
  summary: "options for registering the user's hardware keys with the enrolment (navigator.credentials.create): the challenge is bound to this vault's device key; a fresh vault only",
  input: z.strictObject({}),
  output: z.strictObject({ options: CreationOptionsJson }),
  stepUp: 'never',
  changes: false,
});

/** A hardware key registered against the enrolment's challenge (bank.enrol-options), and what the user calls it. */
const EnrolmentKey = z.strictObject({ response: RegistrationResponseJson, name: KeyName });

export const bankEnrol = commandSpec({
  name: 'bank.enrol',
  permission: 'bank:enrol',
  summary: "enrol this fresh vault at the bank's gateway with a one-time activation code and, optionally, the user's hardware keys, then fetch the signed policy, the accounts and the statements",
  input: z.strictObject({
    /** The gateway's origin: https, or plain http to this machine only. */
    server: z.string().min(1).max(2048),
    /** As bank staff handed it out; lower case and spaces around it are forgiven. */
    code: z.string().trim().toUpperCase().pipe(ActivationCodeText),
    /** Registrations over bank.enrol-options' challenge: the bank lists them in the policy, the vault stores them as keys.register would. */
    keys: z.array(EnrolmentKey).max(MAX_ENROLMENT_CREDENTIALS).optional(),
  }),
  output: z.strictObject({
    gateway: z.string(),
    deviceId: z.string(),
    orgId: z.string(),
    userId: z.string(),
    roles: z.array(z.string()),
    policyExpiresAt: z.string(),
    /** The bank key now pinned as this vault's trust anchor for policies (alg and base64url). */
    bankKey: z.strictObject({ alg: z.string(), publicKey: z.string() }),
    witness: z.string(),
    accounts: z.number().int(),
    /** The ids of the hardware keys registered with the enrolment (stored in the vault, listed in the bank's policy). */
    keys: z.array(z.string()),
    statements: z.array(PulledStatements),
    /** Set when the enrolment stands but the statement history could not all be fetched: `coffer sync` resumes it. */
    notice: z.string().optional(),
  }),
  stepUp: 'never',
  changes: true,
  // The window may ask for it (its first-run screen): a fresh vault only, so there is nothing in it yet for a
  // page's script to come from or to take; docs/security.md "Enrolment from the window" says what remains.
});

export type PulledStatementsOut = z.infer<typeof PulledStatements>;

export const bankSync = commandSpec({
  name: 'bank.sync',
  permission: 'bank:sync',
  summary: "synchronise with the bank: the signed policy and new accounts, hardware keys registered since enrolment, payments shared for approval between vaults and the approvals given here, the outbox of approved payments, new statement bookings, and the witness's cosignature of the audit log",
  input: z.strictObject({}),
  output: z.strictObject({
    gateway: z.string(),
    /** The size of the log the bank's witness has cosigned, and the size it had cosigned before. */
    witness: z.strictObject({ size: z.number().int(), oldSize: z.number().int() }),
    policy: z.strictObject({ version: z.number().int(), installed: z.boolean(), newAccounts: z.number().int() }),
    /** Hardware keys registered after enrolment sent to the bank: registered (with the policy version that lists them), refused by code, left for the next sync. */
    credentials: z.strictObject({
      registered: z.array(z.strictObject({ id: z.string(), policyVersion: z.number().int() })),
      refused: z.array(z.strictObject({ id: z.string(), code: z.string() })),
      pending: z.number().int(),
    }),
    /** The user's own payments shared for approval in other vaults, and those withdrawn since (cancelled). */
    shared: z.strictObject({
      shared: z.array(z.string()),
      withdrawn: z.array(z.string()),
      refused: z.array(z.strictObject({ id: z.string(), code: z.string() })),
      pending: z.number().int(),
    }),
    /** Other makers' payments taken over from the gateway (added, changed or withdrawn here), and entries refused by feed position and code. */
    received: z.strictObject({
      received: z.array(z.strictObject({ id: z.string(), change: z.enum(['added', 'changed', 'withdrawn']) })),
      refused: z.array(z.strictObject({ seq: z.number().int(), code: z.string() })),
      cursor: z.number().int(),
    }),
    /** The user's approvals of received payments sent to the gateway: where each payment stands now, refusals by code. */
    approvals: z.strictObject({
      sent: z.array(z.strictObject({ id: z.string(), status: z.string() })),
      refused: z.array(z.strictObject({ id: z.string(), code: z.string() })),
      pending: z.number().int(),
    }),
    /** Approvals given in other vaults that the gateway relayed with the payments and reports above: verified and stored here, or refused (by user and code). */
    relayedApprovals: z.strictObject({
      stored: z.array(z.strictObject({ paymentId: z.string(), userId: z.string() })),
      refused: z.array(z.strictObject({ paymentId: z.string(), userId: z.string(), code: z.string() })),
    }),
    payments: z.strictObject({
      sent: z.number().int(),
      accepted: z.array(z.string()),
      refused: z.array(z.strictObject({ id: z.string(), code: z.string() })),
      pending: z.array(z.string()),
    }),
    /** The bank's status reports taken over (each payment and the status it now has) and those refused, by feed position and code. */
    statuses: z.strictObject({
      recorded: z.array(z.strictObject({ id: z.string(), status: z.string() })),
      refused: z.array(z.strictObject({ seq: z.number().int(), code: z.string() })),
      cursor: z.number().int(),
    }),
    /** Verification of Payee asked for payees and creditors without a check: results by payee or payment id, refusals by code, and how many wait for the next sync. */
    payees: z.strictObject({
      checked: z.array(z.strictObject({ target: z.string(), result: z.string() })),
      failed: z.array(z.strictObject({ target: z.string(), code: z.string() })),
      pending: z.number().int(),
    }),
    statements: z.array(PulledStatements),
  }),
  stepUp: 'never',
  changes: true,
  long: true,
});
