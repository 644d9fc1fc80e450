import type { Metadata } from "next";
import { Alert } from "@/components/alert";
import { Badge } from "@/components/badge";
import { Card } from "@/components/card";
import { ConnectAccountForm } from "@/features/portal/accounts/connect-account-form";
import { AutoSharingToggle, UnlinkButton } from "@/features/portal/accounts/linked-account-controls";
import { SharePostsList } from "@/features/portal/accounts/share-posts-list";
import { PortalFrame } from "@/features/portal/portal-frame";
import { requireCustomer } from "@/server/http/require-customer";
import { ZLinkFailure, type LinkFailure } from "@/server/modules/portal/accounts/accounts.schemas";
import { linkableNetworkInfo, myLinkedAccounts, mySharePosts } from "@/server/modules/portal/accounts/my-accounts";
import { myProfile } from "@/server/modules/portal/my-profile";
import { signOutOfPortalAction } from "../actions";
import { autoSharingAction, startLinkAction, unlinkAccountAction } from "./actions";

export const metadata: Metadata = { title: "Linked accounts" };

/** What the network did when an account was unlinked (?unlinked=), in words. */
const UNLINKED: Record<string, { tone: "success" | "warning"; text: string }> = {
  revoked: { tone: "success", text: "The account is unlinked: its access was revoked, and nothing more is read from it or posted to it." },
  local: {
    tone: "warning",
    text: "The account is unlinked here and nothing more is read from it or posted to it, but the network did not confirm the revoke: you can also remove the app in that network's settings (connected apps).",
  },
  deleted: {
    tone: "warning",
    text: "The account is unlinked: we deleted our copy of its access, and nothing more is read from it. That network gives apps no way to revoke access themselves, so to remove the app there too, do it in that network's settings (connected apps).",
  },
};

/** Each way a link can fail, in words: nothing the network or the URL says is shown. */
const FAILURES: Record<LinkFailure, string> = {
  denied: "You did not allow access at the network, so nothing was linked.",
  state:
    "That sign-in could not be matched to this page (it was used already, expired after 10 minutes, or was started elsewhere). Nothing was linked; please start again.",
  network: "The network could not be reached. Nothing was linked; please try again in a few minutes.",
  refused: "The network did not accept the sign-in. Nothing was linked; please try again.",
  conflict: "That account is already linked to another customer of this brand, so it was not linked to you.",
  unavailable: "Linking that network is not available yet.",
  failed: "Something went wrong on our side. Nothing was linked; please try again.",
};

export default async function MyAccountsPage({
  params,
  searchParams,
}: {
  params: Promise<{ brand: string }>;
  searchParams: Promise<{ error?: string; linked?: string; unlinked?: string }>;
}) {
  const { brand: slug } = await params;
  const { brand, cctx } = await requireCustomer(slug, `/r/${slug}/accounts`);
  const query = await searchParams;
  const [profile, accounts, posts] = await Promise.all([myProfile(cctx), myLinkedAccounts(cctx), mySharePosts(cctx)]);
  const failure = ZLinkFailure.safeParse(query.error);
  // Only an account of this customer's is named; anything else in ?linked= is ignored.
  const justLinked = accounts.find((account) => account.id === query.linked);
  const unlinked = query.unlinked && Object.hasOwn(UNLINKED, query.unlinked) ? UNLINKED[query.unlinked] : undefined;
  const brandSlug = brand.scope.tenantSlug;
  return (
    <PortalFrame
      slug={brandSlug}
      brandName={brand.name}
      theme={brand.theme}
      privacyPolicyUrl={brand.privacyPolicyUrl}
      customerName={profile.displayName}
      active="accounts"
      signOutAction={signOutOfPortalAction}
    >
      <h1 className="text-xl font-semibold text-fg">Linked accounts</h1>
      {failure.success && (
        <Alert tone="danger" title="Not linked">
          {FAILURES[failure.data]}
        </Alert>
      )}
      {unlinked && (
        <Alert tone={unlinked.tone} title="Unlinked">
          {unlinked.text}
        </Alert>
      )}
      {justLinked && (
        <Alert tone="success" title="Linked">
          Your {justLinked.networkLabel} account {justLinked.accountName} is linked. Any points it earned you are on your points page.
        </Alert>
      )}
      <Card title="Linked accounts">
        {accounts.length === 0 ? (
          <p className="text-sm text-fg-muted">No account is linked yet.</p>
        ) : (
          <ul className="divide-y divide-line" data-testid="linked-accounts">
            {accounts.map((account) => (
              <li key={account.id} className="space-y-2 py-3" data-testid={`linked-${account.network.toLowerCase()}`}>
                <div className="flex flex-wrap items-center gap-2">
                  <span className="font-medium break-all text-fg">{account.accountName}</span>
                  <Badge tone="neutral">{account.networkLabel}</Badge>
                  {account.needsReconnect && <Badge tone="warning">Connect again</Badge>}
                </div>
                <p className="text-sm text-fg-muted">
                  {account.linkedAt ? <>Linked since {account.linkedAt.slice(0, 10)}. </> : null}
                  {account.autoSharing ? `${brand.name} may post the points you earn on this account.` : `${brand.name} does not post on this account.`}
                  {account.postingOffered ? null : ` Posting on ${account.networkLabel} is not offered.`}
                </p>
                <div className="flex flex-wrap items-start gap-2">
                  {account.postingOffered && <AutoSharingToggle slug={brandSlug} profileId={account.id} on={account.autoSharing} action={autoSharingAction} />}
                  <UnlinkButton slug={brandSlug} profileId={account.id} accountName={account.accountName} action={unlinkAccountAction} />
                </div>
              </li>
            ))}
          </ul>
        )}
      </Card>
      {linkableNetworkInfo().map((network) => (
        <Card key={network.network} title={`Connect ${network.label}`}>
          <ConnectAccountForm
            slug={brandSlug}
            brandName={brand.name}
            network={network.network}
            label={network.label}
            whatIsRead={network.whatIsRead}
            unlinkNote={network.unlinkNote}
            postingOffered={network.postingOffered}
            action={startLinkAction}
          />
        </Card>
      ))}
      <Card title="Posted on your behalf">
        <SharePostsList posts={posts} />
      </Card>
    </PortalFrame>
  );
}
