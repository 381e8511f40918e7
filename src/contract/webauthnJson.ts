import { z } from 'zod';

/*
 * The JSON forms of WebAuthn Level 3 ceremonies (§5.1 PublicKeyCredential.toJSON()): what the browser's
 * `credential.toJSON()` gives and what @simplewebauthn/server verifies. Binary members are base64url text.
 * Only the shape is checked here; every value is verified by the app.
 */

const Base64Url = z.string().max(16384).regex(/^[A-Za-z0-9_-]*$/, 'expected base64url');

export const AuthenticatorTransport = z.enum(['ble', 'cable', 'hybrid', 'internal', 'nfc', 'smart-card', 'usb']);
export type AuthenticatorTransport = z.infer<typeof AuthenticatorTransport>;

/** Client extension outputs we read: PRF (WebAuthn L3 §10.1.4) and credProps; others are kept but ignored. */
const ClientExtensionResults = z
  .object({
    prf: z.object({ enabled: z.boolean().optional(), results: z.object({ first: Base64Url, second: Base64Url.optional() }).optional() }).optional(),
    credProps: z.object({ rk: z.boolean().optional() }).optional(),
  })
  .passthrough();

export const RegistrationResponseJson = z.strictObject({
  id: Base64Url.min(1),
  rawId: Base64Url.min(1),
  type: z.literal('public-key'),
  response: z.object({
    clientDataJSON: Base64Url,
    attestationObject: Base64Url,
    authenticatorData: Base64Url.optional(),
    transports: z.array(AuthenticatorTransport).optional(),
    publicKeyAlgorithm: z.number().int().optional(),
    publicKey: Base64Url.optional(),
  }),
  authenticatorAttachment: z.enum(['platform', 'cross-platform']).nullish(),
  clientExtensionResults: ClientExtensionResults,
});
export type RegistrationResponseJson = z.infer<typeof RegistrationResponseJson>;

export const AuthenticationResponseJson = z.strictObject({
  id: Base64Url.min(1),
  rawId: Base64Url.min(1),
  type: z.literal('public-key'),
  response: z.object({
    clientDataJSON: Base64Url,
    authenticatorData: Base64Url,
    signature: Base64Url,
    userHandle: Base64Url.nullish(),
  }),
  authenticatorAttachment: z.enum(['platform', 'cross-platform']).nullish(),
  clientExtensionResults: ClientExtensionResults,
});
export type AuthenticationResponseJson = z.infer<typeof AuthenticationResponseJson>;
