"use server";

import { revalidatePath } from "next/cache";
import { localRedirect } from "@/server/http/local-redirect";
import { z } from "zod";
import { tenantAction, formText } from "@/server/http/tenant-action";
import { ZCustomerCreate, ZCustomerUpdate } from "@/server/modules/customers/customer.schemas";
import { createCustomer, deleteCustomer, updateCustomer } from "@/server/modules/customers/customer.service";

function customerFromForm(form: FormData) {
  return {
    displayName: formText(form, "displayName") ?? "",
    emails: form
      .getAll("emails")
      .map((v) => (typeof v === "string" ? v.trim() : ""))
      .filter(Boolean),
    phone: formText(form, "phone"),
    externalId: formText(form, "externalId"),
    lifecycleStage: formText(form, "lifecycleStage"),
    notes: formText(form, "notes"),
  };
}

export const createCustomerAction = tenantAction({ permission: "customers:write", schema: ZCustomerCreate, fromForm: customerFromForm }, async (ctx, input) => {
  const customer = await createCustomer(ctx, input);
  revalidatePath(`/t/${ctx.tenantSlug}/customers`);
  localRedirect(`/t/${ctx.tenantSlug}/customers/${customer.id}?saved=created`);
});

export const updateCustomerAction = tenantAction(
  {
    permission: "customers:write",
    schema: z.object({ id: z.string(), patch: ZCustomerUpdate }),
    fromForm: (form) => ({ id: formText(form, "id") ?? "", patch: customerFromForm(form) }),
  },
  async (ctx, { id, patch }) => {
    await updateCustomer(ctx, id, patch);
    revalidatePath(`/t/${ctx.tenantSlug}/customers`);
    localRedirect(`/t/${ctx.tenantSlug}/customers/${id}?saved=updated`);
  },
);

export const deleteCustomerAction = tenantAction(
  { permission: "customers:delete", schema: z.object({ id: z.string() }), fromForm: (form) => ({ id: formText(form, "id") ?? "" }) },
  async (ctx, { id }) => {
    const result = await deleteCustomer(ctx, id);
    revalidatePath(`/t/${ctx.tenantSlug}/customers`);
    localRedirect(`/t/${ctx.tenantSlug}/customers?removed=${result.mode}`);
  },
);
