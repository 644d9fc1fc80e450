import type { CodeUploadSummary } from "@/server/modules/rewards/reward-codes.service";

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;
const sample = (items: string[]) => (items.length > 5 ? `${items.slice(0, 5).join(", ")} and ${items.length - 5} more` : items.join(", "));

/** What an upload did, in one paragraph: added, and every kind of line that was not. */
export function describeUpload(s: CodeUploadSummary): string {
  const parts = [`Added ${plural(s.added, "code")}; ${plural(s.stock, "code")} now unclaimed.`];
  if (s.duplicatesInUpload.length) parts.push(`Repeated in the upload (added once): ${sample(s.duplicatesInUpload)}.`);
  if (s.alreadyInPool.length) parts.push(`Already held by this brand, not added again: ${sample(s.alreadyInPool)}.`);
  if (s.blankLines.length) parts.push(`Blank ${s.blankLines.length === 1 ? "line" : "lines"} skipped: ${sample(s.blankLines.map(String))}.`);
  if (s.invalid.length) parts.push(`Refused: ${sample(s.invalid.map((i) => `line ${i.line} (${i.reason})`))}.`);
  return parts.join(" ");
}
