import { systemContext } from "../../auth/tenant-context";
import type { Network } from "../../db/generated/enums";
import { getLogger } from "../../logger";
import { postIdsTakenByOtherShares } from "../../modules/sharing/share-posts";
import { getProvider, shareRulesFor } from "../../social/provider-registry";
import { listeningCredential } from "../listening-credential";

/** Clock skew allowed between our createdAt and the network's post time. */
const SKEW_MS = 5 * 60_000;

export interface OwnPostQuery {
  tenantId: string;
  shareId: string;
  network: Network;
  handle: string;
  externalUserId: string;
  text: string;
  /** The share row's creation: its post cannot be older. */
  notBefore: Date;
}

/**
 * Best effort: the id of a live post by this user with exactly this text, made since the share
 * was created and not already recorded for another share, found with the tenant's app search.
 * Null when there is none, the network has no such search, the tenant has no usable app
 * connection, or the search fails (callers must stay safe without it: see post-share.ts).
 */
export async function findOwnRecentPost(query: OwnPostQuery): Promise<string | null> {
  const search = shareRulesFor(query.network).ownPostsQuery(query.handle);
  if (!search) return null;
  try {
    const credential = await listeningCredential(systemContext(query.tenantId), query.network);
    if (!credential) return null;
    const provider = getProvider(query.network);
    const page = await provider.searchMentions(await credential.auth(), {
      query: search,
      sinceId: null,
      pageToken: null,
      maxResults: provider.limits.maxResultsPerPage,
    });
    const wanted = query.text.trim();
    const candidates = page.mentions
      .filter((m) => m.author.externalId === query.externalUserId && !m.isRetweet && m.text.trim() === wanted)
      .filter((m) => m.postedAt.getTime() >= query.notBefore.getTime() - SKEW_MS)
      .map((m) => m.externalId);
    if (candidates.length === 0) return null;
    const taken = await postIdsTakenByOtherShares(systemContext(query.tenantId), query.shareId, candidates);
    // Newest first from the search: the latest matching post is the one this share made.
    return candidates.find((id) => !taken.has(id)) ?? null;
  } catch (error) {
    getLogger().warn(
      { tenantId: query.tenantId, shareId: query.shareId, err: error instanceof Error ? error.message : String(error) },
      "own-post lookup failed",
    );
    return null;
  }
}
