import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { Card } from "@/components/card";
import { PortalFrame } from "@/features/portal/portal-frame";
import { PortalSignInForm } from "@/features/portal/portal-sign-in-form";
import { portalReturnPath, visitPortal } from "@/server/http/require-customer";
import { requestSignInAction, signInWithCodeAction, signOutOfPortalAction } from "../actions";

export const metadata: Metadata = { title: "Sign in" };

export default async function PortalSignInPage({ params, searchParams }: { params: Promise<{ brand: string }>; searchParams: Promise<{ next?: string }> }) {
  const { brand: slug } = await params;
  const { brand, cctx } = await visitPortal(slug);
  const next = portalReturnPath(brand.scope.tenantSlug, (await searchParams).next);
  if (cctx) redirect(next);
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
      <Card title={`Sign in to ${brand.name} rewards`} description="New here? The same email gets you started. No password needed.">
        <PortalSignInForm slug={brand.scope.tenantSlug} next={next} requestAction={requestSignInAction} codeAction={signInWithCodeAction} />
      </Card>
    </PortalFrame>
  );
}
