import { defineLimit } from "../../abuse-limits";
import type { TenantContext } from "../../auth/tenant-context";

/**
 * Invitations send email to any address we are given, so a hostile or hijacked account could
 * use us to spam. Each invitation spends a point of every rule below (burst and daily, per
 * client IP, per inviting account, per brand); ABUSE_LIMIT_MULTIPLIER scales them all.
 */
const MINUTES_10 = 600;
const DAY = 86_400;

export const INVITATION_LIMITS = {
  ipBurst: defineLimit({
    name: "invite:ip:burst",
    points: 20,
    durationSeconds: MINUTES_10,
    message: "too many invitations from this network; try again in a few minutes",
  }),
  ipDaily: defineLimit({ name: "invite:ip:daily", points: 200, durationSeconds: DAY, message: "too many invitations from this network today" }),
  accountBurst: defineLimit({
    name: "invite:account:burst",
    points: 10,
    durationSeconds: MINUTES_10,
    message: "you have sent many invitations; try again in a few minutes",
  }),
  accountDaily: defineLimit({ name: "invite:account:daily", points: 100, durationSeconds: DAY, message: "you have sent the most invitations allowed today" }),
  brandBurst: defineLimit({
    name: "invite:brand:burst",
    points: 20,
    durationSeconds: MINUTES_10,
    message: "this brand has sent many invitations; try again in a few minutes",
  }),
  brandDaily: defineLimit({ name: "invite:brand:daily", points: 200, durationSeconds: DAY, message: "this brand has sent the most invitations allowed today" }),
} as const;

export function invitationLimitChecks(ctx: TenantContext, { ip }: { ip?: string }) {
  const { ipBurst, ipDaily, accountBurst, accountDaily, brandBurst, brandDaily } = INVITATION_LIMITS;
  const accountId = ctx.actor.id ?? "system";
  return [
    // Without a known client (worker, tests), the account and brand limits still hold.
    ...(ip && ip !== "unknown"
      ? [
          { rule: ipBurst, key: ip },
          { rule: ipDaily, key: ip },
        ]
      : []),
    { rule: accountBurst, key: accountId },
    { rule: accountDaily, key: accountId },
    { rule: brandBurst, key: ctx.tenantId },
    { rule: brandDaily, key: ctx.tenantId },
  ];
}
