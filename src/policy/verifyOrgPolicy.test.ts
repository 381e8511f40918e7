import { describe, expect, it } from 'vitest';
import { generateJwsKeyPair, hmacSha256, signJws } from '../crypto/index.js';
import type { OrgPolicy } from './orgPolicySchema.js';
import { ORG_POLICY_JWS_TYPE, signOrgPolicy } from './signOrgPolicy.js';
import { verifyOrgPolicy } from './verifyOrgPolicy.js';

const b64u = (value: string | Uint8Array) => Buffer.from(value).toString('base64url');
const bank = generateJwsKeyPair('EdDSA');
const now = new Date('2025-03-01T12:00:00Z');

const policy: OrgPolicy = {
  orgId: 'org-42',
  orgName: 'Muster Maschinenbau GmbH',
  issuedAt: '2025-03-01T00:00:00Z',
  expiresAt: '2025-03-08T00:00:00Z',
  users: [
    { id: 'u-mallory', name: 'Mallory Maker', roles: ['maker'] },
    { id: 'u-alice', name: 'Alice Approver', roles: ['approver'] },
  ],
  approvalRules: [{ account: '*', currency: 'EUR', minAmountMinor: 0, approvers: [{ userId: 'u-alice', signatureClass: 'E' }] }],
};

/** Signs any bytes under the policy typ with the bank's own key, as if the bank had been fooled into it. */
const bankSigned = (payload: string) => signJws(Buffer.from(payload), bank.signingKey, { typ: ORG_POLICY_JWS_TYPE });

describe('when the bank-signed policy is current', () => {
  it('returns it unchanged', async () => {
    expect(await verifyOrgPolicy(await signOrgPolicy(policy, bank.signingKey), bank.verificationKey, now)).toEqual(policy);
  });
  it('accepts an ES256 bank key as well', async () => {
    const es = generateJwsKeyPair('ES256');
    expect(await verifyOrgPolicy(await signOrgPolicy(policy, es.signingKey), es.verificationKey, now)).toEqual(policy);
  });
});

describe('when an attacker tampers with the policy', () => {
  it('refuses a payload changed after signing (maker made admin) with POLICY_BAD_SIGNATURE', async () => {
    const [header, , signature] = (await signOrgPolicy(policy, bank.signingKey)).split('.');
    const promoted = { ...policy, users: [{ ...policy.users[0], roles: ['maker', 'admin'] }, policy.users[1]] };
    await expect(verifyOrgPolicy(`${header}.${b64u(JSON.stringify(promoted))}.${signature}`, bank.verificationKey, now)).toThrowCode('POLICY_BAD_SIGNATURE');
  });
  it('refuses a policy signed by another key with POLICY_BAD_SIGNATURE', async () => {
    const forged = await signOrgPolicy(policy, generateJwsKeyPair('EdDSA').signingKey);
    await expect(verifyOrgPolicy(forged, bank.verificationKey, now)).toThrowCode('POLICY_BAD_SIGNATURE');
  });
  it('refuses an unsigned policy with alg "none" with POLICY_BAD_SIGNATURE', async () => {
    const unsigned = `${b64u(JSON.stringify({ alg: 'none', typ: ORG_POLICY_JWS_TYPE }))}.${b64u(JSON.stringify(policy))}.`;
    await expect(verifyOrgPolicy(unsigned, bank.verificationKey, now)).toThrowCode('POLICY_BAD_SIGNATURE');
  });
  it('refuses a header asking for HS256 keyed with the bank public key (alg confusion) with POLICY_BAD_SIGNATURE', async () => {
    const signingInput = `${b64u(JSON.stringify({ alg: 'HS256', typ: ORG_POLICY_JWS_TYPE }))}.${b64u(JSON.stringify(policy))}`;
    const mac = hmacSha256(bank.verificationKey.publicKey, Buffer.from(signingInput));
    await expect(verifyOrgPolicy(`${signingInput}.${b64u(mac)}`, bank.verificationKey, now)).toThrowCode('POLICY_BAD_SIGNATURE');
  });
  it('refuses a header asking for ES256 over a valid ES256 signature when the bank key is EdDSA, with POLICY_BAD_SIGNATURE', async () => {
    const es256 = await signOrgPolicy(policy, generateJwsKeyPair('ES256').signingKey);
    await expect(verifyOrgPolicy(es256, bank.verificationKey, now)).toThrowCode('POLICY_BAD_SIGNATURE');
  });
  it('refuses the bank signature under a header whose alg was changed to ES256 with POLICY_BAD_SIGNATURE', async () => {
    const [, payload, signature] = (await signOrgPolicy(policy, bank.signingKey)).split('.');
    const header = b64u(JSON.stringify({ alg: 'ES256', typ: ORG_POLICY_JWS_TYPE }));
    await expect(verifyOrgPolicy(`${header}.${payload}.${signature}`, bank.verificationKey, now)).toThrowCode('POLICY_BAD_SIGNATURE');
  });
  it('refuses another bank-signed document (other typ) replayed as a policy with POLICY_BAD_SIGNATURE', async () => {
    const manifest = await signJws(Buffer.from(JSON.stringify(policy)), bank.signingKey, { typ: 'coffer-release-manifest+jws' });
    await expect(verifyOrgPolicy(manifest, bank.verificationKey, now)).toThrowCode('POLICY_BAD_SIGNATURE');
  });
});

describe('when the signed policy is out of date or not ours', () => {
  const signed = () => signOrgPolicy(policy, bank.signingKey);

  it('refuses it at and after expiresAt with POLICY_EXPIRED', async () => {
    await expect(verifyOrgPolicy(await signed(), bank.verificationKey, new Date('2025-03-08T00:00:00Z'))).toThrowCode('POLICY_EXPIRED');
    await expect(verifyOrgPolicy(await signed(), bank.verificationKey, new Date('2025-03-07T23:59:59Z'))).resolves.toEqual(policy);
  });
  it('returns an expired policy when asked for read-only mode, still checking the signature', async () => {
    const later = new Date('2025-04-01T00:00:00Z');
    await expect(verifyOrgPolicy(await signed(), bank.verificationKey, later, { allowExpired: true })).resolves.toEqual(policy);
    const forged = await signOrgPolicy(policy, generateJwsKeyPair('EdDSA').signingKey);
    await expect(verifyOrgPolicy(forged, bank.verificationKey, later, { allowExpired: true })).toThrowCode('POLICY_BAD_SIGNATURE');
  });
  it('refuses one issued more than the allowed clock skew in the future with POLICY_NOT_YET_VALID', async () => {
    await expect(verifyOrgPolicy(await signed(), bank.verificationKey, new Date('2025-02-28T23:54:59Z'))).toThrowCode('POLICY_NOT_YET_VALID');
    await expect(verifyOrgPolicy(await signed(), bank.verificationKey, new Date('2025-02-28T23:56:00Z'))).resolves.toEqual(policy);
  });
  it('refuses another organisation\'s policy with POLICY_WRONG_ORG', async () => {
    await expect(verifyOrgPolicy(await signed(), bank.verificationKey, now, { orgId: 'org-7' })).toThrowCode('POLICY_WRONG_ORG');
  });
  it('refuses a policy older than the newest one seen (rollback) with POLICY_STALE', async () => {
    await expect(verifyOrgPolicy(await signed(), bank.verificationKey, now, { notIssuedBefore: '2025-03-01T06:00:00Z' })).toThrowCode('POLICY_STALE');
  });
  it('refuses an invalid clock reading with POLICY_BAD_REQUEST', async () => {
    await expect(verifyOrgPolicy(await signed(), bank.verificationKey, new Date(Number.NaN))).toThrowCode('POLICY_BAD_REQUEST');
  });
});

describe('when the bank signed something that is not a valid policy', () => {
  it('refuses non-JSON and a policy with unknown fields with POLICY_BAD_POLICY', async () => {
    await expect(verifyOrgPolicy(await bankSigned('not json'), bank.verificationKey, now)).toThrowCode('POLICY_BAD_POLICY');
    await expect(verifyOrgPolicy(await bankSigned(JSON.stringify({ ...policy, superuser: 'u-mallory' })), bank.verificationKey, now)).toThrowCode(
      'POLICY_BAD_POLICY',
    );
  });
  it('refuses to sign an inconsistent policy on the bank side with POLICY_BAD_POLICY', async () => {
    await expect(signOrgPolicy({ ...policy, expiresAt: policy.issuedAt }, bank.signingKey)).toThrowCode('POLICY_BAD_POLICY');
  });
});
