"use server";

import { revalidatePath } from "next/cache";
import { localRedirect } from "@/server/http/local-redirect";
import { z } from "zod";
import type { ActionState } from "@/server/http/action-state";
import { formText, tenantAction } from "@/server/http/tenant-action";
import { ZCampaignCreate, ZCampaignUpdate } from "@/server/modules/campaigns/campaign.schemas";
import { createCampaign, updateCampaign } from "@/server/modules/campaigns/campaign.service";

/** <input type="datetime-local"> sends "2026-06-01T09:00" with no zone; the form says UTC, so it is read as UTC. */
function utcFromInput(form: FormData, name: string): string | undefined {
  const raw = formText(form, name)?.trim();
  if (!raw) return undefined;
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(raw) ? `${raw.length === 16 ? `${raw}:00` : raw}Z` : raw;
}

function campaignFromForm(form: FormData) {
  const multiplier = formText(form, "multiplier")?.trim();
  return {
    name: formText(form, "name") ?? "",
    description: formText(form, "description") ?? "",
    network: formText(form, "network") || null,
    startsAt: utcFromInput(form, "startsAt"),
    endsAt: utcFromInput(form, "endsAt"),
    multiplier: multiplier ? Number(multiplier) : undefined,
    segmentId: formText(form, "segmentId") || null,
  };
}

const create = tenantAction({ permission: "settings:write", schema: ZCampaignCreate, fromForm: campaignFromForm }, async (ctx, input) => {
  await createCampaign(ctx, input);
  revalidatePath(`/t/${ctx.tenantSlug}/campaigns`);
  localRedirect(`/t/${ctx.tenantSlug}/campaigns?saved=created`);
});

const update = tenantAction(
  {
    permission: "settings:write",
    schema: z.object({ id: z.string(), patch: ZCampaignUpdate }),
    fromForm: (form) => ({ id: formText(form, "id") ?? "", patch: campaignFromForm(form) }),
  },
  async (ctx, { id, patch }) => {
    await updateCampaign(ctx, id, patch);
    revalidatePath(`/t/${ctx.tenantSlug}/campaigns`);
    localRedirect(`/t/${ctx.tenantSlug}/campaigns?saved=updated`);
  },
);

export async function createCampaignAction(state: ActionState, form: FormData): Promise<ActionState> {
  return create(state, form);
}

export async function updateCampaignAction(state: ActionState, form: FormData): Promise<ActionState> {
  return update(state, form);
}
