import { readableTextColor } from "./brand-contrast";

const FILE = /^([0-9a-f]{6})\.css$/;

/**
 * The stylesheet of one brand colour: `--brand-color` and a readable `--brand-text` on every
 * element marked `data-brand-theme`, for pages shown in a brand's look. A pure function of the
 * file name ("1d4ed8.css"), so it holds no tenant data and never changes; null for any other name.
 *
 * Why a stylesheet: the CSP refuses style attributes, and a nonce'd <style> breaks on client-side
 * navigation (the new page's nonce is not the document's); a stylesheet from 'self' works for both.
 */
export function brandThemeCss(file: string): string | null {
  const match = FILE.exec(file);
  if (!match) return null;
  const color = `#${match[1]}`;
  return `[data-brand-theme]{--brand-color:${color};--brand-text:${readableTextColor(color)}}\n`;
}

/** Where brandThemeCss is served for a "#rrggbb" colour. */
export function brandThemeHref(color: string): string {
  return `/brand-theme/${color.replace(/^#/, "").toLowerCase()}.css`;
}
