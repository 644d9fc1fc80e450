import { z } from "zod";

const ZRows = z.array(z.object({}).catchall(z.unknown()));

/** The shape of a customer's export (modules/portal/export-my-data.ts), as the document promises it. */
export const ZCustomerExport = z.object({
  exportedAt: z.iso.datetime(),
  brand: z.string(),
  profile: z.object({ displayName: z.string(), emails: ZRows }).catchall(z.unknown()),
  points: z.object({ balance: z.number().int(), lifetimeEarned: z.number().int() }),
  consents: ZRows,
  linkedAccounts: ZRows,
  ledger: z.array(z.object({ id: z.string(), amount: z.number().int(), source: z.string(), words: z.string() }).catchall(z.unknown())),
  redemptions: ZRows,
  mentions: ZRows,
  sharedPosts: ZRows,
  portalSessions: ZRows,
  feedback: ZRows,
});
