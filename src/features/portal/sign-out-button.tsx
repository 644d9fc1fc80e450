"use client";

import { useActionState } from "react";
import { SubmitButton } from "@/components/submit-button";
import type { FormAction } from "../forms/remembered";

export function PortalSignOutButton({ slug, action }: { slug: string; action: FormAction }) {
  const [, signOut] = useActionState(action, { status: "idle" });
  return (
    <form action={signOut}>
      <input type="hidden" name="brand" value={slug} />
      <SubmitButton variant="ghost" size="sm" pendingLabel="Signing out…">
        Sign out
      </SubmitButton>
    </form>
  );
}
