import { initialSchema } from './0001_initial.js';
import { auditLog } from './0002_audit_log.js';
import { orgPolicyCache } from './0003_org_policy.js';
import { statementDetails } from './0004_statement_details.js';
import { recordSeals } from './0005_record_seals.js';
import { webauthnCredentials } from './0006_webauthn_credentials.js';
import { bankConnection } from './0007_bank_connection.js';
import { payeeChecks } from './0008_payee_checks.js';
import { paymentStatuses } from './0009_payment_statuses.js';
import { approvalsBetweenVaults } from './0010_approvals_between_vaults.js';
import { bankOpeningBalances } from './0011_bank_opening_balances.js';
import { pendingStatements } from './0012_pending_statements.js';
import type { Migration } from './migration.js';

export type { Migration } from './migration.js';

/** Every schema step in order; a new step is appended, never edited once released. */
export const MIGRATIONS: readonly Migration[] = [initialSchema, auditLog, orgPolicyCache, statementDetails, recordSeals, webauthnCredentials, bankConnection, payeeChecks, paymentStatuses, approvalsBetweenVaults, bankOpeningBalances, pendingStatements];

export const LATEST_SCHEMA_VERSION = MIGRATIONS.length;

/** The schema version that introduced record seals: vaults migrated across it adopt their records once. */
export const RECORD_SEALS_SCHEMA = recordSeals.version;
