import { Alert } from "@/components/alert";

/** Shown when a member's role does not allow what the page does. */
export function NotAllowed({ what }: { what: string }) {
  return (
    <Alert tone="warning" title="Not allowed">
      Your role in this workspace cannot {what}. Ask an admin or the owner if you need it.
    </Alert>
  );
}
