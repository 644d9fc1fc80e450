import { LogoutIcon } from "@/components/icons";
import { MenuItemButton } from "@/components/app-shell/menu-item-button";
import { UserMenu } from "@/components/app-shell/user-menu";

export interface AccountMenuProps {
  name: string;
  email: string;
  signOutAction: () => Promise<void>;
  signOutEverywhereAction: () => Promise<void>;
}

/** The top-bar menu of every signed-in screen: the account page, and two ways to sign out. */
export function AccountMenu({ name, email, signOutAction, signOutEverywhereAction }: AccountMenuProps) {
  return (
    <UserMenu name={name} email={email} links={[{ href: "/account", label: "Account" }]} signOutAction={signOutAction}>
      <form action={signOutEverywhereAction}>
        <MenuItemButton type="submit" icon={<LogoutIcon />}>
          Sign out everywhere
        </MenuItemButton>
      </form>
    </UserMenu>
  );
}
