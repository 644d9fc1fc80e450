import type { Metadata } from "next";
import { ButtonLink } from "@/components/button-link";
import { Card } from "@/components/card";
import { JoinForm } from "@/features/portal/join-form";
import { PortalFrame } from "@/features/portal/portal-frame";
import { readJoinToken } from "@/server/http/portal-cookies";
import { portalReturnPath, visitPortal } from "@/server/http/require-customer";
import { pendingJoinEmail } from "@/server/modules/portal/join-portal";
import { programTerms } from "@/server/modules/portal/program-terms";
import { joinAction, signOutOfPortalAction } from "../actions";

export const metadata: Metadata = { title: "Join" };

/** Reached only through a verified sign-in email whose address is not a customer yet (the join cookie). */
export default async function PortalJoinPage({ params, searchParams }: { params: Promise<{ brand: string }>; searchParams: Promise<{ next?: string }> }) {
  const { brand: slug } = await params;
  const { brand } = await visitPortal(slug);
  const base = `/r/${brand.scope.tenantSlug}`;
  const token = await readJoinToken();
  const email = token ? await pendingJoinEmail(brand.scope, token) : null;
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
      {email ? (
        <Card title={`Join ${brand.name} rewards`} description="Your email is confirmed. Tell us your name and accept the terms to start earning.">
          <JoinForm
            slug={brand.scope.tenantSlug}
            next={portalReturnPath(brand.scope.tenantSlug, (await searchParams).next)}
            brandName={brand.name}
            email={email}
            terms={programTerms(brand.name)}
            action={joinAction}
          />
        </Card>
      ) : (
        <Card title="This sign-up has expired" description="Ask for a new sign-in email to continue.">
          <ButtonLink href={`${base}/sign-in`} fullWidth>
            Get a new sign-in email
          </ButtonLink>
        </Card>
      )}
    </PortalFrame>
  );
}
