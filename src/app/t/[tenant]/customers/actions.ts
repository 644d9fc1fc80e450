"use server";

import { revalidatePath } from "next/cache";
import { localRedirect } from "@/server/http/local-redirect";
import { z } from "zod";
import { tenantAction, formText } from "@/server/http/tenant-action";
import { ZCustomerCreate, ZCustomerUpdate } from "@/server/modules/customers/customer.schemas";
import { createCustomer, deleteCustomer, updateCustomer } from "@/server/modules/customers/customer.service";
import { unlinkCustomerAccount } from "@/server/modules/customers/customer-accounts";
import { ZMergeCustomers } from "@/server/modules/customers/customer-merge.schemas";
import { mergeCustomers } from "@/server/modules/customers/merge-customers";
import { ZUnlinkCustomerAccount } from "@/server/modules/customers/customer-360.schemas";
import { adjustPoints } from "@/server/modules/ledger/adjust-points";
import { formatPoints } from "@/server/modules/ledger/ledger-explanation";
import { ZAdjustPoints } from "@/server/modules/ledger/ledger.schemas";
import { createSegmentFromList, ZSegmentFromList } from "@/server/modules/segments/segment-from-list";

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

/** "+120" / "-20" / "−20" as typed; anything else is not a number and zod says so on the field. */
function pointsFromForm(text: string | undefined): number {
  const t = (text ?? "").trim().replace(/^−/, "-");
  return /^[+-]?\d+$/.test(t) ? Number(t) : Number.NaN;
}

/** Customer 360: a manual adjustment, posted to the ledger once per form (its idempotency key is minted when the page renders). */
export const adjustCustomerPointsAction = tenantAction(
  {
    permission: "ledger:adjust",
    schema: ZAdjustPoints,
    fromForm: (form) => ({
      customerId: formText(form, "customerId") ?? "",
      amount: pointsFromForm(formText(form, "amount")),
      reason: formText(form, "reason") ?? "",
      idempotencyKey: formText(form, "idempotencyKey") ?? "",
    }),
  },
  async (ctx, input) => {
    const result = await adjustPoints(ctx, input);
    revalidatePath(`/t/${ctx.tenantSlug}/customers/${input.customerId}`);
    const signed = `${result.entry.amount > 0 ? "+" : "−"}${formatPoints(result.entry.amount)}`;
    return { status: "ok", message: `${signed} posted. Balance now ${formatPoints(result.balance)}.` };
  },
);

/** Customer 360: unlink an account on the customer's behalf (the portal's own unlink, audited with the member). */
export const unlinkCustomerAccountAction = tenantAction(
  {
    permission: "customers:write",
    schema: ZUnlinkCustomerAccount,
    fromForm: (form) => ({ customerId: formText(form, "customerId") ?? "", profileId: formText(form, "profileId") ?? "" }),
  },
  async (ctx, input) => {
    const outcome = await unlinkCustomerAccount(ctx, input);
    revalidatePath(`/t/${ctx.tenantSlug}/customers/${input.customerId}`);
    // The account leaves the page's list, so the page itself says how it went.
    localRedirect(`/t/${ctx.tenantSlug}/customers/${input.customerId}?unlinked=${outcome.atNetwork}`);
  },
);

/** Merge screen: one customer into another (the survivor's 360 says what moved). */
export const mergeCustomerAction = tenantAction(
  {
    permission: "customers:delete",
    schema: ZMergeCustomers,
    fromForm: (form) => ({ customerId: formText(form, "customerId") ?? "", survivorId: formText(form, "survivorId") ?? "" }),
  },
  async (ctx, input) => {
    const result = await mergeCustomers(ctx, input);
    revalidatePath(`/t/${ctx.tenantSlug}/customers`);
    localRedirect(`/t/${ctx.tenantSlug}/customers/${result.survivorId}?saved=merged&moved=${result.movedPoints}`);
  },
);

/** Customers list: its current filters saved as a segment (the segment's page shows its members). */
export const saveFiltersAsSegmentAction = tenantAction(
  {
    permission: "customers:write",
    schema: ZSegmentFromList,
    fromForm: (form) => ({
      name: formText(form, "name") ?? "",
      query: {
        q: formText(form, "q"),
        stage: formText(form, "stage"),
        sentiment: formText(form, "sentiment"),
        minFollowers: formText(form, "minFollowers"),
        minPoints: formText(form, "minPoints"),
      },
    }),
  },
  async (ctx, input) => {
    const segment = await createSegmentFromList(ctx, input);
    revalidatePath(`/t/${ctx.tenantSlug}/segments`);
    localRedirect(`/t/${ctx.tenantSlug}/segments/${segment.id}?saved=created`);
  },
);
