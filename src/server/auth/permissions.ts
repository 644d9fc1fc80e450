import type { Role } from "../db/generated/enums";

/** Every permission a staff member or API key can hold; the role table below is the only map. */
export const PERMISSIONS = [
  "customers:read",
  "customers:write",
  "customers:delete",
  "mentions:read",
  "mentions:moderate",
  "ledger:read",
  "ledger:adjust",
  "members:read",
  "members:invite",
  /** Change a member's role or remove them (never above one's own role). */
  "members:manage",
  "settings:read",
  "settings:write",
  /** Read the reward catalogue and the redemptions made of it. */
  "rewards:read",
  /** The reward catalogue, its code pools, and fulfilling redemptions (cancelling also needs ledger:adjust). */
  "rewards:manage",
  /** Read the brand's audit log: who changed what, and when (admins and owners). */
  "audit:read",
] as const;

export type Permission = (typeof PERMISSIONS)[number];

const VIEWER: Permission[] = ["customers:read", "mentions:read", "ledger:read", "rewards:read", "members:read", "settings:read"];
const MARKETER: Permission[] = [...VIEWER, "customers:write", "mentions:moderate", "rewards:manage"];
const ADMIN: Permission[] = [...MARKETER, "customers:delete", "ledger:adjust", "members:invite", "members:manage", "settings:write", "audit:read"];
const OWNER: Permission[] = [...ADMIN];

export const ROLE_PERMISSIONS: Record<Role, ReadonlySet<Permission>> = {
  VIEWER: new Set(VIEWER),
  MARKETER: new Set(MARKETER),
  ADMIN: new Set(ADMIN),
  OWNER: new Set(OWNER),
};

/** Roles ordered by power; a member may only invite roles at or below their own. */
export const ROLE_RANK: Record<Role, number> = { VIEWER: 0, MARKETER: 1, ADMIN: 2, OWNER: 3 };

export function roleCan(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].has(permission);
}
