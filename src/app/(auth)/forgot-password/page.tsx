import type { Metadata } from "next";
import Link from "next/link";
import { Card } from "@/components/card";
import { ForgotPasswordForm } from "@/features/auth/forgot-password-form";
import { requestPasswordResetAction } from "./actions";

export const metadata: Metadata = { title: "Reset your password" };

export default function ForgotPasswordPage() {
  return (
    <Card title="Reset your password" description="Enter the email you sign in with; we'll send you a link to choose a new password.">
      <ForgotPasswordForm action={requestPasswordResetAction} />
      <p className="mt-6 text-sm text-fg-muted">
        Remembered it?{" "}
        <Link className="font-medium text-brand-700 underline-offset-2 hover:underline" href="/signin">
          Sign in
        </Link>
      </p>
    </Card>
  );
}
