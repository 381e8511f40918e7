import type { JwsVerificationKey } from '../../crypto/index.js';

/**
 * DEMO ONLY. The public half of the demo bank's Ed25519 key, whose private half is committed in
 * src/app/demo/demoBankKey.ts for `coffer demo seed`. Anyone can sign a policy with it, so a real
 * deployment pins its bank's real verification key here (and ships without the demo key); the bank keeps
 * the private half in its HSM. The app trusts exactly this key: a policy is never accepted on its own word.
 */
export const DEMO_BANK_VERIFICATION_KEY: JwsVerificationKey = Object.freeze({
  alg: 'EdDSA',
  publicKey: Buffer.from('b59b7fa804f2788439cc592be2d1af5546098be1a4fd289fb4c03a21849efbcf', 'hex'),
});

/** The trust anchor for organisation policies: the bank's verification key, pinned in code. */
export const BANK_VERIFICATION_KEY: JwsVerificationKey = DEMO_BANK_VERIFICATION_KEY;
