import type { ReactNode } from "react";
import { AppShell } from "@/components/app-shell/app-shell";
import { TenantSwitcher } from "@/components/app-shell/tenant-switcher";
import { AccountMenu } from "@/features/shell/account-menu";
import { TenantNav } from "@/features/shell/tenant-nav";
import { signOutAction } from "@/app/actions/sign-out";
import { requireMember } from "@/server/http/require-member";

/**
 * The marketer's shell. It renders navigation only; every page under it calls requireMember
 * itself, so no page relies on this layout for authorization.
 */
export default async function TenantLayout({ children, params }: { children: ReactNode; params: Promise<{ tenant: string }> }) {
  const { tenant: slug } = await params;
  const { user, tenants } = await requireMember(slug, `/t/${slug}`);
  return (
    <AppShell
      brandHref={`/t/${slug}`}
      sidebar={
        <div className="space-y-6">
          <TenantSwitcher tenants={tenants.map((t) => ({ slug: t.slug, name: t.name, role: t.role.toLowerCase(), href: `/t/${t.slug}` }))} currentSlug={slug} />
          <TenantNav slug={slug} />
        </div>
      }
      topBar={<AccountMenu name={user.name} email={user.email} signOutAction={signOutAction} />}
    >
      {children}
    </AppShell>
  );
}
