"use server";

import { revalidatePath } from "next/cache";
import { localRedirect } from "@/server/http/local-redirect";
import { z } from "zod";
import type { ActionState } from "@/server/http/action-state";
import { formText, tenantAction } from "@/server/http/tenant-action";
import { ZSegmentForm } from "@/server/modules/segments/segment.schemas";
import { createSegment, deleteSegment, updateSegment } from "@/server/modules/segments/segment.service";

/** "" → null ("no minimum"); anything else → a number (NaN and decimals are refused by the schema). */
function nullableNumber(form: FormData, name: string): number | null {
  const raw = formText(form, name)?.trim();
  return raw ? Number(raw) : null;
}

function segmentFromForm(form: FormData) {
  return {
    id: formText(form, "id"),
    name: formText(form, "name") ?? "",
    lifecycleStages: form.getAll("lifecycleStages").map(String),
    sentimentLabels: form.getAll("sentimentLabels").map(String),
    search: formText(form, "search") ?? null,
    npsClasses: form.getAll("npsClasses").map(String),
    minFollowers: nullableNumber(form, "minFollowers"),
    minPoints: nullableNumber(form, "minPoints"),
    minLifetimeEarned: nullableNumber(form, "minLifetimeEarned"),
    tierId: formText(form, "tierId") || null,
  };
}

const create = tenantAction({ permission: "customers:write", schema: ZSegmentForm, fromForm: segmentFromForm }, async (ctx, { input }) => {
  const segment = await createSegment(ctx, input);
  revalidatePath(`/t/${ctx.tenantSlug}/segments`);
  localRedirect(`/t/${ctx.tenantSlug}/segments/${segment.id}?saved=created`);
});

const update = tenantAction({ permission: "customers:write", schema: ZSegmentForm, fromForm: segmentFromForm }, async (ctx, { id, input }) => {
  await updateSegment(ctx, id ?? "", input);
  revalidatePath(`/t/${ctx.tenantSlug}/segments`);
  localRedirect(`/t/${ctx.tenantSlug}/segments/${id}?saved=updated`);
});

const remove = tenantAction(
  { permission: "customers:write", schema: z.object({ id: z.string() }), fromForm: (form) => ({ id: formText(form, "id") ?? "" }) },
  async (ctx, { id }) => {
    await deleteSegment(ctx, id);
    revalidatePath(`/t/${ctx.tenantSlug}/segments`);
    localRedirect(`/t/${ctx.tenantSlug}/segments?removed=1`);
  },
);

export async function createSegmentAction(state: ActionState, form: FormData): Promise<ActionState> {
  return create(state, form);
}

export async function updateSegmentAction(state: ActionState, form: FormData): Promise<ActionState> {
  return update(state, form);
}

export async function deleteSegmentAction(state: ActionState, form: FormData): Promise<ActionState> {
  return remove(state, form);
}
