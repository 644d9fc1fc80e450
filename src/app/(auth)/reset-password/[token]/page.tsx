import type { Metadata } from "next";
import { ButtonLink } from "@/components/button-link";
import { Card } from "@/components/card";
import { ResetPasswordForm } from "@/features/auth/reset-password-form";
import { isResetTokenUsable } from "@/server/modules/account/password-reset";
import { resetPasswordAction } from "./actions";

export const metadata: Metadata = { title: "Choose a new password" };

export default async function ResetPasswordPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  if (!(await isResetTokenUsable(token))) {
    return (
      <Card title="This reset link can't be used" description="It was used already, a newer one was sent, or it expired (links last 30 minutes).">
        <ButtonLink fullWidth href="/forgot-password">
          Send a new link
        </ButtonLink>
      </Card>
    );
  }
  return (
    <Card title="Choose a new password" description="Every device signed in to your account will be signed out.">
      <ResetPasswordForm token={token} action={resetPasswordAction} />
    </Card>
  );
}
