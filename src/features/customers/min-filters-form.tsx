import Form from "next/form";
import { Button } from "@/components/button";
import { Input } from "@/components/input";

/** "Min followers" and "min points" on the customers list: a GET form, so the filters live in the URL with the others. */
export function MinFiltersForm({
  action,
  minFollowers,
  minPoints,
  preserve,
}: {
  action: string;
  minFollowers: number | undefined;
  minPoints: number | undefined;
  preserve: Record<string, string | undefined>;
}) {
  return (
    <Form action={action} aria-label="Filter by followers and points" className="mb-4 flex flex-wrap items-end gap-3">
      {Object.entries(preserve).map(([key, value]) => (value === undefined ? null : <input key={key} type="hidden" name={key} value={value} />))}
      <label className="flex flex-col gap-1 text-sm text-fg-muted">
        Min followers
        <Input name="minFollowers" type="number" inputMode="numeric" min={0} step={1} defaultValue={minFollowers ?? ""} className="w-36" />
      </label>
      <label className="flex flex-col gap-1 text-sm text-fg-muted">
        Min points
        <Input name="minPoints" type="number" inputMode="numeric" min={0} step={1} defaultValue={minPoints ?? ""} className="w-36" />
      </label>
      <Button type="submit" variant="secondary">
        Apply
      </Button>
    </Form>
  );
}
