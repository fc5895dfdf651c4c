/** The roles of the server (packages/server/src/auth/roles.ts), in its order. */
export const ROLES = [
  'office',
  'reporter',
  'leader',
  'thirdParty',
  'inspector',
  'viewer',
  'sysadmin',
  'secadmin',
  'auditor',
] as const;

export type Role = (typeof ROLES)[number];

/** The signed-in account as GET /api/auth/me and POST /api/auth/login return it. */
export interface Me {
  id: string;
  username: string;
  displayName: string;
  province: string;
  roles: Role[];
  unitCode: string | null;
  mustChangePassword: boolean;
  /** Permission names the roles hold (packages/server/src/auth/permissions.ts). */
  permissions: string[];
  csrfToken: string;
}
