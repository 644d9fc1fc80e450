"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { formText, tenantAction } from "@/server/http/tenant-action";
import { ZCreateWebhook, ZRedeliver, ZSetWebhookEnabled, ZUpdateWebhook, ZWebhookRef } from "@/server/modules/webhooks/webhook.schemas";
import {
  createWebhook,
  deleteWebhook,
  redeliver,
  rotateWebhookSecret,
  sendTestEvent,
  setWebhookEnabled,
  updateWebhook,
} from "@/server/modules/webhooks/webhooks.service";

const list = (slug: string) => `/t/${slug}/settings/webhooks`;
const endpointFields = (form: FormData) => ({
  url: formText(form, "url") ?? "",
  description: formText(form, "description") ?? "",
  events: form.getAll("events").filter((e) => typeof e === "string"),
});
const ref = (form: FormData) => ({ webhookId: formText(form, "id") ?? "" });

export const createWebhookAction = tenantAction({ permission: "settings:write", schema: ZCreateWebhook, fromForm: endpointFields }, async (ctx, input) => {
  const { webhook, secret } = await createWebhook(ctx, input);
  revalidatePath(list(ctx.tenantSlug));
  return {
    status: "ok",
    message: `Endpoint added for ${webhook.events.length} event type(s). Copy its signing secret now: it is shown only once.`,
    reveal: secret,
  };
});

export const updateWebhookAction = tenantAction(
  { permission: "settings:write", schema: ZUpdateWebhook, fromForm: (form) => ({ ...ref(form), ...endpointFields(form) }) },
  async (ctx, input) => {
    await updateWebhook(ctx, input);
    revalidatePath(list(ctx.tenantSlug), "layout");
    return { status: "ok", message: "Endpoint saved." };
  },
);

export const setWebhookEnabledAction = tenantAction(
  { permission: "settings:write", schema: ZSetWebhookEnabled, fromForm: (form) => ({ ...ref(form), enabled: formText(form, "enabled") === "true" }) },
  async (ctx, input) => {
    await setWebhookEnabled(ctx, input);
    revalidatePath(list(ctx.tenantSlug), "layout");
    return { status: "ok", message: input.enabled ? "Endpoint turned on: new events are delivered to it." : "Endpoint turned off." };
  },
);

export const rotateWebhookSecretAction = tenantAction({ permission: "settings:write", schema: ZWebhookRef, fromForm: ref }, async (ctx, input) => {
  const { secret, previousValidUntil } = await rotateWebhookSecret(ctx, input);
  revalidatePath(list(ctx.tenantSlug), "layout");
  return {
    status: "ok",
    message: `New secret below (shown once). The old one also signs until ${previousValidUntil.replace("T", " ").slice(0, 16)} UTC.`,
    reveal: secret,
  };
});

export const sendTestEventAction = tenantAction({ permission: "settings:write", schema: ZWebhookRef, fromForm: ref }, async (ctx, input) => {
  await sendTestEvent(ctx, input);
  revalidatePath(list(ctx.tenantSlug), "layout");
  return { status: "ok", message: "Test event queued: it is sent within a few seconds and shows in the log below." };
});

export const redeliverAction = tenantAction(
  { permission: "settings:write", schema: ZRedeliver, fromForm: (form) => ({ ...ref(form), deliveryId: formText(form, "deliveryId") ?? "" }) },
  async (ctx, input) => {
    await redeliver(ctx, input);
    revalidatePath(list(ctx.tenantSlug), "layout");
    return { status: "ok", message: "Queued again: it is sent within a few seconds." };
  },
);

export const deleteWebhookAction = tenantAction({ permission: "settings:write", schema: ZWebhookRef, fromForm: ref }, async (ctx, input) => {
  await deleteWebhook(ctx, input);
  revalidatePath(list(ctx.tenantSlug));
  redirect(list(ctx.tenantSlug));
});
