"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { customerAction } from "@/server/http/portal-action";
import { readPortalSessionToken } from "@/server/http/portal-cookies";
import { appUrl } from "@/server/http/portal-route";
import { formText } from "@/server/http/tenant-action";
import { AppError } from "@/server/errors";
import { ZAutoSharing, ZProfileId, ZStartAccountLink } from "@/server/modules/portal/accounts/accounts.schemas";
import { startAccountLink } from "@/server/modules/portal/accounts/link-attempts";
import { accountsCallbackUrl } from "@/server/modules/portal/accounts/link-urls";
import { setAutoSharing } from "@/server/modules/portal/accounts/sharing-preference";
import { unlinkMyAccount } from "@/server/modules/portal/accounts/unlink-account";

/** The consent step's "Continue to <network>": keeps state and verifier server-side, then leaves for the network. */
export const startLinkAction = customerAction(
  {
    schema: ZStartAccountLink,
    fromForm: (form) => ({ network: formText(form, "network") ?? "", allowPosting: form.get("allowPosting") === "on" }),
  },
  async ({ brand, cctx }, input) => {
    const token = await readPortalSessionToken();
    if (!token) throw new AppError("UNAUTHENTICATED", "your session has ended; sign in again");
    const { url } = await startAccountLink(cctx, input, { token, redirectUri: accountsCallbackUrl(brand.scope.tenantSlug, appUrl) });
    redirect(url);
  },
);

/** How each unlink outcome at the network reaches the accounts page, which words it. */
const UNLINKED = { revoked: "revoked", failed: "local", "not-offered": "deleted" } as const;

/** Back to the accounts page, which words the outcome (the unlinked account is no longer listed there). */
export const unlinkAccountAction = customerAction(
  { schema: ZProfileId, fromForm: (form) => ({ profileId: formText(form, "profileId") ?? "" }) },
  async ({ brand, cctx }, input) => {
    const outcome = await unlinkMyAccount(cctx, input);
    revalidatePath(`/r/${brand.scope.tenantSlug}/accounts`);
    redirect(`/r/${brand.scope.tenantSlug}/accounts?unlinked=${UNLINKED[outcome.atNetwork]}`);
  },
);

export const autoSharingAction = customerAction(
  { schema: ZAutoSharing, fromForm: (form) => ({ profileId: formText(form, "profileId") ?? "", on: formText(form, "on") === "true" }) },
  async ({ brand, cctx }, input) => {
    const outcome = await setAutoSharing(cctx, input);
    revalidatePath(`/r/${brand.scope.tenantSlug}/accounts`);
    if (outcome.status === "reconnect") {
      return { status: "error", message: "Posting was not allowed when this account was connected. Connect it again and tick “may post”.", fieldErrors: {} };
    }
    return { status: "ok", message: outcome.on ? "Auto-sharing is on for this account." : "Auto-sharing is off for this account." };
  },
);
