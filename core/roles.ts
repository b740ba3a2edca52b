// Roles, without any server code, so that pages can list them.
export const ROLES = ['admin', 'national', 'ministry', 'province', 'source'] as const
export type Role = (typeof ROLES)[number]
