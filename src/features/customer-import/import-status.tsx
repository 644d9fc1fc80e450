import { Badge, type BadgeTone } from "@/components/badge";
import type { CustomerImportDto } from "@/server/modules/customer-import/customer-import.schemas";

const STATUS: Record<CustomerImportDto["status"], { label: string; tone: BadgeTone }> = {
  UPLOADED: { label: "Uploaded", tone: "neutral" },
  CHECKING: { label: "Checking…", tone: "info" },
  CHECKED: { label: "Checked", tone: "brand" },
  IMPORTING: { label: "Importing…", tone: "info" },
  IMPORTED: { label: "Imported", tone: "success" },
  FAILED: { label: "Failed", tone: "danger" },
};

export function ImportStatusBadge({ status }: { status: CustomerImportDto["status"] }) {
  return (
    <span data-testid="import-status">
      <Badge tone={STATUS[status].tone}>{STATUS[status].label}</Badge>
    </span>
  );
}
