import type { Metadata } from "next";
import { Card } from "@/components/card";
import { LinkSignInForm } from "@/features/portal/link-sign-in-form";
import { PortalFrame } from "@/features/portal/portal-frame";
import { visitPortal } from "@/server/http/require-customer";
import { signInWithLinkAction, signOutOfPortalAction } from "../../actions";

export const metadata: Metadata = { title: "Sign in", referrer: "no-referrer" };

/** Opening the link spends nothing (mail scanners open links); the button does. */
export default async function PortalLinkSignInPage({ params }: { params: Promise<{ brand: string; token: string }> }) {
  const { brand: slug, token } = await params;
  const { brand } = await visitPortal(slug);
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
      <Card title={`Sign in to ${brand.name} rewards`} description="You opened the link from your email. One more tap and you're in.">
        <LinkSignInForm slug={brand.scope.tenantSlug} token={token} brandName={brand.name} action={signInWithLinkAction} />
      </Card>
    </PortalFrame>
  );
}
