"use server";

import { redirect } from "next/navigation";
import { clearPortalSessionCookie } from "@/server/http/portal-cookies";
import { customerAction } from "@/server/http/portal-action";
import { formText } from "@/server/http/tenant-action";
import { setMyNotificationPreferences } from "@/server/modules/notifications/notification-preferences";
import { ZNotificationPreferences } from "@/server/modules/notifications/notification.schemas";
import { eraseMe, ZEraseMe } from "@/server/modules/portal/erase-me";

export const eraseMeAction = customerAction(
  { schema: ZEraseMe, fromForm: (form) => ({ confirm: formText(form, "confirm") ?? "" }) },
  async ({ brand, cctx }, input) => {
    await eraseMe(cctx, input);
    await clearPortalSessionCookie(brand.scope.tenantSlug);
    redirect(`/r/${brand.scope.tenantSlug}?erased=1`);
  },
);

/** An unchecked box sends nothing, so absence means off. */
export const saveNotificationPrefsAction = customerAction(
  {
    schema: ZNotificationPreferences,
    fromForm: (form) => ({ digest: formText(form, "digest") === "on", affordable: formText(form, "affordable") === "on", cap: formText(form, "cap") === "on" }),
  },
  async ({ cctx }, input) => {
    await setMyNotificationPreferences(cctx, input);
  },
);
