import { getFips } from 'node:crypto';

export interface CryptoProviderStatus {
  openssl: string;
  fipsProviderActive: boolean;
  statement: string;
}

/** What a security reviewer needs to know about the OpenSSL provider that does our crypto. */
export function cryptoProviderStatus(): CryptoProviderStatus {
  const fipsProviderActive = getFips() === 1;
  return {
    openssl: process.versions.openssl ?? 'unknown',
    fipsProviderActive,
    statement: fipsProviderActive
      ? 'OpenSSL FIPS provider active'
      : 'approved algorithms only, provider not FIPS-validated',
  };
}
