import Form from "next/form";
import Link from "next/link";
import { Button } from "@/components/button";
import { Field } from "@/components/field";
import { Input } from "@/components/input";
import { Select } from "@/components/select";
import { AUDIT_AREAS } from "@/server/modules/audit/audit-log.schemas";

export interface AuditFilterValues {
  who?: string | undefined;
  what?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

const areaLabel = (area: string) => area.charAt(0).toUpperCase() + area.slice(1).replaceAll("_", " ");
// A native select is as wide as its longest option: member names are cut to stay on a phone.
const shorten = (name: string) => ([...name].length > 60 ? `${[...name].slice(0, 59).join("")}…` : name);

/** Who, what, when: a GET form, so a filtered log is a URL. */
export function AuditLogFilters({ action, values, actors }: { action: string; values: AuditFilterValues; actors: { id: string; name: string }[] }) {
  return (
    <Form action={action} aria-label="Filter the audit log" className="grid min-w-0 grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-4 [&>*]:min-w-0">
      <Field label="Who">
        <Select
          name="who"
          defaultValue={values.who ?? ""}
          placeholder="Anyone"
          options={[{ value: "system", label: "System (background jobs)" }, ...actors.map((a) => ({ value: a.id, label: shorten(a.name) }))]}
        />
      </Field>
      <Field label="What">
        <Select name="what" defaultValue={values.what ?? ""} placeholder="Anything" options={AUDIT_AREAS.map((a) => ({ value: a, label: areaLabel(a) }))} />
      </Field>
      <Field label="From (UTC)">
        <Input type="date" name="from" defaultValue={values.from ?? ""} />
      </Field>
      <Field label="To (UTC)">
        <Input type="date" name="to" defaultValue={values.to ?? ""} />
      </Field>
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
