import type { TenantScope } from "../../auth/tenant-context";
import { consumeLimits } from "../../abuse-limits";
import { hashEmailedToken, newEmailedToken } from "../../crypto/emailed-token";
import { getDb, type DbTx } from "../../db/client";
import { getEnv } from "../../env";
import { AppError } from "../../errors";
import { queueMail } from "../mail/mail.service";
import { portalSignInMail } from "../mail/templates/portal-mail";
import { startCustomerSession, type IssuedSession } from "./customer-sessions";
import { findSignedInCustomer } from "./find-signed-in-customer";
import { ZPortalEmail, ZPortalToken, ZSignInCode, type PortalEmailInput, type SignInCodeInput } from "./portal.schemas";
import { codeGuessLimitChecks, signInRequestLimitChecks } from "./portal-sign-in-limits";
import { hashSignInCode, newSignInCode, signInCodeMatches } from "./sign-in-secrets";

export const SIGN_IN_TTL_MS = 15 * 60 * 1000;
export const MAX_CODE_ATTEMPTS = 5;

/** A verified address: a session for its customer, or (no customer yet) a token for the join page. */
export type SignInOutcome = { kind: "signed-in"; session: IssuedSession } | { kind: "join"; joinToken: string; email: string };

const LINK_GONE = () => new AppError("NOT_FOUND", "this sign-in link has expired or was already used; ask for a new one");
const CODE_WRONG = () => new AppError("VALIDATION_FAILED", "that code is not right or has expired; check the newest email or ask for a new code");

/**
 * Emails a single-use sign-in link and code to the address, whether or not it belongs to a
 * customer yet (the answer is the same either way, so the form tells nobody who is a customer).
 * Earlier emails stay valid until they expire, so a slow first email still works.
 */
export async function requestPortalSignIn(scope: TenantScope, raw: PortalEmailInput, source: { ip: string }, now: Date = new Date()): Promise<void> {
  const { email } = ZPortalEmail.parse(raw);
  await consumeLimits(signInRequestLimitChecks(scope, { ip: source.ip, email }));
  const brand = await getDb().tenant.findUnique({ where: { id: scope.tenantId }, select: { name: true, brandColor: true } });
  if (!brand) throw AppError.notFound("brand");
  const { token, tokenHash } = newEmailedToken();
  const code = newSignInCode();
  const row = await getDb().$transaction(async (tx) => {
    const created = await tx.customerSignIn.create({
      data: {
        tenantId: scope.tenantId,
        email,
        tokenHash,
        codeHash: "",
        expiresAt: new Date(now.getTime() + SIGN_IN_TTL_MS),
        ipAddress: source.ip,
        createdAt: now,
      },
      select: { id: true },
    });
    // The code's hash is bound to the row's id, which the database chose.
    await tx.customerSignIn.updateMany({ where: { tenantId: scope.tenantId, id: created.id }, data: { codeHash: hashSignInCode(created.id, code) } });
    return created;
  });
  const link = new URL(`/r/${scope.tenantSlug}/sign-in/${token}`, getEnv().APP_URL).toString();
  await queueMail({
    to: email,
    ...portalSignInMail({ brand: { name: brand.name, colour: brand.brandColor }, link, code }),
    dedupeKey: `portal-sign-in:${row.id}`,
    secrets: [link, code],
  });
}

/** The emailed link, used once (a second click, a mail scanner's replay or a twin tab finds it spent). */
export async function redeemSignInLink(scope: TenantScope, token: string, now: Date = new Date()): Promise<SignInOutcome> {
  if (!ZPortalToken.safeParse(token).success) throw LINK_GONE();
  return getDb().$transaction(async (tx) => {
    const row = await tx.customerSignIn.findUnique({
      where: { tenantId_tokenHash: { tenantId: scope.tenantId, tokenHash: hashEmailedToken(token) } },
      select: { id: true, email: true, usedAt: true, expiresAt: true },
    });
    if (!row || row.usedAt || row.expiresAt <= now) throw LINK_GONE();
    if (!(await spend(tx, scope, row.id, now))) throw LINK_GONE();
    return completeSignIn(tx, scope, row, now);
  });
}

/**
 * The emailed code, typed with the address. Every live email for the address is tried, and each
 * wrong guess counts against all of them, so more emails never mean more guesses.
 */
export async function redeemSignInCode(scope: TenantScope, raw: SignInCodeInput, source: { ip: string }, now: Date = new Date()): Promise<SignInOutcome> {
  const { email, code } = ZSignInCode.parse(raw);
  await consumeLimits(codeGuessLimitChecks(source));
  return getDb()
    .$transaction(async (tx) => {
      // Locked, so concurrent guesses are counted one after another.
      const live = await tx.$queryRaw<{ id: string; email: string; codeHash: string }[]>`
      SELECT id, email, "codeHash" FROM "CustomerSignIn"
      WHERE "tenantId" = ${scope.tenantId} AND email = ${email} AND "usedAt" IS NULL AND "expiresAt" > ${now}
        AND "codeAttempts" < ${MAX_CODE_ATTEMPTS}
      ORDER BY "createdAt" DESC
      FOR UPDATE`;
      const match = live.find((row) => signInCodeMatches(row.id, code, row.codeHash));
      if (!match) {
        if (live.length > 0) {
          await tx.customerSignIn.updateMany({
            where: { tenantId: scope.tenantId, id: { in: live.map((row) => row.id) } },
            data: { codeAttempts: { increment: 1 } },
          });
        }
        return { kind: "wrong" } as const;
      }
      if (!(await spend(tx, scope, match.id, now))) return { kind: "wrong" } as const;
      return completeSignIn(tx, scope, match, now);
    })
    .then((outcome) => {
      // Thrown after the transaction so the counted guess is kept.
      if (outcome.kind === "wrong") throw CODE_WRONG();
      return outcome;
    });
}

async function spend(tx: DbTx, scope: TenantScope, signInId: string, now: Date): Promise<boolean> {
  const { count } = await tx.customerSignIn.updateMany({ where: { tenantId: scope.tenantId, id: signInId, usedAt: null }, data: { usedAt: now } });
  return count === 1;
}

async function completeSignIn(tx: DbTx, scope: TenantScope, row: { id: string; email: string }, now: Date): Promise<SignInOutcome> {
  const customerId = await findSignedInCustomer(tx, scope, row.email);
  if (customerId) return { kind: "signed-in", session: await startCustomerSession(tx, scope, customerId, now) };
  const { token, tokenHash } = newEmailedToken();
  await tx.customerSignIn.updateMany({ where: { tenantId: scope.tenantId, id: row.id }, data: { joinTokenHash: tokenHash } });
  return { kind: "join", joinToken: token, email: row.email };
}
