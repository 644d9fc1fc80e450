import type { Metadata } from "next";
import Link from "next/link";
import { Alert } from "@/components/alert";
import { Card } from "@/components/card";
import { FeedbackForm } from "@/features/portal/feedback/feedback-form";
import { FeedbackShareForm } from "@/features/portal/feedback/feedback-share-form";
import { PortalFrame } from "@/features/portal/portal-frame";
import { requireCustomer } from "@/server/http/require-customer";
import { answerOfMine } from "@/server/modules/feedback/my-feedback";
import { feedbackShareOffer, type FeedbackShareOffer } from "@/server/modules/feedback/feedback-share";
import { FEEDBACK_COMMENT_MAX } from "@/server/modules/feedback/feedback.schemas";
import { feedbackLocationOf, feedbackLocations } from "@/server/modules/feedback/submit-feedback";
import { myProfile } from "@/server/modules/portal/my-profile";
import { signOutOfPortalAction } from "../actions";
import { shareFeedbackAction, submitFeedbackAction } from "./actions";

export const metadata: Metadata = { title: "Feedback" };

const SHARE_STATUS: Record<Extract<FeedbackShareOffer, { kind: "shared" }>["status"], string> = {
  PENDING: "Your post is on its way; your points follow once it is live. It shows under Linked accounts → Posted on your behalf.",
  POSTED: "Your post is live. Thank you for recommending us!",
  FAILED: "Your post could not be made; see Linked accounts for the reason.",
};

export default async function FeedbackPage({
  params,
  searchParams,
}: {
  params: Promise<{ brand: string }>;
  searchParams: Promise<{ at?: string; answered?: string }>;
}) {
  const { brand: slug } = await params;
  const { brand, cctx } = await requireCustomer(slug, `/r/${slug}/feedback`);
  const query = await searchParams;
  const base = `/r/${brand.scope.tenantSlug}`;
  const [profile, answer] = await Promise.all([myProfile(cctx), answerOfMine(cctx, query.answered)]);
  const frame = {
    slug: brand.scope.tenantSlug,
    brandName: brand.name,
    theme: brand.theme,
    privacyPolicyUrl: brand.privacyPolicyUrl,
    customerName: profile.displayName,
    signOutAction: signOutOfPortalAction,
  };

  if (!answer) {
    const [locations, at] = await Promise.all([feedbackLocations(cctx), feedbackLocationOf(cctx, query.at)]);
    return (
      <PortalFrame {...frame} active="feedback">
        <h1 className="text-xl font-semibold text-fg">Tell us how we did</h1>
        {at && <p className="text-sm text-fg-muted">About your visit to {at.name}.</p>}
        <Card>
          <FeedbackForm
            slug={brand.scope.tenantSlug}
            brandName={brand.name}
            locations={locations}
            locationId={at?.id ?? null}
            commentMax={FEEDBACK_COMMENT_MAX}
            action={submitFeedbackAction}
          />
        </Card>
      </PortalFrame>
    );
  }

  const offer = answer.npsClass === "PROMOTER" ? await feedbackShareOffer(cctx, answer.id) : null;
  return (
    <PortalFrame {...frame} active="feedback">
      <h1 className="text-xl font-semibold text-fg">Thank you for your answer</h1>
      {answer.npsClass === "DETRACTOR" && (
        <Alert tone="info" title="We hear you" role="status">
          Thanks, someone from {brand.name} will read this.
        </Alert>
      )}
      {answer.npsClass === "PASSIVE" && (
        <Alert tone="success" title="Thanks" role="status">
          Thanks for telling us. It helps {brand.name} get better.
        </Alert>
      )}
      {answer.npsClass === "PROMOTER" && (
        <Alert tone="success" title="You made our day" role="status">
          We are glad you would recommend {brand.name}.
        </Alert>
      )}
      {offer?.kind === "share" && (
        <Card title="Tell your friends" headingLevel={2}>
          <FeedbackShareForm slug={brand.scope.tenantSlug} responseId={answer.id} {...offer} action={shareFeedbackAction} />
        </Card>
      )}
      {offer?.kind === "link-first" && (
        <Card title="Tell your friends" headingLevel={2}>
          <p className="text-sm text-fg-muted">
            Link your X account and allow {brand.name} to post, then share this answer and earn points for it.{" "}
            <Link href={`${base}/accounts`} className="font-medium text-brand-700 hover:underline">
              Link X first
            </Link>
          </p>
        </Card>
      )}
      {offer?.kind === "recently-shared" && (
        <p className="text-sm text-fg-muted">You shared an answer with your friends in the last {offer.days} days. Thank you for recommending us!</p>
      )}
      {offer?.kind === "shared" && (
        <Alert tone={offer.status === "FAILED" ? "warning" : "success"} title="Shared" role="status">
          {SHARE_STATUS[offer.status]}
        </Alert>
      )}
      <p className="text-sm">
        <Link href={base} className="font-medium text-brand-700 hover:underline">
          Back to {brand.name} rewards
        </Link>
      </p>
    </PortalFrame>
  );
}
