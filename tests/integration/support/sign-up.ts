import { randomInt } from "node:crypto";
import { unsafeCrossTenantDb } from "../../../src/server/db/client";
import { newEmailedToken as newSignUpToken } from "../../../src/server/crypto/emailed-token";
import { confirmSignUp, signUp } from "../../../src/server/modules/tenants/tenant.service";
import type { SignUpInput } from "../../../src/server/modules/tenants/tenant.schemas";

/** A different documentation-range address per call, so the per-IP sign-up limits stay out of the way. */
export const someIp = () => `198.18.${randomInt(0, 255)}.${randomInt(1, 255)}`;

/**
 * The emailed link of the newest pending sign-up of `email`, minted afresh (only its hash is
 * stored, and tests need not wait for the mail worker).
 */
export async function freshConfirmationToken(email: string): Promise<string> {
  const db = unsafeCrossTenantDb();
  const pending = await db.pendingSignUp.findFirstOrThrow({
    where: { email: email.trim().toLowerCase(), confirmedAt: null },
    orderBy: { createdAt: "desc" },
    select: { id: true },
  });
  const { token, tokenHash } = newSignUpToken();
  await db.pendingSignUp.update({ where: { id: pending.id }, data: { tokenHash } });
  return token;
}

/** Both sign-up steps, as a person with the mailbox would do them. */
export async function signUpAndConfirm(input: SignUpInput) {
  await signUp(input, { ip: someIp() });
  const token = await freshConfirmationToken(input.email);
  return confirmSignUp({ token, password: input.password }, { ip: someIp() });
}
