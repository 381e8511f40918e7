import { CofferError } from '../../../contract/index.js';
import type { AuditDetails } from '../../dispatch/defineCommand.js';
import type { ImportPlan, StatementPlan } from './planStatementImport.js';

/** Differing statements named in an audit entry or a refusal; the rest are counted. */
const LISTED = 20;
const LISTED_IN_MESSAGE = 3;

function skippedFor(plan: ImportPlan, reason: string): number {
  return plan.statements.reduce((n, p) => n + p.skipped.filter((g) => g.reason === reason).reduce((m, g) => m + g.count, 0), 0);
}

/**
 * What the log keeps of an import: the file, formats, counts, reconciliation statuses and which checks
 * failed where. Never an amount or a balance (DESIGN.md: the log carries no balances), never an account
 * number: accounts by their record id.
 */
export function importAuditDetails(plan: ImportPlan, acceptUnreconciled: boolean): AuditDetails {
  const statuses = { reconciled: 0, differs: 0, unchecked: 0 };
  for (const p of plan.statements) statuses[p.reconciliation.status] += 1;
  return {
    file: plan.file,
    container: plan.container,
    formats: [...new Set(plan.statements.map((p) => p.statement.format))],
    statements: plan.statements.length,
    entries: plan.statements.reduce((n, p) => n + p.statement.entries.length, 0),
    imported: plan.statements.reduce((n, p) => n + p.fresh.length, 0),
    skipped: { alreadyBooked: skippedFor(plan, 'ALREADY_BOOKED'), repeatedInImport: skippedFor(plan, 'REPEATED_IN_IMPORT'), notBooked: skippedFor(plan, 'NOT_BOOKED') },
    reconciliation: statuses,
    differing: plan.differing.slice(0, LISTED).map((p) => ({
      statement: p.statement.source.index + 1,
      member: p.statement.source.member,
      failed: p.reconciliation.checks.filter((c) => !c.ok).map((c) => c.check),
    })),
    acceptUnreconciled,
    otherCurrency: plan.statements.reduce((n, p) => n + p.otherCurrency, 0),
    warnings: plan.statements.reduce((n, p) => n + p.statement.warnings.length, 0),
    formulaCells: plan.statements.reduce((n, p) => n + (p.statement.csv?.formulaCells.length ?? 0), 0),
    accounts: plan.accounts.map((account) => account.id),
  };
}

const COUNTS = new Set(['entry-count', 'credit-count', 'debit-count']);

function failures(p: StatementPlan): string {
  return p.reconciliation.checks
    .filter((c) => !c.ok)
    .map((c) => {
      if (c.check === 'entry-currency') return `entry-currency (${c.found} booked entries in another currency)`;
      // Counts are no secret; amounts and balances stay out of messages (they are in the answer once accepted).
      return COUNTS.has(c.check) ? `${c.check} (the file states ${c.expected}, its entries give ${c.found})` : `${c.check} (${c.message})`;
    })
    .join(', ');
}

/** APP_UNRECONCILED: which statements differ and how, and what the caller can do. */
export function unreconciledError(plan: ImportPlan): CofferError {
  const listed = plan.differing.slice(0, LISTED_IN_MESSAGE).map((p) => `${p.label}: ${failures(p)}`);
  const more = plan.differing.length - listed.length;
  const n = plan.differing.length;
  return new CofferError(
    'APP_UNRECONCILED',
    `expected statements that reconcile with themselves, found ${n} that ${n === 1 ? 'differs' : 'differ'}: ${listed.join('; ')}${more > 0 ? `; and ${more} more` : ''}; ` +
      'nothing was booked: check the file with the bank, or import it with acceptUnreconciled (--accept-unreconciled) to book it as it is',
  );
}
