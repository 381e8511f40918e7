import { cryptoProviderStatus } from '../crypto/index.js';
import { cipherLibraryVersions, coreDumpsDisabled } from '../vault/index.js';

export interface DoctorReport {
  node: string;
  platform: string;
  openssl: string;
  fips: { providerActive: boolean; statement: string };
  sqlite: string;
  cipher: string;
  /** Whether this process may write a core dump (which would hold the unlocked data key); undefined where unknown. */
  coreDumpsDisabled: boolean | undefined;
}

/** Facts about the runtime a security reviewer asks for first; the CLI adds what the desktop shell finds. */
export function runDoctor(): DoctorReport {
  const provider = cryptoProviderStatus();
  const { sqlite, cipher } = cipherLibraryVersions();
  return {
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    openssl: provider.openssl,
    fips: { providerActive: provider.fipsProviderActive, statement: provider.statement },
    sqlite,
    cipher,
    coreDumpsDisabled: coreDumpsDisabled(),
  };
}
