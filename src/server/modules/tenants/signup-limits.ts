import { defineLimit } from "../../abuse-limits";

/** Sign-ups per client IP: a burst allowance and a daily one. */
export const SIGNUP_IP_BURST = defineLimit({
  name: "signup:ip:burst",
  points: 5,
  durationSeconds: 600,
  message: "too many sign-ups from this network; try again in a few minutes",
});
export const SIGNUP_IP_DAY = defineLimit({
  name: "signup:ip:day",
  points: 20,
  durationSeconds: 86_400,
  message: "too many sign-ups from this network today; try again tomorrow",
});
/**
 * Sign-ups naming one email address per day, whether or not it has an account (so the refusal
 * tells nothing): bounds the mail anyone can make us send to one inbox.
 */
export const SIGNUP_EMAIL_DAY = defineLimit({
  name: "signup:email:day",
  points: 5,
  durationSeconds: 86_400,
  message: "too many sign-ups for this email address today; check your inbox or try again tomorrow",
});
/** The "someone tried to sign up with your address" notice: at most one an hour per account. */
export const SIGNUP_EXISTING_NOTICE = defineLimit({
  name: "signup:existing-notice",
  points: 1,
  durationSeconds: 3_600,
  message: "notice already sent",
});
/** Confirmation attempts (each checks a password) per client IP. */
export const SIGNUP_CONFIRM_IP = defineLimit({
  name: "signup:confirm:ip",
  points: 20,
  durationSeconds: 600,
  message: "too many attempts from this network; try again in a few minutes",
});
