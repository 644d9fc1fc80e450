/**
 * The text posted on a customer's behalf: the tenant's `shareTemplate` with `{points}` and
 * `{brand}` filled in (every occurrence; other braces are left as written). Rendered once, when
 * the SharePost row is created, so every retry posts exactly the same text.
 */
export function renderShareText(template: string, values: { points: number; brand: string }): string {
  return template.replace(/\{(points|brand)\}/g, (_, key: string) => (key === "points" ? String(values.points) : values.brand)).trim();
}
