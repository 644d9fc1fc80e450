import { z } from "zod";
import { API_SCOPES } from "../../auth/api-scopes";

export const ZApiScope = z.enum(API_SCOPES);

export const ZCreateApiKey = z.strictObject({
  name: z.string().trim().min(1, "give the key a name").max(100, "at most 100 characters"),
  scopes: z.array(ZApiScope).min(1, "choose at least one scope").max(API_SCOPES.length),
  /** Days until it stops working; absent: it works until revoked. */
  expiresInDays: z.coerce.number().int().min(1, "at least 1 day").max(730, "at most 730 days").optional(),
});
export type CreateApiKeyInput = z.input<typeof ZCreateApiKey>;

export const ZRevokeApiKey = z.strictObject({ apiKeyId: z.string().trim().min(1).max(64) });

export interface ApiKeyDto {
  id: string;
  name: string;
  /** The key's first characters, shown to tell keys apart; the rest is never stored. */
  prefix: string;
  scopes: string[];
  role: string;
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
  revokedAt: string | null;
  /** ACTIVE, EXPIRED or REVOKED, as of now. */
  state: "ACTIVE" | "EXPIRED" | "REVOKED";
}
