import Form from "next/form";
import Link from "next/link";
import { Button } from "@/components/button";
import { Field } from "@/components/field";
import { Input } from "@/components/input";
import { Select } from "@/components/select";
import type { LedgerFilterOptions } from "@/server/modules/ledger/brand-ledger";
import type { BrandLedgerFilter } from "@/server/modules/ledger/brand-ledger.schemas";
import { LEDGER_SOURCES } from "@/server/modules/ledger/ledger.schemas";
import { KIND_LABELS } from "./ledger-words";

export interface LedgerFiltersProps {
  action: string;
  filter: BrandLedgerFilter;
  options: LedgerFilterOptions;
  /** Which fields this view filters on (the liability has no use for a kind, say). */
  fields?: readonly ("kind" | "customerId" | "ruleId" | "campaignId" | "days")[];
}

// A native select sizes itself to its longest option: names are cut so a 5,000-character one cannot widen the page.
const shorten = (name: string) => ([...name].length > 60 ? `${[...name].slice(0, 59).join("")}…` : name);

const ALL_FIELDS = ["kind", "customerId", "ruleId", "campaignId", "days"] as const;

/** A GET form: the filter lives in the URL, so a filtered view can be shared, reloaded and exported. */
export function LedgerFilters({ action, filter, options, fields = ALL_FIELDS }: LedgerFiltersProps) {
  const has = (f: (typeof ALL_FIELDS)[number]) => fields.includes(f);
  return (
    <Form action={action} aria-label="Filter the ledger" className="grid min-w-0 grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-3 [&>*]:min-w-0">
      {has("kind") && (
        <Field label="Kind">
          <Select
            name="kind"
            defaultValue={filter.kind ?? ""}
            placeholder="Any kind"
            options={LEDGER_SOURCES.map((k) => ({ value: k, label: KIND_LABELS[k] }))}
          />
        </Field>
      )}
      {has("customerId") && (
        <Field label="Customer id" hint="cus_… (open a customer from an entry to filter by them)">
          <Input name="customerId" defaultValue={filter.customerId ?? ""} autoComplete="off" spellCheck={false} />
        </Field>
      )}
      {has("ruleId") && (
        <Field label="Rule">
          <Select
            name="ruleId"
            defaultValue={filter.ruleId ?? ""}
            placeholder="Any rule"
            options={options.rules.map((r) => ({ value: r.id, label: shorten(r.name) }))}
            className="truncate"
          />
        </Field>
      )}
      {has("campaignId") && (
        <Field label="Campaign">
          <Select
            name="campaignId"
            defaultValue={filter.campaignId ?? ""}
            placeholder="Any campaign"
            options={options.campaigns.map((c) => ({ value: c.id, label: shorten(c.name) }))}
            className="truncate"
          />
        </Field>
      )}
      {has("days") && (
        <>
          <Field label="From (UTC)">
            <Input type="date" name="from" defaultValue={filter.from ?? ""} />
          </Field>
          <Field label="To (UTC)">
            <Input type="date" name="to" defaultValue={filter.to ?? ""} />
          </Field>
        </>
      )}
      <div className="flex items-end gap-2">
        <Button type="submit" variant="secondary">
          Apply
        </Button>
        <Link href={action} className="inline-flex h-9 items-center rounded-control px-2 text-sm text-fg-muted hover:text-fg">
          Clear
        </Link>
      </div>
    </Form>
  );
}
