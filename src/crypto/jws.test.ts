import { createHmac, createPublicKey, verify } from 'node:crypto';
import { CompactSign } from 'jose';
import { describe, expect, it } from 'vitest';
import { ed25519Sign } from './ed25519.js';
import { generateJwsKeyPair, jwsVerificationKeyFor, preparedJwsSigningKey, signJws, verifyJws, type JwsVerificationKey } from './jws.js';

const b64u = (value: string | Uint8Array) => Buffer.from(value).toString('base64url');
const text = (bytes: Uint8Array) => Buffer.from(bytes).toString('utf8');

// RFC 8037 Appendix A.1, A.2 and A.4: the RFC 8032 TEST 1 key signing "Example of Ed25519 signing".
const rfc8037 = {
  seed: Buffer.from('nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A', 'base64url'),
  publicKey: Buffer.from('11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo', 'base64url'),
  payload: 'Example of Ed25519 signing',
  token:
    'eyJhbGciOiJFZERTQSJ9.RXhhbXBsZSBvZiBFZDI1NTE5IHNpZ25pbmc.hgyY0il_MGCjP0JzlnLWG1PPOt7-09PGcvMg3AIbQR6dWbhijcNR4ki4iylGjg5BhVsPt9g7sVvpAr_MuM0KAg',
};
const rfcKey: JwsVerificationKey = { alg: 'EdDSA', publicKey: rfc8037.publicKey };

/** A token with any header and signature bytes the attacker likes. */
function forge(header: object, payload: string, signature: Uint8Array = Buffer.alloc(0)): string {
  return `${b64u(JSON.stringify(header))}.${b64u(payload)}.${b64u(signature)}`;
}

describe('when signing and verifying the RFC 8037 A.4 example', () => {
  it('produces the published token byte for byte', async () => {
    const token = await signJws(Buffer.from(rfc8037.payload), { alg: 'EdDSA', privateKey: rfc8037.seed });
    expect(token).toBe(rfc8037.token);
  });
  it('verifies the published token and returns its payload', async () => {
    const verified = await verifyJws(rfc8037.token, rfcKey);
    expect(text(verified.payload)).toBe(rfc8037.payload);
    expect(verified.header).toEqual({ alg: 'EdDSA' });
  });
  it('writes, with a typ header too, the very token jose writes for the same key (Ed25519 is deterministic)', async () => {
    const payload = Buffer.from(JSON.stringify({ paymentId: 'p-1', status: 'accepted' }));
    const ours = await signJws(payload, { alg: 'EdDSA', privateKey: rfc8037.seed }, { typ: 'coffer-payment-status+jws' });
    const jose = await new CompactSign(payload)
      .setProtectedHeader({ alg: 'EdDSA', typ: 'coffer-payment-status+jws' })
      .sign({ kty: 'OKP', crv: 'Ed25519', x: b64u(rfc8037.publicKey), d: b64u(rfc8037.seed) });
    expect(ours).toBe(jose);
    expect((await verifyJws(ours, rfcKey, { typ: 'coffer-payment-status+jws' })).header).toEqual({ alg: 'EdDSA', typ: 'coffer-payment-status+jws' });
  });
  it('signs with a prepared key (imported once) the same token, and the prepared key keeps its own copy of the seed', async () => {
    const seed = Buffer.from(rfc8037.seed);
    const prepared = preparedJwsSigningKey({ alg: 'EdDSA', privateKey: seed });
    seed.fill(0);
    expect(await signJws(Buffer.from(rfc8037.payload), prepared)).toBe(rfc8037.token);
  });
  it('derives the published public key from the seed', () => {
    expect(Buffer.from(jwsVerificationKeyFor({ alg: 'EdDSA', privateKey: rfc8037.seed }).publicKey)).toEqual(rfc8037.publicKey);
  });
});

describe('when signing with ES256', () => {
  it('writes an RFC 7518 §3.4 signature (raw r ‖ s) that node:crypto verifies independently', async () => {
    const { signingKey, verificationKey } = generateJwsKeyPair('ES256');
    const token = await signJws(Buffer.from('{"orgId":"o1"}'), signingKey, { typ: 'example+jws' });
    const [header, payload, signature] = token.split('.') as [string, string, string];
    expect(JSON.parse(Buffer.from(header, 'base64url').toString())).toEqual({ alg: 'ES256', typ: 'example+jws' });
    const spki = createPublicKey({
      key: { kty: 'EC', crv: 'P-256', x: b64u(verificationKey.publicKey.subarray(1, 33)), y: b64u(verificationKey.publicKey.subarray(33)) },
      format: 'jwk',
    });
    const ok = verify('sha256', Buffer.from(`${header}.${payload}`), { key: spki, dsaEncoding: 'ieee-p1363' }, Buffer.from(signature, 'base64url'));
    expect(ok).toBe(true);
    expect(text((await verifyJws(token, verificationKey, { typ: 'example+jws' })).payload)).toBe('{"orgId":"o1"}');
  });
  it('derives the same 65-byte public key from the 32-byte scalar', () => {
    const { signingKey, verificationKey } = generateJwsKeyPair('ES256');
    expect(signingKey.privateKey).toHaveLength(32);
    expect(Buffer.from(jwsVerificationKeyFor(signingKey).publicKey)).toEqual(Buffer.from(verificationKey.publicKey));
  });
});

describe('when an attacker presents a token', () => {
  const bank = generateJwsKeyPair('EdDSA');

  it('refuses alg "none" with an empty signature with CRYPTO_AUTH_FAILED', async () => {
    await expect(verifyJws(forge({ alg: 'none' }, 'x'), bank.verificationKey)).toThrowCode('CRYPTO_AUTH_FAILED');
  });
  it('refuses HS256 keyed with the public key (alg confusion) with CRYPTO_AUTH_FAILED', async () => {
    const header = b64u(JSON.stringify({ alg: 'HS256' }));
    const payload = b64u('x');
    const mac = createHmac('sha256', bank.verificationKey.publicKey).update(`${header}.${payload}`).digest();
    await expect(verifyJws(`${header}.${payload}.${b64u(mac)}`, bank.verificationKey)).toThrowCode('CRYPTO_AUTH_FAILED');
  });
  it('refuses a valid ES256 token when the pinned key is EdDSA with CRYPTO_AUTH_FAILED', async () => {
    const other = generateJwsKeyPair('ES256');
    const token = await signJws(Buffer.from('x'), other.signingKey);
    await expect(verifyJws(token, bank.verificationKey)).toThrowCode('CRYPTO_AUTH_FAILED');
  });
  it('refuses a signature by another key with CRYPTO_AUTH_FAILED', async () => {
    const token = await signJws(Buffer.from('x'), generateJwsKeyPair('EdDSA').signingKey);
    await expect(verifyJws(token, bank.verificationKey)).toThrowCode('CRYPTO_AUTH_FAILED');
  });
  it('refuses a changed payload under the original signature with CRYPTO_AUTH_FAILED', async () => {
    const [header, , signature] = (await signJws(Buffer.from('pay 10'), bank.signingKey)).split('.');
    await expect(verifyJws(`${header}.${b64u('pay 99')}.${signature}`, bank.verificationKey)).toThrowCode('CRYPTO_AUTH_FAILED');
  });
  it('refuses an embedded jwk or a crit/b64 header even when validly signed, with CRYPTO_AUTH_FAILED', async () => {
    for (const extra of [{ jwk: { kty: 'OKP' } }, { crit: ['b64'], b64: false }]) {
      const header = b64u(JSON.stringify({ alg: 'EdDSA', ...extra }));
      const payload = b64u('x');
      const signature = ed25519Sign(bank.signingKey.privateKey, Buffer.from(`${header}.${payload}`));
      await expect(verifyJws(`${header}.${payload}.${b64u(signature)}`, bank.verificationKey)).toThrowCode('CRYPTO_AUTH_FAILED');
    }
  });
  it('refuses a token of another typ from the same signer with CRYPTO_AUTH_FAILED', async () => {
    const token = await signJws(Buffer.from('x'), bank.signingKey, { typ: 'release-manifest+jws' });
    await expect(verifyJws(token, bank.verificationKey, { typ: 'org-policy+jws' })).toThrowCode('CRYPTO_AUTH_FAILED');
  });
  it('refuses the JSON serialization and junk with CRYPTO_BAD_INPUT', async () => {
    const flattened = JSON.stringify({ protected: b64u('{"alg":"EdDSA"}'), payload: b64u('x'), signature: '' });
    await expect(verifyJws(flattened, bank.verificationKey)).toThrowCode('CRYPTO_BAD_INPUT');
    await expect(verifyJws('a.b', bank.verificationKey)).toThrowCode('CRYPTO_BAD_INPUT');
    await expect(verifyJws(`${b64u('[1]')}.eA.`, bank.verificationKey)).toThrowCode('CRYPTO_BAD_INPUT');
  });
});

describe('when a key is malformed', () => {
  it('refuses a short Ed25519 public key and seed with CRYPTO_BAD_KEY', async () => {
    await expect(verifyJws(rfc8037.token, { alg: 'EdDSA', publicKey: rfc8037.publicKey.subarray(1) })).toThrowCode('CRYPTO_BAD_KEY');
    await expect(signJws(Buffer.from('x'), { alg: 'EdDSA', privateKey: rfc8037.seed.subarray(1) })).toThrowCode('CRYPTO_BAD_KEY');
  });
  it('refuses a P-256 point that is not on the curve with CRYPTO_BAD_KEY', async () => {
    const offCurve = Buffer.concat([Buffer.from([0x04]), Buffer.alloc(64, 1)]);
    await expect(verifyJws(rfc8037.token, { alg: 'ES256', publicKey: offCurve })).toThrowCode('CRYPTO_BAD_KEY');
  });
  it('refuses a key that names another algorithm with CRYPTO_BAD_KEY', async () => {
    const hmacKey = { alg: 'HS256', publicKey: rfc8037.publicKey } as unknown as JwsVerificationKey;
    await expect(verifyJws(rfc8037.token, hmacKey)).toThrowCode('CRYPTO_BAD_KEY');
  });
  it('refuses a zero P-256 scalar with CRYPTO_BAD_KEY', async () => {
    await expect(signJws(Buffer.from('x'), { alg: 'ES256', privateKey: Buffer.alloc(32) })).toThrowCode('CRYPTO_BAD_KEY');
  });
});
