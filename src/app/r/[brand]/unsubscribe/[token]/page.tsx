import type { Metadata } from "next";
import { Card } from "@/components/card";
import { buttonClasses } from "@/components/button-styles";
import { PortalFrame } from "@/features/portal/portal-frame";
import { visitPortal } from "@/server/http/require-customer";
import { AppError } from "@/server/errors";
import { describeUnsubscribe } from "@/server/modules/notifications/notification-preferences";
import { signOutOfPortalAction } from "../../actions";

export const metadata: Metadata = { title: "Unsubscribe", referrer: "no-referrer" };

const WHAT = {
  digest: "the daily summary of your points",
  affordable: "emails when you can afford a reward",
  cap: "emails when you reach a daily points limit",
  all: "summaries and reminders (reward codes still come)",
} as const;

/** Opening the link changes nothing (mail scanners open links); the button POSTs. */
export default async function UnsubscribePage({
  params,
  searchParams,
}: {
  params: Promise<{ brand: string; token: string }>;
  searchParams: Promise<{ done?: string }>;
}) {
  const { brand: slug, token } = await params;
  const { done } = await searchParams;
  const { brand, cctx } = await visitPortal(slug);
  const base = `/r/${brand.scope.tenantSlug}`;
  const found = await describeUnsubscribe(brand.scope, token).catch((error: unknown) => {
    if (error instanceof AppError && error.code === "NOT_FOUND") return null;
    throw error;
  });
  return (
    <PortalFrame
      slug={brand.scope.tenantSlug}
      brandName={brand.name}
      theme={brand.theme}
      privacyPolicyUrl={brand.privacyPolicyUrl}
      customerName={null}
      active={null}
      signOutAction={signOutOfPortalAction}
    >
      {!found ? (
        <Card title="This unsubscribe link is not valid">
          <p className="text-sm text-fg-muted">
            It may have been copied incompletely. Open it again from the email, or sign in and choose your emails on{" "}
            <a className="font-medium text-brand-700 hover:underline" href={`${base}/account`}>
              My account
            </a>
            .
          </p>
        </Card>
      ) : found.off || done ? (
        <Card title="You are unsubscribed">
          <p role="status" className="text-sm text-fg-muted">
            {brand.name} no longer sends you {WHAT[found.kind]}. You can turn it back on under{" "}
            <a className="font-medium text-brand-700 hover:underline" href={`${base}/account`}>
              My account
            </a>
            {cctx ? "" : " after signing in"}.
          </p>
        </Card>
      ) : (
        <Card title={`Stop ${WHAT[found.kind]}?`} description={`From ${brand.name}.`}>
          <form method="post" action={`${base}/unsubscribe/${token}/one-click`}>
            <input type="hidden" name="List-Unsubscribe" value="One-Click" />
            <input type="hidden" name="via" value="page" />
            <button type="submit" className={buttonClasses({ variant: "primary" })}>
              Unsubscribe
            </button>
          </form>
        </Card>
      )}
    </PortalFrame>
  );
}
