import { z } from "zod";
import { SIGN_IN_CODE_DIGITS } from "./sign-in-secrets";

/** The same normal form customer emails are stored in (trimmed, lower-case). */
export const ZPortalEmail = z.object({
  email: z
    .string()
    .trim()
    .toLowerCase()
    .pipe(z.email({ error: "enter a valid email address" }).max(254)),
});

export const ZSignInCode = z.object({
  email: ZPortalEmail.shape.email,
  // People paste codes with spaces or dashes; only the digits count.
  code: z
    .string()
    .transform((value) => value.replace(/[\s-]/g, ""))
    .pipe(z.string().regex(new RegExp(`^\\d{${SIGN_IN_CODE_DIGITS}}$`), { error: `the code is ${SIGN_IN_CODE_DIGITS} digits` })),
});

/** Emailed link and join tokens: base64url of 32 random bytes. */
export const ZPortalToken = z.string().regex(/^[A-Za-z0-9_-]{43}$/);

export const ZJoinPortal = z.object({
  displayName: z.string().trim().min(1, { error: "tell us what to call you" }).max(80, { error: "keep it under 80 characters" }),
  acceptTerms: z.literal(true, { error: "accept the program terms to join" }),
});

export type PortalEmailInput = z.input<typeof ZPortalEmail>;
export type SignInCodeInput = z.input<typeof ZSignInCode>;
export type JoinPortalInput = z.input<typeof ZJoinPortal>;

/** A page cursor of the customer's ledger: an entry id. Anything else reads as the first page. */
export const ZLedgerCursor = z.string().regex(/^[a-z]{2,5}_[A-Za-z0-9]{1,64}$/);
