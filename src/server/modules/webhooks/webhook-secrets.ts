import { randomBytes } from "node:crypto";
import { decryptSecret, encryptSecret, secretAad } from "../../crypto/secret-box";

/** Standard Webhooks secrets: "whsec_" and base64 of 24 random bytes (the library signs with the decoded bytes). */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(24).toString("base64")}`;
}

const aad = (tenantId: string, webhookId: string, field: "secret" | "previousSecret") => secretAad({ tenantId, entity: "Webhook", rowId: webhookId, field });

export function sealWebhookSecret(tenantId: string, webhookId: string, secret: string, field: "secret" | "previousSecret" = "secret"): string {
  return encryptSecret(secret, aad(tenantId, webhookId, field));
}

export function openWebhookSecret(tenantId: string, webhookId: string, ciphertext: string, field: "secret" | "previousSecret" = "secret"): string {
  return decryptSecret(ciphertext, aad(tenantId, webhookId, field));
}
