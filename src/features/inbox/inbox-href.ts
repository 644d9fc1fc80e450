import type { InboxFilters } from "@/server/modules/mentions/inbox/inbox.schemas";

/** The filters that are set, in the schema's order (a parsed InboxFilters holds no other key). */
const setFilters = (filters: InboxFilters) =>
  Object.entries(filters).filter((entry): entry is [string, string] => typeof entry[1] === "string" && entry[1] !== "");

/** The inbox's URL for these filters (and a page cursor): the same params the filter form writes. */
export function inboxHref(base: string, filters: InboxFilters, after?: string): string {
  const params = new URLSearchParams(setFilters(filters));
  if (after) params.set("after", after);
  const text = params.toString();
  return text ? `${base}?${text}` : base;
}

/** The filters as the hidden field the "all matching" and "save view" forms send back. */
export function filtersField(filters: InboxFilters): string {
  return JSON.stringify(Object.fromEntries(setFilters(filters)));
}

/** The filters as a query string (no leading "?"), for the arrivals poll. */
export function filterParams(filters: InboxFilters): string {
  return new URLSearchParams(setFilters(filters)).toString();
}
