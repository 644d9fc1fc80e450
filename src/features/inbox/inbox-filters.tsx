import Form from "next/form";
import Link from "next/link";
import { Button } from "@/components/button";
import { Input } from "@/components/input";
import { Select } from "@/components/select";
import type { InboxFilters } from "@/server/modules/mentions/inbox/inbox.schemas";
import type { InboxOptions } from "@/server/modules/mentions/inbox/inbox-options";
import { NETWORK_NAMES, SENTIMENT_LABELS, STATUS_OPTIONS } from "./inbox-labels";

function Labelled({ label, htmlFor, children }: { label: string; htmlFor: string; children: React.ReactNode }) {
  return (
    <div className="min-w-0 space-y-1">
      <label htmlFor={htmlFor} className="block text-xs font-medium text-fg-muted">
        {label}
      </label>
      {children}
    </div>
  );
}

/**
 * The inbox's filters as a GET form: submitting puts them in the URL (shareable, back-button
 * friendly), and the page validates them from there. Option labels are the brand's own text.
 */
export function InboxFiltersForm({ action, filters, options }: { action: string; filters: InboxFilters; options: InboxOptions }) {
  const select = (name: keyof InboxFilters, label: string, all: string, choices: { value: string; label: string }[]) => (
    <Labelled label={label} htmlFor={`filter-${name}`}>
      <Select id={`filter-${name}`} name={name} defaultValue={filters[name] ?? ""} placeholder={all} options={choices} className="w-full truncate" />
    </Labelled>
  );
  return (
    <Form action={action} aria-label="Filter mentions" className="space-y-3">
      <Labelled label="Search the text" htmlFor="filter-q">
        <Input id="filter-q" type="search" name="q" defaultValue={filters.q ?? ""} placeholder='ramen "cold noodles" -spam' className="w-full" />
      </Labelled>
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-4">
        {select("status", "Status", "Any status", STATUS_OPTIONS)}
        {select("author", "Author", "Customers and prospects", [
          { value: "customer", label: "Customers" },
          { value: "prospect", label: "Prospects" },
        ])}
        {select("segment", "Customer segment", "Any segment", options.segments)}
        {select(
          "network",
          "Network",
          "Any network",
          (Object.keys(NETWORK_NAMES) as (keyof typeof NETWORK_NAMES)[]).map((n) => ({ value: n, label: NETWORK_NAMES[n] })),
        )}
        {select("sentiment", "Sentiment", "Any sentiment", [
          ...(Object.keys(SENTIMENT_LABELS) as (keyof typeof SENTIMENT_LABELS)[]).map((s) => ({ value: s, label: SENTIMENT_LABELS[s].label })),
          { value: "UNLABELLED", label: "No label" },
        ])}
        {select("source", "Tracked term", "Any term", options.sources)}
        {select("location", "Location", "Any location", options.locations)}
        {select("campaign", "Campaign", "Any campaign", options.campaigns)}
        {select("tag", "Tag", "Any tag", options.tags)}
        <div className="flex items-end gap-2 pb-2">
          <input id="filter-question" type="checkbox" name="question" value="1" defaultChecked={filters.question === "1"} className="size-4" />
          <label htmlFor="filter-question" className="text-sm text-fg">
            Questions only
          </label>
        </div>
        <Labelled label="Posted from" htmlFor="filter-from">
          <Input id="filter-from" type="date" name="from" defaultValue={filters.from ?? ""} className="w-full" />
        </Labelled>
        <Labelled label="Posted until" htmlFor="filter-to">
          <Input id="filter-to" type="date" name="to" defaultValue={filters.to ?? ""} className="w-full" />
        </Labelled>
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit">Apply filters</Button>
        <Link href={action} className="text-sm text-fg-muted hover:text-fg">
          Clear
        </Link>
      </div>
    </Form>
  );
}
