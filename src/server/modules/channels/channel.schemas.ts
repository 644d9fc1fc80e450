import { z } from "zod";

export const NETWORKS = ["TWITTER", "FOURSQUARE"] as const;
export type NetworkName = (typeof NETWORKS)[number];

export const CONNECTION_STATUSES = ["ACTIVE", "NEEDS_RECONNECT", "REVOKED", "DISABLED"] as const;
export type ConnectionStatusName = (typeof CONNECTION_STATUSES)[number];

export const DEFAULT_CONNECTION_LABEL = "default";

/** A credential value: pasted text, trimmed; no spaces or control characters inside. */
const ZCredential = (what: string, min: number, max = 2048) =>
  z
    .string({ error: `${what} is required` })
    .trim()
    .min(1, { error: `${what} is required`, abort: true })
    .min(min, `${what} looks too short (at least ${min} characters)`)
    .max(max, `${what} is too long (at most ${max} characters)`)
    .regex(/^[\x21-\x7e]+$/, `${what} may contain only visible ASCII characters, no spaces`);

/** X: an app-only bearer token, or the app's client id and secret for client_credentials. */
export const ZTwitterCredentials = z.discriminatedUnion(
  "kind",
  [
    z.strictObject({ kind: z.literal("bearer"), bearerToken: ZCredential("the bearer token", 20) }),
    z.strictObject({
      kind: z.literal("client_credentials"),
      clientId: ZCredential("the client id", 4, 200),
      clientSecret: ZCredential("the client secret", 8),
    }),
  ],
  { error: 'choose "bearer" (app bearer token) or "client_credentials" (client id and secret)' },
);
export type TwitterCredentials = z.infer<typeof ZTwitterCredentials>;

/** Foursquare: the app's client id and secret, and the push secret its check-in pushes carry. */
export const ZFoursquareCredentials = z.strictObject({
  kind: z.literal("app").default("app"),
  clientId: ZCredential("the client id", 4, 200),
  clientSecret: ZCredential("the client secret", 8),
  pushSecret: ZCredential("the push secret", 8),
});
export type FoursquareCredentials = z.output<typeof ZFoursquareCredentials>;

export type ChannelCredentials = { network: "TWITTER"; credentials: TwitterCredentials } | { network: "FOURSQUARE"; credentials: FoursquareCredentials };

export const ZConnectionLabel = z
  .string()
  .trim()
  .min(1, "label is required")
  .max(60, "at most 60 characters")
  .regex(/^[A-Za-z0-9 _.-]+$/, "letters, digits, spaces, _ . - only");

/** Body of PUT /api/v1/tenants/:tenant/channels/:network (the network comes from the path). */
export const ZChannelPutBody = z.strictObject({
  label: ZConnectionLabel.optional(),
  credentials: z.record(z.string(), z.unknown(), { error: "credentials must be an object" }),
});
export type ChannelPutBody = z.input<typeof ZChannelPutBody>;

export const ZChannelSave = z.discriminatedUnion(
  "network",
  [
    z.strictObject({ network: z.literal("TWITTER"), label: ZConnectionLabel.default(DEFAULT_CONNECTION_LABEL), credentials: ZTwitterCredentials }),
    z.strictObject({ network: z.literal("FOURSQUARE"), label: ZConnectionLabel.default(DEFAULT_CONNECTION_LABEL), credentials: ZFoursquareCredentials }),
  ],
  { error: "network must be TWITTER or FOURSQUARE" },
);
export type ChannelSaveInput = z.input<typeof ZChannelSave>;

export const ZChannelPatchBody = z.strictObject({ enabled: z.boolean({ error: "enabled must be true or false" }) });

/** "twitter" / "TWITTER" in a path → the enum value. */
export const ZNetworkParam = z
  .string()
  .transform((v) => v.toUpperCase())
  .pipe(z.enum(NETWORKS, { error: "unknown network (twitter or foursquare)" }));

export const ZChannelConnectionId = z.string().regex(/^chc_[0-9a-f]{32}$/, "not a channel connection id");

/**
 * What the browser and the API see of a connection. Never a secret: `hint` is a masked
 * reminder such as "bearer …a1b2", computed on the server.
 */
export const ZChannelConnectionDto = z.object({
  id: z.string(),
  network: z.enum(NETWORKS),
  label: z.string(),
  status: z.enum(CONNECTION_STATUSES),
  credentialKind: z.enum(["bearer", "client_credentials", "app"]).nullable(),
  hint: z.string(),
  lastError: z.string().nullable(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type ChannelConnectionDto = z.infer<typeof ZChannelConnectionDto>;
