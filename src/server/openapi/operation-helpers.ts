import { z } from "zod";

/** The tenant prefix of every brand operation's path. */
export const T = "/tenants/{tenant}";
export const ZDeleted = z.object({ deleted: z.literal(true) });
export const ZListOf = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item) });
