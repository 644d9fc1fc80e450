import { loginTwitterApp } from "../integrations/twitter/twitter-client";
import type { DecryptedChannelConnection } from "../modules/channels/channel-credentials";
import type { AppAuth } from "../social/social-provider";

const exchanged = new Map<string, Promise<string>>();

/**
 * The app-level credential a provider call needs. A stored bearer token is used as is; client
 * id + secret are exchanged once per process (client_credentials) and the token reused.
 */
export async function appAuthFor(connection: DecryptedChannelConnection): Promise<AppAuth> {
  if (connection.network !== "TWITTER") throw new Error(`no app auth for ${connection.network}`);
  const credentials = connection.credentials;
  if (credentials.kind === "bearer") return { bearerToken: credentials.bearerToken };
  const cacheKey = `${connection.id}:${credentials.clientId}`;
  let token = exchanged.get(cacheKey);
  if (!token) {
    token = loginTwitterApp({ key: credentials.clientId, secret: credentials.clientSecret }).then((client) => {
      const active = client.getActiveTokens();
      if (active.type !== "oauth2") throw new Error("client_credentials login returned no bearer token");
      return active.bearerToken;
    });
    token.catch(() => exchanged.delete(cacheKey));
    exchanged.set(cacheKey, token);
  }
  return { bearerToken: await token };
}

/** After the network refused a token, forget it so the next run exchanges again. */
export function forgetAppAuth(connectionId: string): void {
  for (const key of exchanged.keys()) if (key.startsWith(`${connectionId}:`)) exchanged.delete(key);
}
