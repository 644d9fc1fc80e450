import type { Metadata } from "next";
import { Card } from "@/components/card";
import { ConfirmSignUpForm } from "@/features/auth/confirm-sign-up-form";
import { isAppError } from "@/server/errors";
import { previewSignUp } from "@/server/modules/tenants/tenant.service";
import { confirmSignUpAction } from "../../actions";

export const metadata: Metadata = { title: "Confirm your account" };

/** Opened from the confirmation email. GET creates nothing (mail scanners follow links). */
export default async function ConfirmSignUpPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  let preview: { email: string; companyName: string };
  try {
    preview = await previewSignUp(token);
  } catch (error) {
    if (!isAppError(error)) throw error;
    return (
      <Card title="This link can't be used">
        <p className="text-sm text-fg-muted">{error.message}</p>
      </Card>
    );
  }
  return (
    <Card title="Confirm your account" description={`Create ${preview.companyName} on Megaphone for ${preview.email}.`}>
      <ConfirmSignUpForm token={token} email={preview.email} action={confirmSignUpAction} />
    </Card>
  );
}
