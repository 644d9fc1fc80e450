import type { ReactNode } from "react";
import { AppShell } from "@/components/app-shell/app-shell";
import { SidebarNav } from "@/components/app-shell/sidebar-nav";
import { SettingsIcon } from "@/components/icons";
import { AccountMenu } from "@/features/shell/account-menu";
import { signOutAction } from "@/app/actions/sign-out";
import { listTenantsForUser } from "@/server/auth/membership";
import { requireUserPage } from "@/server/http/require-member";

/** The signed-in user's own settings: not a brand's, so the sidebar lists their brands. */
export default async function AccountLayout({ children }: { children: ReactNode }) {
  const user = await requireUserPage("/account");
  const tenants = await listTenantsForUser(user.id);
  return (
    <AppShell
      brandHref="/"
      sidebar={
        <div className="space-y-6">
          <SidebarNav label="Account" items={[{ href: "/account", label: "Account", icon: <SettingsIcon />, exact: true }]} />
          {tenants.length > 0 && <SidebarNav heading="Brands" items={tenants.map((t) => ({ href: `/t/${t.slug}`, label: t.name }))} />}
        </div>
      }
      topBar={<AccountMenu name={user.name} email={user.email} signOutAction={signOutAction} />}
    >
      {children}
    </AppShell>
  );
}
