import { parseCapabilities, type Capability, type CapabilityFile } from '../../policy/index.js';
import auditReview from '../../../capabilities/audit-review.json' with { type: 'json' };
import bankEnrolment from '../../../capabilities/bank-enrolment.json' with { type: 'json' };
import bankSync from '../../../capabilities/bank-sync.json' with { type: 'json' };
import bankingRead from '../../../capabilities/banking-read.json' with { type: 'json' };
import hardwareKeys from '../../../capabilities/hardware-keys.json' with { type: 'json' };
import ownAuditTrail from '../../../capabilities/own-audit-trail.json' with { type: 'json' };
import payeesRead from '../../../capabilities/payees-read.json' with { type: 'json' };
import paymentApproval from '../../../capabilities/payment-approval.json' with { type: 'json' };
import paymentPreparation from '../../../capabilities/payment-preparation.json' with { type: 'json' };
import policyRead from '../../../capabilities/policy-read.json' with { type: 'json' };
import vaultAccess from '../../../capabilities/vault-access.json' with { type: 'json' };
import vaultAdministration from '../../../capabilities/vault-administration.json' with { type: 'json' };

/**
 * The capability files this build ships, embedded when it is bundled: a packaged app never looks them up on
 * disk beside its own files, where anyone who can write there could widen a role. A test checks the list
 * against capabilities/, so a new file cannot be left out.
 */
export const SHIPPED_CAPABILITY_FILES: readonly CapabilityFile[] = Object.freeze([
  { name: 'capabilities/audit-review.json', json: auditReview },
  { name: 'capabilities/bank-enrolment.json', json: bankEnrolment },
  { name: 'capabilities/bank-sync.json', json: bankSync },
  { name: 'capabilities/banking-read.json', json: bankingRead },
  { name: 'capabilities/hardware-keys.json', json: hardwareKeys },
  { name: 'capabilities/own-audit-trail.json', json: ownAuditTrail },
  { name: 'capabilities/payees-read.json', json: payeesRead },
  { name: 'capabilities/payment-approval.json', json: paymentApproval },
  { name: 'capabilities/payment-preparation.json', json: paymentPreparation },
  { name: 'capabilities/policy-read.json', json: policyRead },
  { name: 'capabilities/vault-access.json', json: vaultAccess },
  { name: 'capabilities/vault-administration.json', json: vaultAdministration },
]);

/** The shipped capabilities, checked as at build time: a bad one stops the app (POLICY_BAD_CAPABILITY). */
export function shippedCapabilities(): Capability[] {
  return parseCapabilities(SHIPPED_CAPABILITY_FILES);
}
