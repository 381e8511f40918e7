import type { JwsSigningKey } from '../../crypto/index.js';

/**
 * DEMO ONLY — A PUBLISHED PRIVATE KEY. The demo bank's Ed25519 seed, used by `coffer demo seed` and tests
 * to sign demo organisation policies. Its public half is DEMO_BANK_VERIFICATION_KEY. Because it is public,
 * a vault whose trust anchor is the demo key proves nothing about who granted its roles: a real
 * deployment pins the real bank's key in src/app/policy/bankTrustAnchor.ts, and demo-signed policies are
 * then refused with POLICY_BAD_SIGNATURE.
 */
export const DEMO_BANK_SIGNING_KEY: JwsSigningKey = Object.freeze({
  alg: 'EdDSA',
  privateKey: Buffer.from('8ff349b2bb5e859ba15558743d4e6a06810a953eb55aab589ebfdfe829e712c1', 'hex'),
});
