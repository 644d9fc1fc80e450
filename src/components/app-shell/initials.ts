/** Up to two initials for avatar tiles: "Acme Corp" -> "AC", "jane@x.io" -> "J". */
export function initials(text: string): string {
  const words = text
    .trim()
    .split(/[\s@._-]+/)
    .filter(Boolean);
  const first = words[0]?.[0] ?? "?";
  const second = words.length > 1 && !text.includes("@") ? (words[1]?.[0] ?? "") : "";
  return (first + second).toUpperCase();
}
