"use server";

import { revalidatePath } from "next/cache";
import type { ActionState } from "@/server/http/action-state";
import { localRedirect } from "@/server/http/local-redirect";
import { formText, tenantAction } from "@/server/http/tenant-action";
import { cancelRedemption, fulfilRedemption } from "@/server/modules/rewards/redemption.service";
import { uploadRewardCodes } from "@/server/modules/rewards/reward-codes.service";
import { REDEMPTION_STATUSES, ZById, ZCancelRedemption, ZRewardCreate, ZRewardUpdate, ZUploadCodes } from "@/server/modules/rewards/reward.schemas";
import { archiveReward, createReward, updateReward } from "@/server/modules/rewards/reward.service";
import { describeUpload } from "@/features/rewards/upload-summary";

/** <input type="datetime-local"> sends "2026-06-01T09:00" with no zone; the form says UTC, so it is read as UTC. */
function utcFromInput(form: FormData, name: string): string | null {
  const raw = formText(form, name)?.trim();
  if (!raw) return null;
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(raw) ? `${raw.length === 16 ? `${raw}:00` : raw}Z` : raw;
}

/** "" → null (unlimited / no limit); anything else → a number (NaN and decimals are refused by the schema). */
function nullableNumber(form: FormData, name: string): number | null {
  const raw = formText(form, name)?.trim();
  return raw ? Number(raw) : null;
}

function pictureFrom(form: FormData): Blob | undefined {
  const file = form.get("picture");
  return file instanceof Blob && file.size > 0 ? file : undefined;
}

function rewardFromForm(form: FormData) {
  const cost = formText(form, "cost")?.trim();
  return {
    name: formText(form, "name") ?? "",
    description: formText(form, "description") ?? "",
    // An empty file input still sends a nameless, empty file: that means "no new picture".
    picture: pictureFrom(form),
    removePicture: form.get("removePicture") === "on",
    cost: cost ? Number(cost) : Number.NaN,
    stock: nullableNumber(form, "stock"),
    perCustomerLimit: nullableNumber(form, "perCustomerLimit"),
    availableFrom: utcFromInput(form, "availableFrom"),
    availableUntil: utcFromInput(form, "availableUntil"),
    minimumTierId: form.has("minimumTierId") ? (formText(form, "minimumTierId") ?? "") : undefined,
    fulfilment: formText(form, "fulfilment") || undefined,
    active: form.get("active") === "on",
  };
}

const base = (slug: string) => `/t/${slug}/rewards`;

const create = tenantAction({ permission: "rewards:manage", schema: ZRewardCreate, fromForm: rewardFromForm }, async (ctx, input) => {
  const reward = await createReward(ctx, input);
  revalidatePath(base(ctx.tenantSlug));
  localRedirect(reward.fulfilment === "CODE_POOL" ? `${base(ctx.tenantSlug)}/${reward.id}/edit?saved=created` : `${base(ctx.tenantSlug)}?saved=created`);
});

const update = tenantAction(
  { permission: "rewards:manage", schema: ZRewardUpdate, fromForm: (form) => ({ id: formText(form, "id") ?? "", ...rewardFromForm(form) }) },
  async (ctx, input) => {
    await updateReward(ctx, input);
    revalidatePath(base(ctx.tenantSlug));
    localRedirect(`${base(ctx.tenantSlug)}?saved=updated`);
  },
);

const archive = tenantAction({ permission: "rewards:manage", schema: ZById, fromForm: (form) => ({ id: formText(form, "id") ?? "" }) }, async (ctx, input) => {
  const result = await archiveReward(ctx, input);
  revalidatePath(base(ctx.tenantSlug));
  localRedirect(`${base(ctx.tenantSlug)}?saved=${result.deleted ? "deleted" : "archived"}`);
});

const upload = tenantAction(
  { permission: "rewards:manage", schema: ZUploadCodes, fromForm: (form) => ({ rewardId: formText(form, "id") ?? "", text: formText(form, "codes") ?? "" }) },
  async (ctx, input) => {
    const summary = await uploadRewardCodes(ctx, input);
    revalidatePath(base(ctx.tenantSlug));
    return { status: "ok", message: describeUpload(summary) };
  },
);

/** Back to the list the button was on (a status filter, or all), with what happened on top. */
function redemptionsPage(slug: string, form: FormData, done: string): string {
  const filter = formText(form, "filter");
  const status = REDEMPTION_STATUSES.find((s) => s === filter);
  return `${base(slug)}/redemptions?${status ? `status=${status}&` : ""}done=${done}`;
}

const fulfil = tenantAction(
  { permission: "rewards:manage", schema: ZById, fromForm: (form) => ({ id: formText(form, "id") ?? "" }) },
  async (ctx, input, form) => {
    const { unchanged } = await fulfilRedemption(ctx, input);
    revalidatePath(`${base(ctx.tenantSlug)}/redemptions`);
    localRedirect(redemptionsPage(ctx.tenantSlug, form, unchanged ? "already-fulfilled" : "fulfilled"));
  },
);

const cancel = tenantAction(
  {
    permission: "rewards:manage",
    schema: ZCancelRedemption,
    fromForm: (form) => ({ id: formText(form, "id") ?? "", reason: formText(form, "reason") ?? "" }),
  },
  async (ctx, input, form) => {
    const { unchanged } = await cancelRedemption(ctx, input);
    revalidatePath(`${base(ctx.tenantSlug)}/redemptions`);
    revalidatePath(base(ctx.tenantSlug));
    localRedirect(redemptionsPage(ctx.tenantSlug, form, unchanged ? "already-cancelled" : "cancelled"));
  },
);

export async function createRewardAction(state: ActionState, form: FormData): Promise<ActionState> {
  return create(state, form);
}

export async function updateRewardAction(state: ActionState, form: FormData): Promise<ActionState> {
  return update(state, form);
}

export async function archiveRewardAction(state: ActionState, form: FormData): Promise<ActionState> {
  return archive(state, form);
}

export async function uploadRewardCodesAction(state: ActionState, form: FormData): Promise<ActionState> {
  return upload(state, form);
}

export async function fulfilRedemptionAction(state: ActionState, form: FormData): Promise<ActionState> {
  return fulfil(state, form);
}

export async function cancelRedemptionAction(state: ActionState, form: FormData): Promise<ActionState> {
  return cancel(state, form);
}
