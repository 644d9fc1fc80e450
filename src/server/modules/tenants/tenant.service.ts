import { randomUUID } from "node:crypto";
import { consumeLimits } from "../../abuse-limits";
import { hashPassword, verifyPassword } from "../../auth/password";
import { unsafeCrossTenantDb } from "../../db/client";
import { isUniqueViolation } from "../../db/prisma-errors";
import { AppError, isAppError } from "../../errors";
import { sendExistingAccountNotice, sendSignUpConfirmation } from "./signup-mail";
import { SIGNUP_CONFIRM_IP, SIGNUP_EMAIL_DAY, SIGNUP_EXISTING_NOTICE, SIGNUP_IP_BURST, SIGNUP_IP_DAY } from "./signup-limits";
import { hashEmailedToken as hashSignUpToken, newEmailedToken as newSignUpToken } from "../../crypto/emailed-token";
import { SIGNUP_CONFIRM_TTL_MS } from "./signup-token";
import { ZConfirmSignUp, ZSignUp, type ConfirmSignUpInput, type SignUpInput } from "./tenant.schemas";

export function slugify(name: string): string {
  const slug = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40)
    .replace(/-+$/g, "");
  return slug.length >= 2 ? slug : `brand-${slug}`;
}

/** Where a request came from, for the per-IP limits (clientIp(); "unknown" when not known). */
export interface RequestMeta {
  ip: string;
}

/** What the visitor is told after a sign-up request: the same whether or not the email has an account. */
export interface SignUpRequested {
  status: "check-email";
  email: string;
}

/**
 * Sign-up, step 1. Creates NOTHING that can sign in: a fresh address gets a pending sign-up and
 * a confirmation link; an address that already has an account gets a notice instead ("someone
 * tried to sign up with your address"), and nothing is stored. The visitor gets the same answer
 * either way, after the same work (limits, one Argon2 hash, one lookup, one queued mail), so the
 * form cannot be used to learn who has an account, nor to sign in as anyone.
 */
export async function signUp(raw: SignUpInput, meta: RequestMeta): Promise<SignUpRequested> {
  const input = ZSignUp.parse(raw);
  await consumeLimits([
    { rule: SIGNUP_IP_BURST, key: meta.ip },
    { rule: SIGNUP_IP_DAY, key: meta.ip },
    { rule: SIGNUP_EMAIL_DAY, key: input.email },
  ]);
  const db = unsafeCrossTenantDb();
  const passwordHash = await hashPassword(input.password);
  const existing = await db.user.findUnique({ where: { email: input.email }, select: { id: true, email: true } });
  if (existing) {
    if (await noticeAllowed(existing.id)) {
      await sendExistingAccountNotice({ userId: existing.id, email: existing.email, attemptId: randomUUID() });
    }
  } else {
    const { token, tokenHash } = newSignUpToken();
    const pending = await db.pendingSignUp.create({
      data: {
        email: input.email,
        name: input.name,
        companyName: input.companyName,
        passwordHash,
        tokenHash,
        expiresAt: new Date(Date.now() + SIGNUP_CONFIRM_TTL_MS),
      },
      select: { id: true },
    });
    await sendSignUpConfirmation({ pendingId: pending.id, email: input.email, token });
  }
  return { status: "check-email", email: input.email };
}

async function noticeAllowed(userId: string): Promise<boolean> {
  try {
    await consumeLimits([{ rule: SIGNUP_EXISTING_NOTICE, key: userId }]);
    return true;
  } catch (error) {
    if (isAppError(error) && error.code === "RATE_LIMITED") return false;
    throw error;
  }
}

const linkInvalid = () => new AppError("NOT_FOUND", "this confirmation link is no longer valid; sign up again");

async function findPending(token: string) {
  const pending = await unsafeCrossTenantDb().pendingSignUp.findUnique({
    where: { tokenHash: hashSignUpToken(token) },
    select: { id: true, email: true, name: true, companyName: true, passwordHash: true, expiresAt: true, confirmedAt: true },
  });
  if (!pending || pending.confirmedAt || pending.expiresAt <= new Date()) throw linkInvalid();
  return pending;
}

/** What the confirmation page shows the holder of an emailed link. */
export async function previewSignUp(token: string): Promise<{ email: string; companyName: string }> {
  const pending = await findPending(token);
  return { email: pending.email, companyName: pending.companyName };
}

/**
 * Sign-up, step 2: the holder of the emailed link, who also knows the password chosen at step 1,
 * gets the account, the brand (tenant) and its OWNER membership, in one transaction. The link
 * works once. Both proofs are asked for: the link alone (a mail scanner, the real owner of an
 * address someone else typed) must not create an account whose password a stranger chose.
 */
export async function confirmSignUp(
  raw: ConfirmSignUpInput,
  meta: RequestMeta,
): Promise<{ userId: string; tenantId: string; tenantSlug: string; email: string }> {
  const input = ZConfirmSignUp.parse(raw);
  await consumeLimits([{ rule: SIGNUP_CONFIRM_IP, key: meta.ip }]);
  const pending = await findPending(input.token);
  if (!(await verifyPassword(pending.passwordHash, input.password))) {
    throw new AppError("UNAUTHENTICATED", "that is not the password you chose when signing up", {
      issues: [{ path: "password", message: "not the password you chose when signing up" }],
    });
  }
  const db = unsafeCrossTenantDb();
  try {
    const created = await db.$transaction(async (tx) => {
      const claimed = await tx.pendingSignUp.updateMany({ where: { id: pending.id, confirmedAt: null }, data: { confirmedAt: new Date() } });
      if (claimed.count !== 1) throw linkInvalid();
      return createAccount(tx, pending);
    });
    return { ...created, email: pending.email };
  } catch (error) {
    if (isUniqueViolation(error, ["email"])) throw accountExists();
    throw error;
  }
}

const accountExists = () =>
  // Only the owner of the address reaches this (they hold the emailed link): no leak.
  new AppError("CONFLICT", "an account with this email already exists; sign in instead");

type CrossTenantTx = Parameters<Parameters<ReturnType<typeof unsafeCrossTenantDb>["$transaction"]>[0]>[0];

async function createAccount(tx: CrossTenantTx, input: { email: string; name: string; companyName: string; passwordHash: string }) {
  const existing = await tx.user.findUnique({ where: { email: input.email }, select: { id: true } });
  if (existing) throw accountExists();
  const base = slugify(input.companyName);
  const taken = await tx.tenant.findMany({ where: { slug: { startsWith: base } }, select: { slug: true } });
  const slugs = new Set(taken.map((t) => t.slug));
  let slug = base;
  for (let n = 2; slugs.has(slug); n++) slug = `${base}-${n}`;
  const user = await tx.user.create({ data: { email: input.email, name: input.name, passwordHash: input.passwordHash } });
  const tenant = await tx.tenant.create({ data: { slug, name: input.companyName } });
  await tx.membership.create({ data: { tenantId: tenant.id, userId: user.id, role: "OWNER" } });
  await tx.user.update({ where: { id: user.id }, data: { lastTenantId: tenant.id } });
  await tx.auditLog.create({
    data: { tenantId: tenant.id, actorType: "USER", actorId: user.id, action: "tenant.created", targetType: "Tenant", targetId: tenant.id },
  });
  return { userId: user.id, tenantId: tenant.id, tenantSlug: slug };
}
