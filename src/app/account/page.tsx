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
        <Card title="Change password" description="You stay signed in here; every other device is signed out." headingLevel={2}>
          <ChangePasswordForm action={changePasswordAction} />
        </Card>
        <Card
          title="Sign out everywhere"
          description="Ends every session of your account — other browsers, phones, and this one. Use it if you signed in on a shared computer or lost a device."
          headingLevel={2}
        >
          <SignOutEverywhereForm action={signOutEverywhereAction} />
        </Card>
      </div>
    </>
  );
}
