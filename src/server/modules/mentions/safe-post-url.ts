/** A post's address as the network gave it; anything but http(s) (javascript:, data:) is dropped. */
export function safePostUrl(url: string | null): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === "https:" || parsed.protocol === "http:" ? parsed.toString() : null;
  } catch {
    return null;
  }
}
