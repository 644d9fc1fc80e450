import { z } from "zod";

const optional = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === "" || v === null ? undefined : v), schema.optional());
const ZDay = z.iso.date("a day as YYYY-MM-DD");

/** Who, what, when: an actor (a member's user id, or "system"), an area of actions, a day range (UTC). */
export const ZAuditLogQuery = z
  .object({
    who: optional(z.union([z.literal("system"), z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "not a member")])),
    what: optional(z.string().regex(/^[a-z_]{1,40}$/, "not an area of actions")),
    from: optional(ZDay),
    to: optional(ZDay),
    after: optional(z.string().regex(/^aud_[0-9a-f]{32}$/, "not an audit entry id")),
    pageSize: z.coerce.number().int().min(1).max(100).default(50),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: "the first day must not be after the last", path: ["to"] });
export type AuditLogQuery = z.input<typeof ZAuditLogQuery>;

export interface AuditLogRow {
  id: string;
  createdAt: string;
  action: string;
  /** The member's name, "System" for the worker, "API key", or "A former member". */
  actor: string;
  actorId: string | null;
  target: string;
  /** The entry's details as one line of JSON text, cut to a readable length. */
  details: string;
}

export interface AuditLogPage {
  items: AuditLogRow[];
  nextAfter: string | null;
}

/** The areas actions are written under (the part before the dot), for the "what" filter. */
export const AUDIT_AREAS = [
  "campaign",
  "channel",
  "customer",
  "feedback",
  "ledger",
  "listening_source",
  "location",
  "member",
  "mention",
  "point_rule",
  "redemption",
  "reward",
  "segment",
  "social_profile",
  "tenant",
  "tier",
] as const;
