"use client";

import { useActionState, type ReactNode } from "react";
import { cn } from "@/components/cn";
import type { FormAction } from "../forms/remembered";
import { ActionMessage } from "./action-message";

/**
 * A small triage form driven by a server action: the tenant rides along as a hidden field and
 * the server's answer (done, or why not) is announced under the controls.
 */
export function InboxActionForm({
  action,
  tenantSlug,
  children,
  id,
  className,
  label,
}: {
  action: FormAction;
  tenantSlug: string;
  children: ReactNode;
  id?: string;
  className?: string;
  label: string;
}) {
  const [state, run] = useActionState(action, { status: "idle" });
  return (
    <form id={id} action={run} aria-label={label} className={cn("min-w-0 space-y-2", className)}>
      <input type="hidden" name="tenant" value={tenantSlug} />
      {children}
      <ActionMessage state={state} />
    </form>
  );
}
