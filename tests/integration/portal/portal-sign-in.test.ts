import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { resetLimit } from "../../../src/server/abuse-limits";
import { hashEmailedToken } from "../../../src/server/crypto/emailed-token";
import { getDb, unsafeCrossTenantDb } from "../../../src/server/db/client";
import { endCustomerSession, resolveCustomerSession, PORTAL_SESSION_IDLE_MS } from "../../../src/server/modules/portal/customer-sessions";
import { joinPortal, pendingJoinEmail } from "../../../src/server/modules/portal/join-portal";
import { findPortalBrand } from "../../../src/server/modules/portal/portal-brand";
import { MAX_CODE_ATTEMPTS, redeemSignInCode, redeemSignInLink, requestPortalSignIn, SIGN_IN_TTL_MS } from "../../../src/server/modules/portal/portal-sign-in";
import { PORTAL_SIGN_IN_LIMITS } from "../../../src/server/modules/portal/portal-sign-in-limits";
import { PROGRAM_TERMS_VERSION } from "../../../src/server/modules/portal/program-terms";
import { createTenantWithMember, makeCustomer } from "../support/factories";
import { queuedMails, type QueuedMail } from "../support/queued-mail";

/** Issue 11 item 1: the customer principal — passwordless sign-in, join on first visit, portal sessions. */
let ipCounter = 0;
const freshIp = () => `203.0.113.${++ipCounter % 250}`;
const address = () => `fan-${randomUUID().slice(0, 8)}@example.test`;

async function brand(name = "Tasti D-Lite") {
  const { ctx } = await createTenantWithMember("OWNER", `${name} ${randomUUID().slice(0, 6)}`);
  const portal = await findPortalBrand(ctx.tenantSlug);
  return { ctx, scope: portal.scope };
}

async function signInMail(email: string): Promise<{ mail: QueuedMail; token: string; code: string }> {
  const [mail] = await queuedMails((m) => m.to === email);
  if (!mail) throw new Error(`no sign-in mail to ${email}`);
  const token = /\/sign-in\/([A-Za-z0-9_-]{43})/.exec(mail.text)?.[1];
  const code = /code on the sign-in page: (\d{8})/.exec(mail.text)?.[1];
  if (!token || !code) throw new Error("no link or code in the mail");
  return { mail, token, code };
}

describe("portal sign-in", () => {
  it("emails a link and a code to any address, stored only as hashes, with the same answer for strangers", async () => {
    const { ctx, scope } = await brand();
    const known = address();
    await makeCustomer(ctx, { emails: [known] });
    const stranger = address();
    await expect(requestPortalSignIn(scope, { email: known.toUpperCase() }, { ip: freshIp() })).resolves.toBeUndefined();
    await expect(requestPortalSignIn(scope, { email: stranger }, { ip: freshIp() })).resolves.toBeUndefined();

    for (const email of [known, stranger]) {
      const { mail, token, code } = await signInMail(email);
      expect(mail.subject).toContain("Tasti D-Lite");
      expect(mail.text).toContain(`/r/${ctx.tenantSlug}/sign-in/${token}`);
      // Both are secrets: the job in Redis holds them sealed only.
      expect(mail.clearBody).not.toContain(token);
      expect(mail.clearBody).not.toContain(code);
      const rows = await getDb().customerSignIn.findMany({ where: { tenantId: ctx.tenantId, email } });
      expect(rows).toHaveLength(1);
      expect(rows[0]!.tokenHash).toBe(hashEmailedToken(token));
      expect(JSON.stringify(rows)).not.toContain(token);
      expect(JSON.stringify(rows)).not.toMatch(new RegExp(`"${code}"`));
      expect(rows[0]!.expiresAt.getTime() - rows[0]!.createdAt.getTime()).toBe(SIGN_IN_TTL_MS);
    }
  });

  it("a link signs an existing customer in once; a second use, an expired link and another brand's link are refused", async () => {
    const { ctx, scope } = await brand();
    const { scope: otherScope } = await brand("Other");
    const email = address();
    const customer = await makeCustomer(ctx, { emails: [email] });
    await requestPortalSignIn(scope, { email }, { ip: freshIp() });
    const { token } = await signInMail(email);

    await expect(redeemSignInLink(otherScope, token)).rejects.toMatchObject({ code: "NOT_FOUND" });
    const outcome = await redeemSignInLink(scope, token);
    expect(outcome.kind).toBe("signed-in");
    if (outcome.kind !== "signed-in") return;
    const cctx = await resolveCustomerSession(scope, outcome.session.token);
    expect(cctx).toMatchObject({ tenantId: ctx.tenantId, customerId: customer.id, actor: { type: "CUSTOMER", id: customer.id } });
    // The session is this brand's only: the same token means nothing in another portal.
    expect(await resolveCustomerSession(otherScope, outcome.session.token)).toBeNull();
    await expect(redeemSignInLink(scope, token)).rejects.toMatchObject({ code: "NOT_FOUND", message: expect.stringMatching(/expired or was already used/) });

    await requestPortalSignIn(scope, { email }, { ip: freshIp() });
    const mails = await queuedMails((m) => m.to === email);
    const late = /\/sign-in\/([A-Za-z0-9_-]{43})/.exec(mails.find((m) => !m.text.includes(token))!.text)![1]!;
    await expect(redeemSignInLink(scope, late, new Date(Date.now() + SIGN_IN_TTL_MS + 1000))).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("two clicks on the same link at once make one session", async () => {
    const { ctx, scope } = await brand();
    const email = address();
    await makeCustomer(ctx, { emails: [email] });
    await requestPortalSignIn(scope, { email }, { ip: freshIp() });
    const { token } = await signInMail(email);
    const results = await Promise.allSettled([redeemSignInLink(scope, token), redeemSignInLink(scope, token), redeemSignInLink(scope, token)]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await getDb().customerSession.count({ where: { tenantId: ctx.tenantId } })).toBe(1);
  });

  it("a code signs in; wrong guesses count against every live email of the address and end them after the limit", async () => {
    const { ctx, scope } = await brand();
    const email = address();
    const customer = await makeCustomer(ctx, { emails: [email] });
    await requestPortalSignIn(scope, { email }, { ip: freshIp() });
    const { code } = await signInMail(email);
    const wrong = code === "00000000" ? "11111111" : "00000000";

    await expect(redeemSignInCode(scope, { email, code: wrong }, { ip: freshIp() })).rejects.toMatchObject({ code: "VALIDATION_FAILED" });
    const outcome = await redeemSignInCode(scope, { email: email.toUpperCase(), code: `${code.slice(0, 4)} ${code.slice(4)}` }, { ip: freshIp() });
    expect(outcome).toMatchObject({ kind: "signed-in" });
    if (outcome.kind === "signed-in") expect((await resolveCustomerSession(scope, outcome.session.token))?.customerId).toBe(customer.id);
    await expect(redeemSignInCode(scope, { email, code }, { ip: freshIp() })).rejects.toMatchObject({ code: "VALIDATION_FAILED" });

    // A fresh email, then guesses until the limit: the right code no longer works after it.
    await requestPortalSignIn(scope, { email }, { ip: freshIp() });
    const fresh = (await queuedMails((m) => m.to === email)).map((m) => /code on the sign-in page: (\d{8})/.exec(m.text)![1]!).find((c) => c !== code)!;
    const miss = fresh === "22222222" ? "33333333" : "22222222";
    for (let i = 0; i < MAX_CODE_ATTEMPTS; i++) {
      await expect(redeemSignInCode(scope, { email, code: miss }, { ip: freshIp() })).rejects.toMatchObject({ code: "VALIDATION_FAILED" });
    }
    await expect(redeemSignInCode(scope, { email, code: fresh }, { ip: freshIp() })).rejects.toMatchObject({ code: "VALIDATION_FAILED" });
    expect(await getDb().customerSession.count({ where: { tenantId: ctx.tenantId, customerId: customer.id } })).toBe(1);
  });

  it("a new address joins once the terms are accepted: customer, email, consent with the terms version, audit, session", async () => {
    const { ctx, scope } = await brand();
    const email = address();
    await requestPortalSignIn(scope, { email }, { ip: freshIp() });
    const { token } = await signInMail(email);
    const outcome = await redeemSignInLink(scope, token);
    expect(outcome).toMatchObject({ kind: "join", email });
    if (outcome.kind !== "join") return;
    expect(await getDb().customerEmail.count({ where: { tenantId: ctx.tenantId, email } })).toBe(0);
    expect(await pendingJoinEmail(scope, outcome.joinToken)).toBe(email);

    await expect(joinPortal(scope, outcome.joinToken, { displayName: "Ann", acceptTerms: false as unknown as true }, { ip: "203.0.113.9" })).rejects.toThrow();
    await expect(joinPortal(scope, outcome.joinToken, { displayName: "  ", acceptTerms: true }, { ip: "203.0.113.9" })).rejects.toThrow();
    const session = await joinPortal(scope, outcome.joinToken, { displayName: "Ann <b>Lee</b>", acceptTerms: true }, { ip: "203.0.113.9" });
    const cctx = await resolveCustomerSession(scope, session.token);
    const customer = await getDb().customer.findUniqueOrThrow({
      where: { tenantId_id: { tenantId: ctx.tenantId, id: cctx!.customerId } },
      include: { emails: true, consents: true },
    });
    expect(customer.displayName).toBe("Ann <b>Lee</b>");
    expect(customer.emails.map((e) => [e.email, e.isPrimary])).toEqual([[email, true]]);
    expect(customer.consents).toMatchObject([
      { scopes: ["rewards-program"], policyVersion: PROGRAM_TERMS_VERSION, allowPosting: false, ipAddress: "203.0.113.9" },
    ]);
    const audit = await getDb().auditLog.findFirst({ where: { tenantId: ctx.tenantId, action: "customer.joined_portal" } });
    expect(audit).toMatchObject({ actorType: "CUSTOMER", actorId: customer.id, targetId: customer.id });

    // The join token is spent: a replay makes no second customer.
    await expect(joinPortal(scope, outcome.joinToken, { displayName: "Ann again", acceptTerms: true }, { ip: "203.0.113.9" })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    expect(await getDb().customer.count({ where: { tenantId: ctx.tenantId } })).toBe(1);
  });

  it("any of a customer's emails signs them in; a merged customer signs in as the survivor; an erased one starts afresh", async () => {
    const { ctx, scope } = await brand();
    const [first, second, merged] = [address(), address(), address()];
    const survivor = await makeCustomer(ctx, { emails: [first, second] });
    const gone = await makeCustomer(ctx, { emails: [merged] });
    await unsafeCrossTenantDb().customer.update({ where: { tenantId_id: { tenantId: ctx.tenantId, id: gone.id } }, data: { mergedIntoId: survivor.id } });

    for (const email of [second, merged]) {
      await requestPortalSignIn(scope, { email }, { ip: freshIp() });
      const outcome = await redeemSignInLink(scope, (await signInMail(email)).token);
      expect(outcome.kind).toBe("signed-in");
      if (outcome.kind === "signed-in") expect((await resolveCustomerSession(scope, outcome.session.token))?.customerId).toBe(survivor.id);
    }
  });

  it("sessions end on sign-out for every copy, after idling, and when the customer is erased", async () => {
    const { ctx, scope } = await brand();
    const email = address();
    const customer = await makeCustomer(ctx, { emails: [email] });
    const signIn = async () => {
      await requestPortalSignIn(scope, { email }, { ip: freshIp() });
      const mails = await queuedMails((m) => m.to === email);
      const tokens = mails.map((m) => /\/sign-in\/([A-Za-z0-9_-]{43})/.exec(m.text)![1]!);
      for (const token of tokens) {
        const outcome = await redeemSignInLink(scope, token).catch(() => null);
        if (outcome?.kind === "signed-in") return outcome.session.token;
      }
      throw new Error("no usable link");
    };
    const a = await signIn();
    await endCustomerSession(scope, a);
    expect(await resolveCustomerSession(scope, a)).toBeNull();

    const b = await signIn();
    expect(await resolveCustomerSession(scope, b, new Date(Date.now() + PORTAL_SESSION_IDLE_MS + 60_000))).toBeNull();
    expect(await resolveCustomerSession(scope, b)).toBeNull(); // ended, not merely skipped

    const c = await signIn();
    await unsafeCrossTenantDb().customer.update({ where: { tenantId_id: { tenantId: ctx.tenantId, id: customer.id } }, data: { erasedAt: new Date() } });
    expect(await resolveCustomerSession(scope, c)).toBeNull();
    expect(await getDb().customerSession.count({ where: { tenantId: ctx.tenantId, endedAt: null } })).toBe(0);
  });

  it("limits requests per address and guesses per network", async () => {
    const { scope } = await brand();
    const email = address();
    const ip = "198.18.0.77";
    for (let i = 0; i < PORTAL_SIGN_IN_LIMITS.emailBurst.points; i++) await requestPortalSignIn(scope, { email }, { ip: freshIp() });
    await expect(requestPortalSignIn(scope, { email }, { ip: freshIp() })).rejects.toMatchObject({ code: "RATE_LIMITED" });
    // Another brand's portal counts its own customers' addresses.
    const { scope: other } = await brand("Other");
    await expect(requestPortalSignIn(other, { email }, { ip: freshIp() })).resolves.toBeUndefined();

    await resetLimit(PORTAL_SIGN_IN_LIMITS.codeGuessIp, ip);
    for (let i = 0; i < PORTAL_SIGN_IN_LIMITS.codeGuessIp.points; i++) {
      await expect(redeemSignInCode(scope, { email: address(), code: "12345678" }, { ip })).rejects.toMatchObject({ code: "VALIDATION_FAILED" });
    }
    await expect(redeemSignInCode(scope, { email: address(), code: "12345678" }, { ip })).rejects.toMatchObject({ code: "RATE_LIMITED" });
    await resetLimit(PORTAL_SIGN_IN_LIMITS.codeGuessIp, ip);
  });
});
