const dateTime = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

/** Times on the 360 are shown in UTC, the same on the server render and in every browser. */
export const when = (iso: string | null) => (iso ? `${dateTime.format(new Date(iso))} UTC` : "—");
export const points = (n: number) => n.toLocaleString("en-US");
export const signedPoints = (n: number) => `${n > 0 ? "+" : n < 0 ? "−" : ""}${Math.abs(n).toLocaleString("en-US")}`;
