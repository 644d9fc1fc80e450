import type { BrandAppearanceDto } from "@/server/modules/tenants/brand-appearance.schemas";

/**
 * Puts the brand's colours as CSS variables (--brand-color, --brand-text) on every element marked
 * `data-brand-theme`, through the colour's stylesheet at /brand-theme/<rrggbb>.css
 * (src/server/modules/tenants/brand-theme-css.ts). React hoists the link into <head> and waits for
 * it before showing the page, on a full load and on client-side navigation alike. Use with classes
 * like `bg-[var(--brand-color)] text-[var(--brand-text)]`.
 */
export function BrandTheme({ appearance }: { appearance: Pick<BrandAppearanceDto, "themeUrl"> }) {
  return <link rel="stylesheet" href={appearance.themeUrl} precedence="brand" />;
}
