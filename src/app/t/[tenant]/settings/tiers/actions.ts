"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { formText, tenantAction } from "@/server/http/tenant-action";
import { ZTierCreate, ZTierPeriodUpdate } from "@/server/modules/tiers/tier.schemas";
import { createTier, deleteTier, updateTier, updateTierPeriod } from "@/server/modules/tiers/tier.service";

const page = (slug: string) => `/t/${slug}/settings/tiers`;

/** "" → undefined (the schema says it is required); anything else → a number (NaN and decimals are refused by the schema). */
function numberField(form: FormData, name: string): number | undefined {
  const raw = formText(form, name)?.trim();
  return raw ? Number(raw) : undefined;
}

const tierFromForm = (form: FormData) => ({ name: formText(form, "name") ?? "", threshold: numberField(form, "threshold") });

export const createTierAction = tenantAction({ permission: "settings:write", schema: ZTierCreate, fromForm: tierFromForm }, async (ctx, input) => {
  const tier = await createTier(ctx, input);
  revalidatePath(page(ctx.tenantSlug));
  return { status: "ok", message: `${tier.name} created: from ${tier.threshold.toLocaleString("en-US")} points.` };
});

export const updateTierAction = tenantAction(
  {
    permission: "settings:write",
    // Flat, so a refused name or threshold is reported on its own input.
    schema: ZTierCreate.extend({ id: z.string() }),
    fromForm: (form) => ({ id: formText(form, "id") ?? "", ...tierFromForm(form) }),
  },
  async (ctx, { id, ...patch }) => {
    const tier = await updateTier(ctx, id, patch);
    revalidatePath(page(ctx.tenantSlug));
    return { status: "ok", message: `${tier.name} saved.` };
  },
);

export const deleteTierAction = tenantAction(
  { permission: "settings:write", schema: z.object({ id: z.string() }), fromForm: (form) => ({ id: formText(form, "id") ?? "" }) },
  async (ctx, { id }) => {
    await deleteTier(ctx, id);
    revalidatePath(page(ctx.tenantSlug));
    return { status: "ok", message: "Tier deleted." };
  },
);

export const updateTierPeriodAction = tenantAction(
  { permission: "settings:write", schema: ZTierPeriodUpdate, fromForm: (form) => ({ months: formText(form, "months") ?? "" }) },
  async (ctx, input) => {
    const { periodMonths } = await updateTierPeriod(ctx, input);
    revalidatePath(page(ctx.tenantSlug));
    return { status: "ok", message: `Tiers now count points earned in the last ${periodMonths} ${periodMonths === 1 ? "month" : "months"}.` };
  },
);
