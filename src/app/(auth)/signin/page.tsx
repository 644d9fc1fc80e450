import type { Metadata } from "next";
import Link from "next/link";
import { Card } from "@/components/card";
import { SignInForm } from "@/features/auth/sign-in-form";
import { getSessionUser } from "@/server/http/session";
import { localRedirect, safeLocalPath } from "@/server/http/local-redirect";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const callbackUrl = safeLocalPath(params.callbackUrl);
  if (await getSessionUser()) localRedirect(callbackUrl);
  return (
    <Card title="Sign in to Megaphone" description="Welcome back. Your advocates have been busy.">
      <SignInForm callbackUrl={callbackUrl} defaultEmail={typeof params.email === "string" ? params.email : undefined} />
      <p className="mt-4 text-sm">
        <Link className="font-medium text-brand-700 underline-offset-2 hover:underline" href="/forgot-password">
          Forgot your password?
        </Link>
      </p>
      <p className="mt-6 text-sm text-fg-muted">
        New to Megaphone?{" "}
        <Link className="font-medium text-brand-700 underline-offset-2 hover:underline" href="/signup">
          Create an account
        </Link>
      </p>
    </Card>
  );
}
