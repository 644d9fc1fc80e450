import { UserMenu } from "@/components/app-shell/user-menu";

export interface AccountMenuProps {
  name: string;
  email: string;
  signOutAction: () => Promise<void>;
}

/**
 * The top-bar menu of every signed-in screen. "Sign out everywhere" ends every session of the
 * account, so it opens its confirmation on the account page instead of acting on one click.
 */
export function AccountMenu({ name, email, signOutAction }: AccountMenuProps) {
  return (
    <UserMenu
      name={name}
      email={email}
      links={[
        { href: "/account", label: "Account" },
        { href: "/account#sign-out-everywhere", label: "Sign out everywhere…" },
      ]}
      signOutAction={signOutAction}
    />
  );
}
