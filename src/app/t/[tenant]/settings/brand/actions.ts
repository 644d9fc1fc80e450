"use server";

import { revalidatePath } from "next/cache";
import { formText, tenantAction } from "@/server/http/tenant-action";
import { ZBrandColorUpdate } from "@/server/modules/tenants/brand-appearance.schemas";
import { removeBrandLogo, setBrandLogo, updateBrandColor } from "@/server/modules/tenants/brand-appearance.service";
import { ZBrandLogoRemove, ZBrandLogoUpload } from "@/server/modules/tenants/brand-logo.schemas";

const page = (slug: string) => `/t/${slug}/settings/brand`;

export const updateBrandColorAction = tenantAction(
  { permission: "settings:write", schema: ZBrandColorUpdate, fromForm: (form) => ({ brandColor: formText(form, "brandColor") ?? "" }) },
  async (ctx, input) => {
    const { color } = await updateBrandColor(ctx, input);
    revalidatePath(page(ctx.tenantSlug));
    return { status: "ok", message: input.brandColor === null ? "The brand uses Megaphone's colour again." : `The brand colour is now ${color}.` };
  },
);

export const uploadBrandLogoAction = tenantAction(
  { permission: "settings:write", schema: ZBrandLogoUpload, fromForm: (form) => ({ logo: form.get("logo") ?? undefined }) },
  async (ctx, { logo }) => {
    await setBrandLogo(ctx, logo);
    revalidatePath(page(ctx.tenantSlug));
    return { status: "ok", message: "The new logo is saved." };
  },
);

export const removeBrandLogoAction = tenantAction({ permission: "settings:write", schema: ZBrandLogoRemove, fromForm: () => ({}) }, async (ctx) => {
  await removeBrandLogo(ctx);
  revalidatePath(page(ctx.tenantSlug));
  return { status: "ok", message: "The logo is removed." };
});
