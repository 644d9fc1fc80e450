import type { Permission } from "./permissions";

/**
 * What an API key may touch, per resource group, read or write. A key acts with its maker's role
 * (never more) AND within its scopes: both must allow a permission.
 */
export const API_SCOPE_GROUPS = ["customers", "mentions", "ledger", "rewards", "config"] as const;
export type ApiScopeGroup = (typeof API_SCOPE_GROUPS)[number];
export const API_SCOPES = API_SCOPE_GROUPS.flatMap((group) => [`${group}:read`, `${group}:write`] as const);
export type ApiScope = `${ApiScopeGroup}:${"read" | "write"}`;

/**
 * The scope each permission needs. Null: no key may ever do it — managing the team (inviting,
 * changing roles) stays with people signed in, so a leaked key cannot add a member or a key.
 */
const SCOPE_OF: Record<Permission, ApiScope | null> = {
  "customers:read": "customers:read",
  "customers:write": "customers:write",
  "customers:delete": "customers:write",
  "mentions:read": "mentions:read",
  "mentions:moderate": "mentions:write",
  "ledger:read": "ledger:read",
  "ledger:adjust": "ledger:write",
  "rewards:read": "rewards:read",
  "rewards:manage": "rewards:write",
  "settings:read": "config:read",
  "settings:write": "config:write",
  "audit:read": "config:read",
  "members:read": "config:read",
  "members:invite": null,
  "members:manage": null,
};

export function scopeFor(permission: Permission): ApiScope | null {
  return SCOPE_OF[permission];
}

/** A write scope implies reading the same group. */
export function scopesAllow(scopes: ReadonlySet<string>, permission: Permission): boolean {
  const needed = SCOPE_OF[permission];
  if (!needed) return false;
  if (scopes.has(needed)) return true;
  const [group, access] = needed.split(":") as [ApiScopeGroup, "read" | "write"];
  return access === "read" && scopes.has(`${group}:write`);
}
