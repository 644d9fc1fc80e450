import { ButtonLink } from "@/components/button-link";

/** Rendered with a 403 status when requirePermission() refuses a page to the member's role. */
export default function Forbidden() {
  return (
    <div className="mx-auto max-w-md py-16 text-center">
      <p className="text-sm font-semibold text-brand-700">403</p>
      <h1 className="mt-2 text-2xl font-semibold text-fg">You cannot open this page</h1>
      <p className="mt-2 text-fg-muted">Your role in this brand does not allow what this page does. Ask an admin or the owner if you need it.</p>
      <div className="mt-6">
        <ButtonLink href="/" variant="secondary">
          Back to your brand
        </ButtonLink>
      </div>
    </div>
  );
}
