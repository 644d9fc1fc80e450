"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { appUrl } from "@/server/http/portal-route";
import { formText, tenantAction } from "@/server/http/tenant-action";
import { ZBrandAccountForm } from "@/server/modules/brand-accounts/brand-account.schemas";
import { disconnectBrandAccount } from "@/server/modules/brand-accounts/brand-accounts";
import { brandConnectCallbackUrl } from "@/server/modules/brand-accounts/brand-connect-urls";
import { startBrandConnect } from "@/server/modules/brand-accounts/connect-brand-account";

/** "Connect X": keeps state and verifier server-side, then leaves for X's consent page. */
export const connectBrandAccountAction = tenantAction(
  { permission: "settings:write", schema: ZBrandAccountForm, fromForm: (form) => ({ network: formText(form, "network") }) },
  async (ctx, input) => {
    const { url } = await startBrandConnect(ctx, input, { redirectUri: brandConnectCallbackUrl(ctx.tenantSlug, appUrl) });
    redirect(url);
  },
);

export const disconnectBrandAccountAction = tenantAction(
  { permission: "settings:write", schema: ZBrandAccountForm, fromForm: (form) => ({ network: formText(form, "network") }) },
  async (ctx, input) => {
    const { revokedAtNetwork } = await disconnectBrandAccount(ctx, input);
    revalidatePath(`/t/${ctx.tenantSlug}/settings/channels`);
    return {
      status: "ok",
      message: revokedAtNetwork
        ? "Disconnected, and the access was revoked at X."
        : "Disconnected. X could not be reached to revoke the access: revoke it in X's settings.",
    };
  },
);
