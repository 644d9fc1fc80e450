import type { Metadata } from "next";
import Link from "next/link";
import { Card } from "@/components/card";
import { SignUpForm } from "@/features/auth/sign-up-form";
import { signUpAction } from "./actions";

export const metadata: Metadata = { title: "Create your account" };

export default function SignUpPage() {
  return (
    <Card title="Start your advocacy program" description="Create your account and your brand.">
      <SignUpForm action={signUpAction} />
      <p className="mt-6 text-sm text-fg-muted">
        Already have an account?{" "}
        <Link className="font-medium text-brand-700 underline-offset-2 hover:underline" href="/signin">
          Sign in
        </Link>
      </p>
    </Card>
  );
}
