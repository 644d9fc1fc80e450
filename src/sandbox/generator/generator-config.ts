/** Traffic generator settings (all changeable at run time through PUT /__admin/generator). */
import { z } from "zod";

export const ZVenueInput = z.object({
  id: z
    .string()
    .regex(/^[0-9a-f]{24}$/)
    .optional(),
  name: z.string().min(1),
  address: z.string().optional(),
  city: z.string().optional(),
  state: z.string().optional(),
  cc: z.string().length(2).optional(),
  lat: z.number().optional(),
  lng: z.number().optional(),
  category: z.string().optional(),
});
export type VenueInput = z.infer<typeof ZVenueInput>;

export const ZGeneratorConfig = z.object({
  postsPerMinute: z.number().min(0).max(1_000_000),
  brandKeywords: z.array(z.string().min(1)),
  brandHandles: z.array(z.string().regex(/^[A-Za-z0-9_]{1,15}$/)),
  brandHashtags: z.array(z.string().regex(/^[\p{L}\p{N}_]+$/u)),
  sentimentMix: z.object({ positive: z.number().min(0), neutral: z.number().min(0), negative: z.number().min(0) }),
  /** How the brand is referenced: by @handle, by plain keyword, or by #hashtag. */
  referenceMix: z.object({ handle: z.number().min(0), keyword: z.number().min(0), hashtag: z.number().min(0) }),
  langMix: z.record(z.enum(["en", "es", "fr"]), z.number().min(0)),
  authorCount: z.number().int().min(1).max(1_000_000),
  followerModel: z.object({ min: z.number().min(1), alpha: z.number().min(0.5).max(5), max: z.number().min(1) }),
  /** Usernames (or ids of existing users) treated as linked customers. */
  linkedUsers: z.array(z.string().min(1)),
  /** Share of posts written by linked customers (when any are configured). */
  linkedShare: z.number().min(0).max(1),
  retweetShare: z.number().min(0).max(1),
  replyShare: z.number().min(0).max(1),
  quoteShare: z.number().min(0).max(1),
  linkShare: z.number().min(0).max(1),
  emojiShare: z.number().min(0).max(1),
  /** Share of generated posts that cause the deletion of an earlier generated post. */
  deleteRate: z.number().min(0).max(1),
  checkinsPerMinute: z.number().min(0).max(100_000),
  venues: z.array(ZVenueInput),
  /** Real milliseconds between generator ticks while running. */
  tickMs: z.number().int().min(10).max(60_000),
});
export type GeneratorConfig = z.infer<typeof ZGeneratorConfig>;
export const ZGeneratorPatch = ZGeneratorConfig.partial();

export const DEFAULT_GENERATOR_CONFIG: GeneratorConfig = {
  postsPerMinute: 30,
  brandKeywords: ["BrandX"],
  brandHandles: ["BrandX"],
  brandHashtags: ["BrandX"],
  sentimentMix: { positive: 0.5, neutral: 0.3, negative: 0.2 },
  referenceMix: { handle: 0.5, keyword: 0.3, hashtag: 0.2 },
  langMix: { en: 0.85, es: 0.1, fr: 0.05 },
  authorCount: 2000,
  followerModel: { min: 20, alpha: 1.16, max: 80_000_000 },
  linkedUsers: [],
  linkedShare: 0.1,
  retweetShare: 0.12,
  replyShare: 0.1,
  quoteShare: 0.03,
  linkShare: 0.2,
  emojiShare: 0.45,
  deleteRate: 0.01,
  checkinsPerMinute: 0,
  venues: [
    { name: "Brand X Soho", address: "568 Broadway", city: "New York", state: "NY", cc: "US", lat: 40.7241, lng: -73.9972, category: "Coffee Shop" },
    {
      name: "Brand X Mission",
      address: "2301 Mission St",
      city: "San Francisco",
      state: "CA",
      cc: "US",
      lat: 37.7599,
      lng: -122.4187,
      category: "Coffee Shop",
    },
    { name: "Brand X Shoreditch", address: "12 Rivington St", city: "London", cc: "GB", lat: 51.5262, lng: -0.0785, category: "Café" },
  ],
  tickMs: 1000,
};
