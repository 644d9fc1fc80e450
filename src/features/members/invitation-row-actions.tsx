"use client";

import { useActionState } from "react";
import { SubmitButton } from "@/components/submit-button";
import type { FormAction } from "../forms/remembered";

export interface InvitationRowActionsProps {
  tenantSlug: string;
  invitationId: string;
  email: string;
  resend: FormAction;
  revoke: FormAction;
}

/** Send a pending invitation again (a new link) or revoke it; each answers under the row. */
export function InvitationRowActions({ tenantSlug, invitationId, email, resend, revoke }: InvitationRowActionsProps) {
  const [resendState, submitResend] = useActionState(resend, { status: "idle" });
  const [revokeState, submitRevoke] = useActionState(revoke, { status: "idle" });
  const error = resendState.status === "error" ? resendState.message : revokeState.status === "error" ? revokeState.message : null;
  const done = resendState.status === "ok" ? resendState.message : revokeState.status === "ok" ? revokeState.message : null;
  return (
    <div className="flex flex-wrap items-center justify-end gap-2">
      <form action={submitResend}>
        <input type="hidden" name="tenant" value={tenantSlug} />
        <input type="hidden" name="id" value={invitationId} />
        <SubmitButton variant="secondary" size="sm" pendingLabel="Sending…" aria-label={`Resend the invitation to ${email}`}>
          Resend
        </SubmitButton>
      </form>
      <form action={submitRevoke}>
        <input type="hidden" name="tenant" value={tenantSlug} />
        <input type="hidden" name="id" value={invitationId} />
        <SubmitButton variant="danger" size="sm" pendingLabel="Revoking…" aria-label={`Revoke the invitation to ${email}`}>
          Revoke
        </SubmitButton>
      </form>
      {error && (
        <p role="alert" className="w-full text-right text-sm text-red-700">
          {error}
        </p>
      )}
      {done && !error && (
        <p role="status" className="w-full text-right text-sm text-fg-muted">
          {done}
        </p>
      )}
    </div>
  );
}
