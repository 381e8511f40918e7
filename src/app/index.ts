export { defaultVaultDir } from './defaultVaultDir.js';
export { initVault, type InitVaultResult } from './vault/initVault.js';
export { runDoctor, type DoctorReport } from './doctor.js';
export { runBenchmarks } from './bench/runBenchmarks.js';
export { BENCH_GROUPS, type BenchOptions, type BenchGroup } from './bench/benchOptions.js';
export { runBenchmarksInWorker } from './bench/runBenchmarksInWorker.js';
export type { BenchFigure } from './bench/benchFigure.js';
export { MIN_PASSWORD_LENGTH } from '../vault/index.js';
export type { VaultSecret } from '../vault/index.js';
// The bounded reader the vault uses for its own files serves the files a user names too.
export { readRegularFile, type RegularFileRead } from '../vault/index.js';
export { verifyAuditBundleBytes, type VerifyBundleBytesOptions } from './audit/verifyAuditBundleBytes.js';

// The one front door: a session, then commands through the dispatcher (docs/commands.md)
export type { AppSession, AppDispatchOptions, SessionFacts } from './session/appSession.js';
export { openLocalAppSession, localAppSession, type OpenAppSessionOptions } from './session/openLocalSession.js';
export type { DeliveryTarget } from './files/deliverFile.js';
export { implementCommand, type AppCommand, type AnyAppCommand, type CommandImplementation, type CommandContext, type RunContext, type Preparation, type AuditDetails } from './dispatch/defineCommand.js';
export { openSession, OWNER_ROLES, type Session, type OpenSessionOptions } from './dispatch/openSession.js';
export { dispatch, dispatchUnknown } from './dispatch/dispatch.js';
export { runCommand, type DispatchOptions } from './dispatch/runCommand.js';
export type { DispatchResult, DispatchFailure } from './dispatch/dispatchResult.js';
export type { StepUpVerifier, StepUpRequest, StepUpOutcome } from './dispatch/stepUp.js';
export { COMMANDS, COMMAND_LIST, COMMANDS_BY_NAME } from './commands/registry.js';
export { BANK_VERIFICATION_KEY, DEMO_BANK_VERIFICATION_KEY } from './policy/bankTrustAnchor.js';
export { loadCapabilities, defaultCapabilitiesDir } from './policy/loadCapabilities.js';
export { installOrgPolicy, type InstallOrgPolicyOptions } from './policy/installOrgPolicy.js';
export { verifyCachedOrgPolicy, type PolicyState } from './policy/verifyCachedOrgPolicy.js';
export { seedDemoVault, DEMO_PASSWORD, type DemoVaultReport } from './demo/seedDemoVault.js';
export { seedDemo, DEMO_BOOKINGS, type DemoSeedReport, type SeedDemoOptions } from './demo/seedDemo.js';
export { DEMO_USERS, DEMO_ORG, DEMO_ACCOUNTS } from './demo/demoOrganisation.js';
// Unlocking with a hardware key (the lock screen) and the demo's virtual authenticator (docs/security.md)
export { keyUnlockOptions, type KeyUnlockOptions, type KeyUnlockCredential } from './keys/keyUnlockOptions.js';
export { demoAuthenticatorFor, type DemoAuthenticator } from './demo/demoAuthenticator.js';
