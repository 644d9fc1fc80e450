import type { DecryptedChannelConnection } from "../../modules/channels/channel-credentials";
import type { AppAuth } from "../social-provider";
import { loginTwitterApp } from "./twitter-client";

const exchanged = new Map<string, Promise<string>>();

/**
 * The app-level credential for X. A stored bearer token is used as is; client id + secret are
 * exchanged once per process (client_credentials) and the token reused.
 */
export async function twitterAppAuth(connection: DecryptedChannelConnection): Promise<AppAuth> {
  if (connection.network !== "TWITTER") throw new Error(`not an X connection: ${connection.network}`);
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

/** After X refused a token, forget it so the next run exchanges again. */
export function forgetTwitterAppAuth(connectionId: string): void {
  for (const key of exchanged.keys()) if (key.startsWith(`${connectionId}:`)) exchanged.delete(key);
}
