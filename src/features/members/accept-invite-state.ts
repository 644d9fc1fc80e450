import type { ActionState } from "@/server/http/action-state";

/** What accepting an invitation as a new person answers: the form then signs them in. */
export type AcceptState = ActionState | { status: "joined"; tenantSlug: string };
