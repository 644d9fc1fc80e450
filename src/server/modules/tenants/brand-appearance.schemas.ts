import { z } from "zod";

/** The product's own colour (globals.css --color-brand-600), used while a brand has none. */
export const DEFAULT_BRAND_COLOR = "#c84310";

/** "#rrggbb" or "#rgb", any case; stored as lower-case "#rrggbb" (the database CHECK holds the same). */
export const ZBrandColor = z
  .string()
  .trim()
  .regex(/^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/, "use a colour written like #1d4ed8")
  .transform((v) => (v.length === 4 ? `#${[...v.slice(1)].map((c) => c + c).join("")}` : v).toLowerCase());

/** An empty colour goes back to the product's own. */
export const ZBrandColorUpdate = z.strictObject({
  brandColor: z.preprocess((v) => (v === "" ? null : v), ZBrandColor.nullable()),
});
export type BrandColorUpdate = z.input<typeof ZBrandColorUpdate>;

/** What the portal (and any page in the brand's look) needs; no storage key, only its URL. */
export const ZBrandAppearanceDto = z.object({
  name: z.string(),
  /** The brand's colour, or the product's own when it has none. */
  color: z.string().regex(/^#[0-9a-f]{6}$/),
  /** Text laid on `color`: white or black, whichever keeps WCAG AA contrast (≥ 4.5:1). */
  textColor: z.enum(["#ffffff", "#000000"]),
  /** Contrast of textColor on color, rounded to two decimals. */
  contrast: z.number(),
  logoUrl: z.string().nullable(),
  /** The colour's stylesheet (CSS variables --brand-color and --brand-text on `[data-brand-theme]`); see src/features/brand/brand-theme.tsx. */
  themeUrl: z.string().regex(/^\/brand-theme\/[0-9a-f]{6}\.css$/),
});
export type BrandAppearanceDto = z.infer<typeof ZBrandAppearanceDto>;

/** The Settings → Brand screen: the appearance plus whether a colour of the brand's own is set. */
export const ZBrandSettingsDto = ZBrandAppearanceDto.extend({ customColor: z.boolean() });
export type BrandSettingsDto = z.infer<typeof ZBrandSettingsDto>;
