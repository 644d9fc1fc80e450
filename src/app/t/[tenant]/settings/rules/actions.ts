"use server";

import { revalidatePath } from "next/cache";
import { localRedirect } from "@/server/http/local-redirect";
import { z } from "zod";
import type { ActionState } from "@/server/http/action-state";
import { formText, tenantAction } from "@/server/http/tenant-action";
import { ZPointRuleCreate, ZPointRuleUpdate } from "@/server/modules/rules/point-rule.schemas";
import { createPointRule, setPointRuleEnabled, updatePointRule } from "@/server/modules/rules/point-rule.service";

/** "" → undefined (the schema says what is required); anything else → a number (NaN is refused by the schema). */
function optionalNumber(form: FormData, name: string): number | undefined {
  const raw = formText(form, name)?.trim();
  return raw ? Number(raw) : undefined;
}

/** "" → null: "no cap", "no minimum". */
function nullableNumber(form: FormData, name: string): number | null {
  return optionalNumber(form, name) ?? null;
}

function editableFromForm(form: FormData) {
  return {
    name: formText(form, "name") ?? "",
    basePoints: optionalNumber(form, "basePoints"),
    influenceCurve: formText(form, "influenceCurve"),
    influenceFactor: optionalNumber(form, "influenceFactor"),
    maxMultiplier: optionalNumber(form, "maxMultiplier"),
    dailyCap: nullableNumber(form, "dailyCap"),
    minSentiment: nullableNumber(form, "minSentiment"),
    enabled: form.get("enabled") === "on",
  };
}

const createRule = tenantAction(
  {
    permission: "settings:write",
    schema: ZPointRuleCreate,
    fromForm: (form) => ({ network: formText(form, "network"), action: formText(form, "action"), ...editableFromForm(form) }),
  },
  async (ctx, input) => {
    await createPointRule(ctx, input);
    revalidatePath(`/t/${ctx.tenantSlug}/settings/rules`);
    localRedirect(`/t/${ctx.tenantSlug}/settings/rules?saved=created`);
  },
);

const updateRule = tenantAction(
  {
    permission: "settings:write",
    schema: z.object({ id: z.string(), patch: ZPointRuleUpdate }),
    fromForm: (form) => ({ id: formText(form, "id") ?? "", patch: editableFromForm(form) }),
  },
  async (ctx, { id, patch }) => {
    await updatePointRule(ctx, id, patch);
    revalidatePath(`/t/${ctx.tenantSlug}/settings/rules`);
    localRedirect(`/t/${ctx.tenantSlug}/settings/rules?saved=updated`);
  },
);

export async function createPointRuleAction(state: ActionState, form: FormData): Promise<ActionState> {
  return createRule(state, form);
}

export async function updatePointRuleAction(state: ActionState, form: FormData): Promise<ActionState> {
  return updateRule(state, form);
}

export const togglePointRuleAction = tenantAction(
  {
    permission: "settings:write",
    schema: z.object({ id: z.string(), enabled: z.boolean() }),
    fromForm: (form) => ({ id: formText(form, "id") ?? "", enabled: formText(form, "enabled") === "true" }),
  },
  async (ctx, { id, enabled }) => {
    const rule = await setPointRuleEnabled(ctx, id, enabled);
    revalidatePath(`/t/${ctx.tenantSlug}/settings/rules`);
    return { status: "ok", message: `${rule.name} ${rule.enabled ? "enabled" : "disabled"}.` };
  },
);
