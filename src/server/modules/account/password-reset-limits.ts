import { defineLimit } from "../../abuse-limits";

/**
 * Reset requests send email to an address the caller names, so they are limited per client IP
 * (one machine walking a list of addresses) and per address (one inbox flooded from many IPs),
 * burst and daily. Counted whether or not the address has an account, so the answer — a
 * refusal included — says nothing about which addresses exist.
 */
const MINUTES_15 = 900;
const DAY = 86_400;

export const PASSWORD_RESET_LIMITS = {
  ipBurst: defineLimit({
    name: "password-reset:ip:burst",
    points: 5,
    durationSeconds: MINUTES_15,
    message: "too many reset requests from this network; try again in a few minutes",
  }),
  ipDaily: defineLimit({ name: "password-reset:ip:daily", points: 30, durationSeconds: DAY, message: "too many reset requests from this network today" }),
  emailBurst: defineLimit({
    name: "password-reset:email:burst",
    points: 3,
    durationSeconds: MINUTES_15,
    message: "a reset link was sent to this address a moment ago; check your inbox or try again later",
  }),
  emailDaily: defineLimit({ name: "password-reset:email:daily", points: 10, durationSeconds: DAY, message: "too many reset requests for this address today" }),
} as const;

export function passwordResetLimitChecks(input: { ip: string; email: string }) {
  const { ipBurst, ipDaily, emailBurst, emailDaily } = PASSWORD_RESET_LIMITS;
  return [
    ...(input.ip !== "unknown"
      ? [
          { rule: ipBurst, key: input.ip },
          { rule: ipDaily, key: input.ip },
        ]
      : []),
    { rule: emailBurst, key: input.email },
    { rule: emailDaily, key: input.email },
  ];
}
