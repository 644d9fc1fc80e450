"use server";

import { revalidatePath } from "next/cache";
import { formText, tenantAction } from "@/server/http/tenant-action";
import { ZDeletionPeriodUpdate, ZRunDeletionPass } from "@/server/pipeline/deletions/deletion.schemas";
import { updateDeletionPeriod } from "@/server/pipeline/deletions/deletion-settings.service";
import { requestDeletionPass } from "@/server/pipeline/deletions/request-deletion-pass";

const page = (slug: string) => `/t/${slug}/settings/deletions`;

export const updateDeletionPeriodAction = tenantAction(
  { permission: "settings:write", schema: ZDeletionPeriodUpdate, fromForm: (form) => ({ periodDays: formText(form, "periodDays") ?? "" }) },
  async (ctx, input) => {
    const { periodDays } = await updateDeletionPeriod(ctx, input);
    revalidatePath(page(ctx.tenantSlug));
    return { status: "ok", message: `Posts are now checked for ${periodDays} ${periodDays === 1 ? "day" : "days"} after they are collected.` };
  },
);

const RUN_MESSAGES = {
  queued: "A pass is queued; it starts as soon as a worker is free.",
  already_queued: "A pass is already queued; no second one was started.",
  already_running: "A pass is running; no second one was started.",
} as const;

export const runDeletionPassAction = tenantAction(
  { permission: "settings:write", schema: ZRunDeletionPass, fromForm: (form) => ({ network: formText(form, "network") ?? "" }) },
  async (ctx, { network }) => {
    const { status } = await requestDeletionPass(ctx, network);
    revalidatePath(page(ctx.tenantSlug));
    return { status: "ok", message: RUN_MESSAGES[status] };
  },
);
