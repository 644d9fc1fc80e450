"use server";

import { revalidatePath } from "next/cache";
import { formText, tenantAction } from "@/server/http/tenant-action";
import { ZStageRules } from "@/server/modules/advocates/stage-rule.schemas";
import { saveStageRules } from "@/server/modules/advocates/stage-rules";

const fields = ["advocateMinPositiveMentions", "advocateWindowDays", "loyalMinPoints", "loyalWindowDays"] as const;

export const saveStageRulesAction = tenantAction(
  {
    permission: "settings:write",
    schema: ZStageRules,
    fromForm: (form) => ({
      enabled: formText(form, "enabled") ?? "",
      advocateRequirePromoter: formText(form, "advocateRequirePromoter") ?? "",
      ...Object.fromEntries(fields.map((name) => [name, formText(form, name)?.trim() ?? ""])),
    }),
  },
  async (ctx, input) => {
    const rules = await saveStageRules(ctx, input);
    revalidatePath(`/t/${ctx.tenantSlug}/advocates`);
    return { status: "ok", message: rules.enabled ? "Stage rules saved. They are being applied now, and every hour." : "Stage rules saved and switched off." };
  },
);
