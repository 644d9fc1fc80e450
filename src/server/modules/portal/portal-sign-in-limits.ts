import { defineLimit } from "../../abuse-limits";
import type { TenantScope } from "../../auth/tenant-context";

/**
 * A sign-in request sends email to an address the caller names, and a code is short enough to
 * guess at, so both are limited: requests per client IP and per address within a brand (the
 * answer is the same whether or not the address is a customer, a refusal included), and code
 * guesses per IP. Each emailed code also dies after MAX_CODE_ATTEMPTS wrong tries.
 */
const MINUTES_15 = 900;
const HOUR = 3_600;

export const PORTAL_SIGN_IN_LIMITS = {
  ipBurst: defineLimit({
    name: "portal-sign-in:ip:burst",
    points: 10,
    durationSeconds: MINUTES_15,
    message: "too many sign-in requests from this network; try again in a few minutes",
  }),
  emailBurst: defineLimit({
    name: "portal-sign-in:email:burst",
    points: 3,
    durationSeconds: MINUTES_15,
    message: "we sent a sign-in email to this address a moment ago; check your inbox (and spam) or try again in a few minutes",
  }),
  emailHourly: defineLimit({
    name: "portal-sign-in:email:hourly",
    points: 6,
    durationSeconds: HOUR,
    message: "too many sign-in emails for this address; try again later",
  }),
  codeGuessIp: defineLimit({
    name: "portal-sign-in:code:ip",
    points: 20,
    durationSeconds: MINUTES_15,
    message: "too many codes tried from this network; try again in a few minutes",
  }),
} as const;

const ipChecks = (rule: (typeof PORTAL_SIGN_IN_LIMITS)[keyof typeof PORTAL_SIGN_IN_LIMITS], ip: string) => (ip === "unknown" ? [] : [{ rule, key: ip }]);

export function signInRequestLimitChecks(scope: TenantScope, input: { ip: string; email: string }) {
  const { ipBurst, emailBurst, emailHourly } = PORTAL_SIGN_IN_LIMITS;
  const address = `${scope.tenantId}:${input.email}`;
  return [...ipChecks(ipBurst, input.ip), { rule: emailBurst, key: address }, { rule: emailHourly, key: address }];
}

export function codeGuessLimitChecks(input: { ip: string }) {
  return ipChecks(PORTAL_SIGN_IN_LIMITS.codeGuessIp, input.ip);
}
