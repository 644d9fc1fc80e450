import type { TenantContext } from "../auth/tenant-context";
import { getDb } from "../db/client";
import { BRAND_ACCOUNT_NETWORKS } from "../modules/brand-accounts/brand-account.schemas";
import { BrandAuthError, getBrandAccessToken, markBrandAccountNeedsReconnect } from "../modules/brand-accounts/brand-account-tokens";
import { getActiveChannelCredentials, markNeedsReconnect } from "../modules/channels/channel-credentials";
import type { NetworkName } from "../modules/channels/channel.schemas";
import { getAccountLinking, getProvider } from "../social/provider-registry";
import type { AppAuth, ClassifiedError } from "../social/social-provider";
import { appAuthFor } from "./app-auth";

/**
 * What the workers read a network with: the app's credentials (a channel connection) when the
 * brand set them, else — for sources on the default connection — the brand's own account
 * connected by "Connect X" (its user token reads search and lookups as well as an app token).
 * Whichever it is, a refusal marks that one "needs reconnect" and nothing else.
 */
export interface ListeningCredential {
  via: "CHANNEL_CONNECTION" | "BRAND_ACCOUNT";
  id: string;
  auth(): Promise<AppAuth>;
  /** The network's (or the brand token store's) error, as the sync policy reads it. */
  classify(error: unknown): ClassifiedError;
  /** Forget a cached token: the next call gets a new one. */
  forget(): void;
  /** The network refused the credential for good: it is not used until someone reconnects it. */
  refused(message: string): Promise<void>;
}

export async function listeningCredential(ctx: TenantContext, network: NetworkName, connectionId?: string | null): Promise<ListeningCredential | null> {
  const connection = await getActiveChannelCredentials(ctx, network, connectionId);
  const provider = getProvider(network);
  if (connection) {
    return {
      via: "CHANNEL_CONNECTION",
      id: connection.id,
      auth: () => appAuthFor(connection),
      classify: (error) => provider.classifyError(error),
      forget: () => provider.forgetAppAuth(connection.id),
      refused: async (message) => {
        provider.forgetAppAuth(connection.id);
        await markNeedsReconnect(ctx, connection.id, message);
      },
    };
  }
  // A source pinned to a named connection never falls back: its admin chose those credentials.
  if (connectionId) return null;
  const account = await activeBrandAccount(ctx, network);
  if (!account) return null;
  return {
    via: "BRAND_ACCOUNT",
    id: account.id,
    auth: async () => ({ bearerToken: await getBrandAccessToken(ctx, account.id) }),
    classify: (error) => {
      if (error instanceof BrandAuthError) return { kind: error.kind === "RECONNECT" ? "RECONNECT" : "TRANSIENT", message: error.message };
      return provider.classifyError(error);
    },
    forget: () => undefined,
    refused: (message) => getDb().$transaction((tx) => markBrandAccountNeedsReconnect(tx, ctx, account.id, `listening refused: ${message}`)),
  };
}

/** The brand's ACTIVE connected account on `network`, when its grant includes reading. */
async function activeBrandAccount(ctx: TenantContext, network: NetworkName): Promise<{ id: string } | null> {
  if (!(BRAND_ACCOUNT_NETWORKS as readonly string[]).includes(network)) return null;
  const row = await getDb().brandSocialAccount.findFirst({
    where: { tenantId: ctx.tenantId, network, status: "ACTIVE" },
    select: { id: true, scopes: true },
  });
  if (!row) return null;
  const reads = getAccountLinking(network).readScopes;
  return reads.every((scope) => row.scopes.includes(scope)) ? { id: row.id } : null;
}
