"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { formText, tenantAction } from "@/server/http/tenant-action";
import { ZLocationCreate } from "@/server/modules/listening/location.schemas";
import { createLocation, deleteLocation } from "@/server/modules/listening/location.service";
import { ZSourceCreate } from "@/server/modules/listening/source.schemas";
import { createSource, deleteSource, updateSource } from "@/server/modules/listening/source.service";

const page = (slug: string) => `/t/${slug}/settings/listening`;

export const createSourceAction = tenantAction(
  {
    permission: "settings:write",
    schema: ZSourceCreate,
    fromForm: (form) => {
      // One select carries both: "TWITTER:HASHTAG".
      const [network, kind] = (formText(form, "source") ?? "").split(":");
      return { network, kind, value: formText(form, "value") ?? "" };
    },
  },
  async (ctx, input) => {
    const source = await createSource(ctx, input);
    revalidatePath(page(ctx.tenantSlug));
    return { status: "ok", message: `Now tracking ${source.value}.` };
  },
);

export const setSourceEnabledAction = tenantAction(
  {
    permission: "settings:write",
    schema: z.object({ id: z.string(), enabled: z.enum(["true", "false"]).transform((v) => v === "true") }),
    fromForm: (form) => ({ id: formText(form, "id") ?? "", enabled: formText(form, "enabled") }),
  },
  async (ctx, { id, enabled }) => {
    await updateSource(ctx, id, { enabled });
    revalidatePath(page(ctx.tenantSlug));
  },
);

export const deleteSourceAction = tenantAction(
  { permission: "settings:write", schema: z.object({ id: z.string() }), fromForm: (form) => ({ id: formText(form, "id") ?? "" }) },
  async (ctx, { id }) => {
    await deleteSource(ctx, id);
    revalidatePath(page(ctx.tenantSlug));
  },
);

export const createLocationAction = tenantAction(
  {
    permission: "settings:write",
    schema: ZLocationCreate,
    fromForm: (form) => ({
      name: formText(form, "name") ?? "",
      address: formText(form, "address"),
      city: formText(form, "city"),
      foursquareVenueId: formText(form, "foursquareVenueId"),
    }),
  },
  async (ctx, input) => {
    const location = await createLocation(ctx, input);
    revalidatePath(page(ctx.tenantSlug));
    return { status: "ok", message: `${location.name} added.` };
  },
);

export const deleteLocationAction = tenantAction(
  { permission: "settings:write", schema: z.object({ id: z.string() }), fromForm: (form) => ({ id: formText(form, "id") ?? "" }) },
  async (ctx, { id }) => {
    await deleteLocation(ctx, id);
    revalidatePath(page(ctx.tenantSlug));
  },
);
