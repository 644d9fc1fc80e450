import type { Metadata } from "next";
import { Card } from "@/components/card";
import { EraseMeForm } from "@/features/portal/erase-me-form";
import { NotificationPrefsForm } from "@/features/portal/notification-prefs-form";
import { PortalFrame } from "@/features/portal/portal-frame";
import { requireCustomer } from "@/server/http/require-customer";
import { myNotificationPreferences } from "@/server/modules/notifications/notification-preferences";
import { myProfile } from "@/server/modules/portal/my-profile";
import { signOutOfPortalAction } from "../actions";
import { eraseMeAction, saveNotificationPrefsAction } from "./actions";

export const metadata: Metadata = { title: "My account" };

export default async function MyAccountPage({ params }: { params: Promise<{ brand: string }> }) {
  const { brand: slug } = await params;
  const { brand, cctx } = await requireCustomer(slug, `/r/${slug}/account`);
  const [profile, prefs] = await Promise.all([myProfile(cctx), myNotificationPreferences(cctx)]);
  const base = `/r/${brand.scope.tenantSlug}`;
  return (
    <PortalFrame
      slug={brand.scope.tenantSlug}
      brandName={brand.name}
      theme={brand.theme}
      privacyPolicyUrl={brand.privacyPolicyUrl}
      customerName={profile.displayName}
      active="account"
      signOutAction={signOutOfPortalAction}
    >
      <h1 className="text-xl font-semibold text-fg">My account</h1>
      <Card title="You">
        <dl className="space-y-2 text-sm">
          <div>
            <dt className="text-fg-muted">Name</dt>
            <dd className="text-fg">{profile.displayName}</dd>
          </div>
          <div>
            <dt className="text-fg-muted">Email</dt>
            <dd className="break-all text-fg">{profile.primaryEmail ?? "—"}</dd>
          </div>
        </dl>
      </Card>
      <Card title="Emails" description={`What ${brand.name} may email you about.`}>
        <NotificationPrefsForm slug={brand.scope.tenantSlug} prefs={prefs} action={saveNotificationPrefsAction} />
      </Card>
      <Card title="Your data" description={`Everything ${brand.name} holds about you, as one JSON file.`}>
        {/* A download, not a page: a plain link so the browser saves the file. */}
        <a href={`${base}/account/export`} download className="text-sm font-medium text-brand-700 hover:underline">
          Download my data
        </a>
      </Card>
      <Card title="Erase my account">
        <EraseMeForm slug={brand.scope.tenantSlug} brandName={brand.name} action={eraseMeAction} />
      </Card>
    </PortalFrame>
  );
}
