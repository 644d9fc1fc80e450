import { forbidden } from "next/navigation";
import type { Permission } from "../auth/permissions";

/**
 * The permission step of a tenant page, after requireMember: a member whose role may not open the
 * page gets the 403 page (src/app/t/[tenant]/forbidden.tsx) with a 403 status, not a 200 page
 * that only says so. Needs `experimental.authInterrupts` in next.config.js.
 */
export function requirePermission(can: (permission: Permission) => boolean, permission: Permission): void {
  if (!can(permission)) forbidden();
}
