"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { formText, tenantAction } from "@/server/http/tenant-action";
import { IMPORT_FIELDS } from "@/server/modules/customer-import/customer-import.schemas";
import { startImportCheck, startImportRun } from "@/server/modules/customer-import/customer-import.service";

const page = (slug: string, id: string) => `/t/${slug}/customers/import/${id}`;

/** The mapping form: each field's select holds a column index, or "" when the field is not imported. */
function mappingFromForm(form: FormData): Record<string, string> {
  const mapping: Record<string, string> = {};
  for (const field of IMPORT_FIELDS) {
    const value = formText(form, field);
    if (value) mapping[field] = value;
  }
  return mapping;
}

export const startImportCheckAction = tenantAction(
  {
    permission: "customers:write",
    schema: z.object({ id: z.string(), mapping: z.record(z.string(), z.string()) }),
    fromForm: (form) => ({ id: formText(form, "id") ?? "", mapping: mappingFromForm(form) }),
  },
  async (ctx, { id, mapping }) => {
    await startImportCheck(ctx, id, mapping);
    revalidatePath(page(ctx.tenantSlug, id));
    return { status: "ok", message: "The check is running." };
  },
);

export const startImportRunAction = tenantAction(
  {
    permission: "customers:write",
    schema: z.object({ id: z.string(), skipInvalid: z.boolean() }),
    fromForm: (form) => ({ id: formText(form, "id") ?? "", skipInvalid: formText(form, "skipInvalid") === "on" }),
  },
  async (ctx, { id, skipInvalid }) => {
    await startImportRun(ctx, id, skipInvalid);
    revalidatePath(page(ctx.tenantSlug, id));
    return { status: "ok", message: "The import is running." };
  },
);
