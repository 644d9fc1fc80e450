import type { CustomerContext } from "../../../auth/tenant-context";
import { getDb } from "../../../db/client";
import type { Network, SharePostStatus } from "../../../db/generated/enums";
import { grantAllowsPosting } from "../../../social/account-linking";
import { getAccountLinking, linkableNetworks, networkLabel } from "../../../social/provider-registry";
import { latestAllowsPosting } from "../../social-profiles/posting-consent";

export interface MyLinkedAccount {
  id: string;
  network: Network;
  networkLabel: string;
  handle: string;
  /** How the account is named to the customer ("@name" on X, the person's name on Foursquare). */
  accountName: string;
  linkedAt: string | null;
  /** NEEDS_RECONNECT: the network refused the stored grant; connecting again fixes it. */
  needsReconnect: boolean;
  /** The latest consent for this account lets the brand post the customer's earned points. */
  autoSharing: boolean;
  /** The stored grant includes the network's posting scope. */
  grantAllowsPosting: boolean;
  /** The portal offers posting on this network at all (not on Foursquare). */
  postingOffered: boolean;
}

export interface LinkableNetwork {
  network: Network;
  label: string;
  whatIsRead: string[];
  /** What unlinking does at the network, in words. */
  unlinkNote: string;
  /** The separate "may post" consent is offered (not on Foursquare, where nothing is posted). */
  postingOffered: boolean;
}

export interface MySharePost {
  id: string;
  networkLabel: string;
  text: string;
  status: SharePostStatus;
  createdAt: string;
  postedAt: string | null;
  /** http(s) only; null until posted. */
  url: string | null;
}

/** The customer's linked accounts (not the ones they unlinked), newest link first. */
export async function myLinkedAccounts(cctx: CustomerContext): Promise<MyLinkedAccount[]> {
  const { tenantId, customerId } = cctx;
  const profiles = await getDb().socialProfile.findMany({
    where: { tenantId, customerId, status: { not: "REVOKED" } },
    orderBy: [{ linkedAt: "desc" }, { id: "desc" }],
    select: {
      id: true,
      network: true,
      handle: true,
      displayName: true,
      linkedAt: true,
      status: true,
      scopes: true,
      consents: { where: { tenantId, customerId }, select: { id: true, allowPosting: true, grantedAt: true, revokedAt: true } },
    },
  });
  return profiles.map((p) => {
    const linking = linkableNetworks().includes(p.network) ? getAccountLinking(p.network) : null;
    return {
      id: p.id,
      network: p.network,
      networkLabel: networkLabel(p.network),
      handle: p.handle,
      accountName: linking ? linking.accountName({ handle: p.handle, displayName: p.displayName }) : p.handle,
      linkedAt: p.linkedAt?.toISOString() ?? null,
      needsReconnect: p.status !== "ACTIVE",
      autoSharing: latestAllowsPosting(p.consents),
      grantAllowsPosting: linking !== null && grantAllowsPosting(linking, p.scopes),
      postingOffered: linking !== null && linking.postScopes !== null,
    };
  });
}

/** The networks the portal can link, with what linking reads, for the consent step. */
export function linkableNetworkInfo(): LinkableNetwork[] {
  return linkableNetworks().map((network) => {
    const linking = getAccountLinking(network);
    return {
      network,
      label: networkLabel(network),
      whatIsRead: [...linking.whatIsRead],
      unlinkNote: linking.unlinkNote,
      postingOffered: linking.postScopes !== null,
    };
  });
}

export const MY_SHARE_POSTS_LIMIT = 50;

/** What was posted (or is waiting to be posted) on the customer's behalf, newest first. */
export async function mySharePosts(cctx: CustomerContext): Promise<MySharePost[]> {
  const { tenantId, customerId } = cctx;
  const rows = await getDb().sharePost.findMany({
    where: { tenantId, customerId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: MY_SHARE_POSTS_LIMIT,
    select: {
      id: true,
      text: true,
      status: true,
      createdAt: true,
      postedAt: true,
      externalPostId: true,
      socialProfile: { select: { network: true, handle: true } },
    },
  });
  return rows.map((row) => {
    const { network, handle } = row.socialProfile;
    const url =
      row.status === "POSTED" && row.externalPostId && linkableNetworks().includes(network)
        ? getAccountLinking(network).postUrl(handle, row.externalPostId)
        : null;
    return {
      id: row.id,
      networkLabel: networkLabel(network),
      text: row.text,
      status: row.status,
      createdAt: row.createdAt.toISOString(),
      postedAt: row.postedAt?.toISOString() ?? null,
      url: url && /^https?:\/\//.test(url) ? url : null,
    };
  });
}
