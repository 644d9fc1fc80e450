import type { ReactNode } from "react";
import type { FormAction } from "../forms/remembered";
import { PortalShell, type PortalTab } from "./portal-shell";
import { PortalSignOutButton } from "./sign-out-button";

/** PortalShell with the sign-out button wired, for pages that know who is signed in. */
export function PortalFrame(props: {
  slug: string;
  brandName: string;
  customerName: string | null;
  active: PortalTab | null;
  theme: { themeUrl: string; logoUrl: string | null };
  privacyPolicyUrl?: string | null;
  signOutAction: FormAction;
  children: ReactNode;
}) {
  const { signOutAction, ...shell } = props;
  return <PortalShell {...shell} signOut={shell.customerName !== null ? <PortalSignOutButton slug={shell.slug} action={signOutAction} /> : undefined} />;
}
