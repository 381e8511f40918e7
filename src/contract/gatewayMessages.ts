import { z } from 'zod';

/*
 * The bank gateway's HTTP messages (`coffer server`). The gateway validates every body with these schemas,
 * its OpenAPI document is generated from them, and the app's client parses the answers with the same ones.
 */

/** An Ed25519 public key: 32 bytes, base64url without padding (RFC 4648 §5). */
export const Ed25519PublicKeyText = z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'expected 32 bytes as unpadded base64url');

/** A one-time activation code as bank staff hand it out: five groups of four from Crockford's base32. */
export const ActivationCodeText = z
  .string()
  .regex(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/, 'expected an activation code like ABCD-EFGH-JKMN-PQRS-TVWX');

const Id = z.string().min(1).max(128);

/** POST /v1/enrolments: a device asks to be enrolled for the user the activation code was made for. */
export const EnrolmentRequest = z.strictObject({
  activationCode: ActivationCodeText,
  devicePublicKey: Ed25519PublicKeyText,
  vaultId: Id,
});
export type EnrolmentRequest = z.infer<typeof EnrolmentRequest>;

/** The bank's public key, so the app can check the certificate and the policy it was handed. */
export const BankKeyText = z.strictObject({
  alg: z.enum(['EdDSA', 'ES256']),
  publicKey: z.string().regex(/^[A-Za-z0-9_-]+$/, 'expected unpadded base64url'),
});
export type BankKeyText = z.infer<typeof BankKeyText>;

export const EnrolmentResponse = z.strictObject({
  deviceId: Id,
  orgId: Id,
  userId: Id,
  /** Compact JWS by the bank key, `typ` coffer-device-cert+jws, payload a DeviceCertificate. */
  deviceCertificate: z.string().min(1),
  /** Compact JWS by the bank key, `typ` coffer-org-policy+jws: the organisation policy as of enrolment. */
  policy: z.string().min(1),
  bankKey: BankKeyText,
});
export type EnrolmentResponse = z.infer<typeof EnrolmentResponse>;

/** What the bank certifies at enrolment: this key is this device, of this vault, of this user. */
export const DeviceCertificate = z.strictObject({
  deviceId: Id,
  orgId: Id,
  userId: Id,
  vaultId: Id,
  devicePublicKey: Ed25519PublicKeyText,
  issuedAt: z.iso.datetime(),
});
export type DeviceCertificate = z.infer<typeof DeviceCertificate>;

/** GET /v1/policy: the organisation's current signed policy. */
export const PolicyResponse = z.strictObject({ policy: z.string().min(1), version: z.number().int().positive() });
export type PolicyResponse = z.infer<typeof PolicyResponse>;

/** GET /v1/device: the signing device as the gateway knows it. */
export const DeviceResponse = z.strictObject({ deviceId: Id, orgId: Id, userId: Id, vaultId: Id });
export type DeviceResponse = z.infer<typeof DeviceResponse>;

export const HealthResponse = z.strictObject({ status: z.literal('ok') });
export const ReadyResponse = z.strictObject({ status: z.literal('ready'), store: z.enum(['sqlite', 'postgres']) });

/** Every refusal: a stable code from ERROR_CODES and a one-line message without secrets. */
export const GatewayErrorResponse = z.strictObject({ error: z.strictObject({ code: z.string(), message: z.string() }) });
export type GatewayErrorResponse = z.infer<typeof GatewayErrorResponse>;

/** GET /v1/witness: the name and Ed25519 key (base64) the bank's witness cosigns with (C2SP tlog-cosignature). */
export const WitnessKeyResponse = z.strictObject({ name: z.string().min(1), publicKey: z.string().min(1) });
export type WitnessKeyResponse = z.infer<typeof WitnessKeyResponse>;

/** One booked statement line as the bank sends it, with its place in the account's feed. */
export const StatementSyncEntry = z.strictObject({
  seq: z.number().int().positive(),
  entryRef: z.string(),
  bookingDate: z.string(),
  valueDate: z.string(),
  amountMinor: z.number().int(),
  currency: z.string(),
  counterpartyName: z.string().nullable(),
  counterpartyIban: z.string().nullable(),
  remittance: z.string().nullable(),
});
export type StatementSyncEntry = z.infer<typeof StatementSyncEntry>;

/** GET /v1/statements?account=IBAN&after=SEQ&limit=N: an account's bookings after a cursor, oldest first. */
export const StatementSyncQuery = z.strictObject({
  account: z.string().min(1).max(34),
  after: z.coerce.number().int().nonnegative().default(0),
  limit: z.coerce.number().int().min(1).max(1000).default(500),
});
export const StatementSyncResponse = z.strictObject({
  account: z.string(),
  entries: z.array(StatementSyncEntry),
  /** The cursor to resume from: the last entry's seq, or the `after` asked when there was nothing new. */
  next: z.number().int().nonnegative(),
  /** Whether more entries follow `next` already. */
  more: z.boolean(),
});
export type StatementSyncResponse = z.infer<typeof StatementSyncResponse>;
