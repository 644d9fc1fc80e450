"use client";

import { useActionState } from "react";
import { Select } from "@/components/select";
import { SubmitButton } from "@/components/submit-button";
import type { FormAction } from "../forms/remembered";

const label = (role: string) => role.charAt(0) + role.slice(1).toLowerCase();

export interface MemberRowActionsProps {
  tenantSlug: string;
  memberId: string;
  memberName: string;
  role: string;
  /** Roles the signed-in manager may give (at or below their own). */
  roles: string[];
  changeRole: FormAction;
  remove: FormAction;
}

/** One member's role picker and a removal behind a confirmation; each answers under the row. */
export function MemberRowActions({ tenantSlug, memberId, memberName, role, roles, changeRole, remove }: MemberRowActionsProps) {
  const [roleState, submitRole] = useActionState(changeRole, { status: "idle" });
  const [removeState, submitRemove] = useActionState(remove, { status: "idle" });
  const error = roleState.status === "error" ? roleState.message : removeState.status === "error" ? removeState.message : null;
  const done = roleState.status === "ok" ? roleState.message : removeState.status === "ok" ? removeState.message : null;
  return (
    <div className="flex flex-wrap items-center justify-end gap-2">
      <form action={submitRole} className="flex items-center gap-2">
        <input type="hidden" name="tenant" value={tenantSlug} />
        <input type="hidden" name="id" value={memberId} />
        <Select name="role" aria-label={`Role of ${memberName}`} defaultValue={role} options={roles.map((r) => ({ value: r, label: label(r) }))} />
        <SubmitButton variant="secondary" size="sm" pendingLabel="Saving…" aria-label={`Change role of ${memberName}`}>
          Change
        </SubmitButton>
      </form>
      <details className="relative">
        <summary className="cursor-pointer rounded-control px-2 py-1 text-sm text-red-700 hover:bg-red-50" aria-label={`Remove ${memberName}…`}>
          Remove…
        </summary>
        <form
          action={submitRemove}
          className="absolute right-0 z-10 mt-1 w-64 space-y-2 rounded-card border border-line bg-surface p-3 text-left shadow-popover"
        >
          <input type="hidden" name="tenant" value={tenantSlug} />
          <input type="hidden" name="id" value={memberId} />
          <p className="text-sm text-fg-muted">{memberName} loses access to this brand at once and is signed out.</p>
          <SubmitButton variant="danger" size="sm" pendingLabel="Removing…">
            Remove {memberName}
          </SubmitButton>
        </form>
      </details>
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
