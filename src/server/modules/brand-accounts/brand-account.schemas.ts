import { z } from "zod";

/** The networks whose brand account the inbox can reply as (posting needs a user grant: X only). */
export const BRAND_ACCOUNT_NETWORKS = ["TWITTER"] as const;
export type BrandAccountNetwork = (typeof BRAND_ACCOUNT_NETWORKS)[number];
export const ZBrandAccountNetwork = z.enum(BRAND_ACCOUNT_NETWORKS, { error: "the brand can connect an X account only" });

/** What the network sends back to the callback (all optional: a forged or broken return is refused, not crashed on). */
export const ZBrandConnectCallback = z.object({
  state: z.string().max(200).optional(),
  code: z.string().max(2000).optional(),
  error: z.string().max(200).optional(),
});
export type BrandConnectCallback = z.infer<typeof ZBrandConnectCallback>;

/** Why a connection did not happen: the Channels page words each one (nothing from the network is echoed). */
export const BRAND_CONNECT_FAILURES = ["denied", "state", "network", "refused", "scopes"] as const;
export type BrandConnectFailure = (typeof BRAND_CONNECT_FAILURES)[number];
export const ZBrandConnectFailure = z.enum(BRAND_CONNECT_FAILURES);

export interface BrandAccountDto {
  id: string;
  network: BrandAccountNetwork;
  handle: string;
  displayName: string;
  status: "ACTIVE" | "NEEDS_RECONNECT" | "DISCONNECTED";
  lastError: string | null;
  canPost: boolean;
  connectedAt: string;
}

/** How long a started "Connect X" may take at the network before its state stops working. */
export const BRAND_CONNECT_TTL_MS = 10 * 60_000;

/** The Connect and Disconnect forms post the network only. */
export const ZBrandAccountForm = z.strictObject({ network: ZBrandAccountNetwork });
