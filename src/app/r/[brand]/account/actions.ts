"use server";

import { redirect } from "next/navigation";
import { clearPortalSessionCookie } from "@/server/http/portal-cookies";
import { customerAction } from "@/server/http/portal-action";
import { formText } from "@/server/http/tenant-action";
import { eraseMe, ZEraseMe } from "@/server/modules/portal/erase-me";

export const eraseMeAction = customerAction(
  { schema: ZEraseMe, fromForm: (form) => ({ confirm: formText(form, "confirm") ?? "" }) },
  async ({ brand, cctx }, input) => {
    await eraseMe(cctx, input);
    await clearPortalSessionCookie(brand.scope.tenantSlug);
    redirect(`/r/${brand.scope.tenantSlug}?erased=1`);
  },
);
