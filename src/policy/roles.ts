import { z } from 'zod';

/** Roles come from the bank-signed organisation policy; capability files grant permissions to them. */
export const ROLES = ['viewer', 'maker', 'approver', 'auditor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const RoleSchema = z.enum(ROLES, {
  error: (issue) => `unknown role ${JSON.stringify(issue.input)}; expected one of ${ROLES.join(', ')}`,
}).meta({ id: 'RoleName' });
