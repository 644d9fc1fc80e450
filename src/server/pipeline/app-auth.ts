import type { DecryptedChannelConnection } from "../modules/channels/channel-credentials";
import { getProvider } from "../social/provider-registry";
import type { AppAuth } from "../social/social-provider";

/** The app-level credential a provider call with this channel connection needs (the network's own rules). */
export async function appAuthFor(connection: DecryptedChannelConnection): Promise<AppAuth> {
  return getProvider(connection.network).appAuth(connection);
}
