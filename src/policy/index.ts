export { READ_ONLY_PERMISSIONS, PermissionSchema } from './permissions.js';
export { PERMISSIONS, isPermission, type Permission } from '../contract/index.js';
export { ROLES, RoleSchema, type Role } from './roles.js';
export { holdsPermission } from './holdsPermission.js';
export {
  CAPABILITY_SCHEMA_REF,
  CapabilitySchema,
  CapabilityFileSchema,
  ScopeSchema,
  ScopedPermissionSchema,
  PermissionEntrySchema,
  type Capability,
  type Scope,
  type ScopedPermission,
  type PermissionEntry,
} from './capabilitySchema.js';
export { parseCapabilities, type CapabilityFile } from './parseCapabilities.js';
export { capabilityJsonSchema, capabilityJsonSchemaText, CAPABILITY_SCHEMA_FILE } from './capabilityJsonSchema.js';
export {
  authorize,
  type AuthorizationRequest,
  type AuthorizationResult,
  type AuthorizationDenialCode,
  type Resource,
} from './authorize.js';
export {
  SIGNATURE_CLASSES,
  OrgPolicySchema,
  OrgUserSchema,
  ApprovalRuleSchema,
  ApproverSchema,
  type SignatureClass,
  type OrgPolicy,
  type OrgUser,
  type ApprovalRule,
  type Approver,
} from './orgPolicySchema.js';
export { parseOrgPolicy } from './parseOrgPolicy.js';
export { signOrgPolicy, ORG_POLICY_JWS_TYPE } from './signOrgPolicy.js';
export { aaguidAllowed } from './aaguidAllowed.js';
export { verifyOrgPolicy, POLICY_CLOCK_SKEW_MS, type VerifyOrgPolicyOptions } from './verifyOrgPolicy.js';
export { selectApprovalRule, type RuleTarget } from './selectApprovalRule.js';
export { approvalStatus, type ApprovalStatus, type ApprovalStatusInput, type CountedApproval } from './approvalStatus.js';
export { DEMO_ORG, DEMO_USERS, DEMO_ACCOUNTS, DEMO_SMALL_EUR_LIMIT_MINOR, demoApprovalRules } from './demoCustomer.js';
