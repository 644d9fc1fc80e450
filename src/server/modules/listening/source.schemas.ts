import { z } from "zod";
import { NETWORK_KINDS, kindAllowed, normalizeSourceValue } from "./source-values";

export const SOURCE_NETWORKS = ["TWITTER", "FOURSQUARE"] as const;
export const SOURCE_KINDS = ["KEYWORD", "HASHTAG", "HANDLE", "VENUE"] as const;
export const SYNC_STATUSES = ["IDLE", "RUNNING", "OK", "THROTTLED", "ERROR", "NEEDS_RECONNECT", "DISABLED"] as const;
export type SyncStatusName = (typeof SYNC_STATUSES)[number];

export { NETWORK_KINDS };

const ZNetwork = z.enum(SOURCE_NETWORKS, { error: "network must be TWITTER or FOURSQUARE" });
const ZKind = z.enum(SOURCE_KINDS, { error: "kind must be KEYWORD, HASHTAG, HANDLE or VENUE" });
const ZRawValue = z.string({ error: "value is required" }).max(500, "at most 500 characters");
const ZConnectionRef = z
  .string()
  .regex(/^chc_[0-9a-f]{32}$/, "not a channel connection id")
  .nullable()
  .optional();

/**
 * A new source. `value` comes back normalised ("#brandx", "@brandx", lower-case); a kind the
 * network does not have, or a value the kind does not allow, is a field error on kind/value.
 */
export const ZSourceCreate = z
  .strictObject({
    network: ZNetwork,
    kind: ZKind,
    value: ZRawValue,
    enabled: z.boolean().default(true),
    connectionId: ZConnectionRef,
  })
  .superRefine((input, ctx) => {
    if (!kindAllowed(input.network, input.kind)) {
      const allowed = NETWORK_KINDS[input.network].join(", ");
      ctx.addIssue({ code: "custom", path: ["kind"], message: `${input.network} sources are ${allowed}` });
      return;
    }
    const result = normalizeSourceValue(input.network, input.kind, input.value);
    if (!result.ok) ctx.addIssue({ code: "custom", path: ["value"], message: result.message });
  })
  .transform((input) => {
    const result = normalizeSourceValue(input.network, input.kind, input.value);
    return { ...input, value: result.ok ? result.value : input.value };
  });
export type SourceCreateInput = z.input<typeof ZSourceCreate>;

/** Enable/disable, change the value (same kind; resets the cursor), or pick another connection. */
export const ZSourceUpdate = z
  .strictObject({
    enabled: z.boolean({ error: "enabled must be true or false" }),
    value: ZRawValue,
    connectionId: ZConnectionRef,
  })
  .partial()
  .refine((v) => Object.keys(v).length > 0, "nothing to update");
export type SourceUpdateInput = z.input<typeof ZSourceUpdate>;

export const ZSourceListQuery = z.strictObject({
  network: ZNetwork.optional(),
});
export type SourceListQuery = z.input<typeof ZSourceListQuery>;

export const ZSourceId = z.string().regex(/^src_[0-9a-f]{32}$/, "not a source id");

export const ZSourceSyncState = z.object({
  status: z.enum(SYNC_STATUSES),
  lastRunAt: z.iso.datetime().nullable(),
  nextRunAt: z.iso.datetime().nullable(),
  /** Rate-limit hits since the source was created or its value last changed. */
  throttleCount: z.number().int(),
  lastError: z.string().nullable(),
  /** Whether polling resumes from a stored position (the cursor itself stays on the server). */
  hasCursor: z.boolean(),
});
export type SourceSyncState = z.infer<typeof ZSourceSyncState>;

export const ZListeningSourceDto = z.object({
  id: z.string(),
  network: ZNetwork,
  kind: ZKind,
  value: z.string(),
  enabled: z.boolean(),
  connectionId: z.string().nullable(),
  sync: ZSourceSyncState,
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type ListeningSourceDto = z.infer<typeof ZListeningSourceDto>;
