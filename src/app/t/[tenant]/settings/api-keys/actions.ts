"use server";

import { revalidatePath } from "next/cache";
import { formText, tenantAction } from "@/server/http/tenant-action";
import { ZCreateApiKey, ZRevokeApiKey } from "@/server/modules/api-keys/api-key.schemas";
import { createApiKey, revokeApiKey } from "@/server/modules/api-keys/api-keys.service";

const page = (slug: string) => `/t/${slug}/settings/api-keys`;

export const createApiKeyAction = tenantAction(
  {
    permission: "settings:write",
    schema: ZCreateApiKey,
    fromForm: (form) => {
      const expires = formText(form, "expiresInDays") ?? "";
      return {
        name: formText(form, "name") ?? "",
        scopes: form.getAll("scopes").filter((s) => typeof s === "string"),
        ...(expires ? { expiresInDays: expires } : {}),
      };
    },
  },
  async (ctx, input) => {
    const { key, secret } = await createApiKey(ctx, input);
    revalidatePath(page(ctx.tenantSlug));
    return { status: "ok", message: `Key “${key.name}” created. Copy it now: it is shown only once.`, reveal: secret };
  },
);

export const revokeApiKeyAction = tenantAction(
  { permission: "settings:write", schema: ZRevokeApiKey, fromForm: (form) => ({ apiKeyId: formText(form, "id") ?? "" }) },
  async (ctx, input) => {
    const { revoked } = await revokeApiKey(ctx, input);
    revalidatePath(page(ctx.tenantSlug));
    return { status: "ok", message: revoked ? "Key revoked: requests with it are refused from now on." : "That key was already revoked." };
  },
);
