import { decryptSecret, encryptSecret, secretAad } from "../../crypto/secret-box";
import { AppError } from "../../errors";
import { ZFoursquareCredentials, ZTwitterCredentials, type ChannelCredentials, type NetworkName } from "./channel.schemas";

/** A channel connection's credentials are bound to tenant, table, row and field. */
export function credentialsAad(tenantId: string, connectionId: string): string {
  return secretAad({ tenantId, entity: "ChannelConnection", rowId: connectionId, field: "credentials" });
}

export function sealCredentials(tenantId: string, connectionId: string, value: ChannelCredentials): string {
  return encryptSecret(JSON.stringify(value.credentials), credentialsAad(tenantId, connectionId));
}

/** Decrypts and re-validates; a row that fails either way is reported without details. */
export function openCredentials(tenantId: string, connectionId: string, network: NetworkName, ciphertext: string): ChannelCredentials {
  const json = decryptSecret(ciphertext, credentialsAad(tenantId, connectionId));
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    throw new AppError("INTERNAL", "stored credentials are unreadable");
  }
  switch (network) {
    case "TWITTER": {
      const result = ZTwitterCredentials.safeParse(parsed);
      if (!result.success) throw new AppError("INTERNAL", "stored credentials are unreadable");
      return { network, credentials: result.data };
    }
    case "FOURSQUARE": {
      const result = ZFoursquareCredentials.safeParse(parsed);
      if (!result.success) throw new AppError("INTERNAL", "stored credentials are unreadable");
      return { network, credentials: result.data };
    }
    default: {
      const unreachable: never = network;
      throw new AppError("INTERNAL", `unknown network ${String(unreachable)}`);
    }
  }
}

/** The last four characters of a long secret; nothing at all of a short one. */
function tail(secret: string): string {
  return secret.length >= 16 ? `…${secret.slice(-4)}` : "…";
}

/** A masked reminder of what is stored, safe to show an admin. */
export function credentialsHint(value: ChannelCredentials): string {
  if (value.network === "TWITTER") {
    const c = value.credentials;
    return c.kind === "bearer" ? `bearer ${tail(c.bearerToken)}` : `client id ${tail(c.clientId)}, secret ${tail(c.clientSecret)}`;
  }
  const c = value.credentials;
  return `client id ${tail(c.clientId)}, secret ${tail(c.clientSecret)}, push secret ${tail(c.pushSecret)}`;
}

/** Every secret value of a credential set, to scrub from error text before it is stored. */
export function secretValues(value: ChannelCredentials): string[] {
  if (value.network === "TWITTER") {
    const c = value.credentials;
    return c.kind === "bearer" ? [c.bearerToken] : [c.clientSecret];
  }
  return [value.credentials.clientSecret, value.credentials.pushSecret];
}

/** Replaces any secret found in a provider's error message, and caps its length. */
export function scrubError(message: string, secrets: readonly string[], max = 500): string {
  let text = message.replace(/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=%-]+/gi, "$1 [redacted]");
  for (const secret of secrets) if (secret.length >= 4) text = text.split(secret).join("[redacted]");
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
