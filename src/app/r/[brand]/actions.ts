"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { clientIp } from "@/server/http/client-ip";
import {
  clearJoinCookie,
  clearPortalSessionCookie,
  readJoinToken,
  readPortalSessionToken,
  setJoinCookie,
  setPortalSessionCookie,
} from "@/server/http/portal-cookies";
import { portalAction } from "@/server/http/portal-action";
import { portalReturnPath } from "@/server/http/require-customer";
import { formText } from "@/server/http/tenant-action";
import { endCustomerSession } from "@/server/modules/portal/customer-sessions";
import { JOIN_TTL_MS, joinPortal } from "@/server/modules/portal/join-portal";
import type { PortalBrand } from "@/server/modules/portal/portal-brand";
import { redeemSignInCode, redeemSignInLink, requestPortalSignIn, type SignInOutcome } from "@/server/modules/portal/portal-sign-in";
import { ZJoinPortal, ZPortalEmail, ZSignInCode } from "@/server/modules/portal/portal.schemas";

/** The same answer whether or not the address is a customer: the email is the only signal. */
const SENT = "Check your email: we sent a sign-in link and a code. They work once, for 15 minutes.";

export const requestSignInAction = portalAction(
  { schema: ZPortalEmail, fromForm: (form) => ({ email: formText(form, "email") ?? "" }) },
  async (brand, input) => {
    await requestPortalSignIn(brand.scope, input, { ip: clientIp(await headers()) });
    return { status: "ok", message: SENT };
  },
);

export const signInWithCodeAction = portalAction(
  { schema: ZSignInCode, fromForm: (form) => ({ email: formText(form, "email") ?? "", code: formText(form, "code") ?? "" }) },
  async (brand, input, form) => {
    const outcome = await redeemSignInCode(brand.scope, input, { ip: clientIp(await headers()) });
    await finishSignIn(brand, outcome, formText(form, "next"));
  },
);

export const signInWithLinkAction = portalAction(
  { schema: z.object({ token: z.string().max(100) }), fromForm: (form) => ({ token: formText(form, "token") ?? "" }) },
  async (brand, input) => {
    await finishSignIn(brand, await redeemSignInLink(brand.scope, input.token), undefined);
  },
);

export const joinAction = portalAction(
  { schema: ZJoinPortal, fromForm: (form) => ({ displayName: formText(form, "displayName") ?? "", acceptTerms: form.get("acceptTerms") === "on" }) },
  async (brand, input, form) => {
    const session = await joinPortal(brand.scope, (await readJoinToken()) ?? "", input, { ip: clientIp(await headers()) });
    await clearJoinCookie(brand.scope.tenantSlug);
    await setPortalSessionCookie(brand.scope.tenantSlug, session);
    redirect(portalReturnPath(brand.scope.tenantSlug, formText(form, "next")));
  },
);

/** Works with or without a live session: whatever this browser holds is ended and dropped. */
export const signOutOfPortalAction = portalAction({ schema: z.object({}), fromForm: () => ({}) }, async (brand) => {
  const token = await readPortalSessionToken();
  if (token) await endCustomerSession(brand.scope, token);
  await clearPortalSessionCookie(brand.scope.tenantSlug);
  redirect(`/r/${brand.scope.tenantSlug}`);
});

async function finishSignIn(brand: PortalBrand, outcome: SignInOutcome, next: string | undefined): Promise<never> {
  const slug = brand.scope.tenantSlug;
  const destination = portalReturnPath(slug, next);
  if (outcome.kind === "join") {
    await setJoinCookie(slug, outcome.joinToken, new Date(Date.now() + JOIN_TTL_MS));
    redirect(`/r/${slug}/join?next=${encodeURIComponent(destination)}`);
  }
  await clearJoinCookie(slug);
  await setPortalSessionCookie(slug, outcome.session);
  redirect(destination);
}
