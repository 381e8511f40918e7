import { ecdsaP256SignDer, ecdsaP256Verifier, ed25519Sign, ed25519Verify, generateEd25519KeyPair, p256PublicKey, randomBytes } from '../../crypto/index.js';

const encoder = new TextEncoder();
/** About the size of the signature base of a signed request (RFC 9421 §2.5). */
const REQUEST_BASE = encoder.encode('"@method": POST\n"@target-uri": http://127.0.0.1/v1/payments\n"content-digest": sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=:\n"@signature-params": ("@method" "@target-uri" "content-digest");created=1;nonce="n";keyid="k";alg="ed25519"');
/** authenticatorData (37 bytes) ‖ SHA-256(clientDataJSON) (32 bytes): what an approval's signature covers. */
const ASSERTION_BASE = randomBytes(69);

function perSecond(ms: number, once: () => void): number {
  let count = 0;
  const started = performance.now();
  while (performance.now() - started < ms) {
    for (let i = 0; i < 50; i++) once();
    count += 50;
  }
  return count / ((performance.now() - started) / 1000);
}

/** Raw Ed25519 verifications per second on this thread: the work every signed request needs at least once. */
export function rawVerificationsPerSecond(ms: number): number {
  const key = generateEd25519KeyPair();
  const signature = ed25519Sign(key.seed, REQUEST_BASE);
  return perSecond(ms, () => void ed25519Verify(key.publicKey, REQUEST_BASE, signature));
}

/**
 * Raw verifications of the two signatures a payment submission carries, per second on this thread: the
 * device's Ed25519 request signature and one approver's ECDSA P-256 assertion, keys imported once. Nothing
 * else a submission needs (parsing, digests, policy, the store) is in it.
 */
export function rawSubmissionVerificationsPerSecond(ms: number): number {
  const device = generateEd25519KeyPair();
  const requestSignature = ed25519Sign(device.seed, REQUEST_BASE);
  const approver = randomBytes(32);
  const verifyApproval = ecdsaP256Verifier(p256PublicKey(approver));
  const approval = ecdsaP256SignDer(approver, ASSERTION_BASE);
  return perSecond(ms, () => void (ed25519Verify(device.publicKey, REQUEST_BASE, requestSignature) && verifyApproval(ASSERTION_BASE, approval)));
}
