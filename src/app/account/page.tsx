import type { Metadata } from "next";
import { Card } from "@/components/card";
import { PageHeader } from "@/components/page-header";
import { ChangePasswordForm } from "@/features/account/change-password-form";
import { SignOutEverywhereForm } from "@/features/account/sign-out-everywhere-form";
import { signOutEverywhereAction } from "@/app/actions/sign-out";
import { requireUserPage } from "@/server/http/require-member";
import { changePasswordAction } from "./actions";

export const metadata: Metadata = { title: "Account" };

export default async function AccountPage() {
  const user = await requireUserPage("/account");
  return (
    <>
      <PageHeader eyebrow="Account" title="Your account" description={`Signed in as ${user.email}.`} />
      <div className="max-w-2xl space-y-6">
        <Card title="Change password" description="Every device signed in to your account is signed out; this browser gets a fresh session." headingLevel={2}>
          <ChangePasswordForm action={changePasswordAction} />
        </Card>
        <div id="sign-out-everywhere" className="scroll-mt-20">
          <Card
            title="Sign out everywhere"
            description="Ends every session of your account — other browsers, phones, and this one. Use it if you signed in on a shared computer, lost a device, or think someone else is signed in as you."
            headingLevel={2}
          >
            <SignOutEverywhereForm action={signOutEverywhereAction} />
          </Card>
        </div>
      </div>
    </>
  );
}
