import type { DecryptedChannelConnection } from "../modules/channels/channel-credentials";
import { getProvider, registeredNetworks } from "../social/provider-registry";
import type { AppAuth } from "../social/social-provider";

/** The app-level credential a provider call with this channel connection needs (the network's own rules). */
export async function appAuthFor(connection: DecryptedChannelConnection): Promise<AppAuth> {
  return getProvider(connection.network).appAuth(connection);
}

/** After the network refused a token, forget any cached one so the next run gets a new one. */
export function forgetAppAuth(connectionId: string): void {
  for (const entry of registeredNetworks()) entry.search?.forgetAppAuth(connectionId);
}
