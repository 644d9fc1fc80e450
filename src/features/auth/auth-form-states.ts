import type { ActionState } from "@/server/http/action-state";

/** What the sign-up action answers: the form shows "check your email" instead of a redirect. */
export type SignUpState = ActionState | { status: "check-email"; email: string };

/** What confirming a sign-up answers: the form then signs the new owner in and opens the brand. */
export type ConfirmSignUpState = ActionState | { status: "created"; tenantSlug: string; email: string };

/** What a password reset answers: the form then offers to sign in with the new password. */
export type ResetState = ActionState | { status: "reset"; email: string };
