"use client";

import { useActionState } from "react";
import { DataTable } from "@/components/data-table";
import { SubmitButton } from "@/components/submit-button";
import type { ActionState } from "@/server/http/action-state";
import type { LocationDto } from "@/server/modules/listening/location.schemas";

type Action = (state: ActionState, form: FormData) => Promise<ActionState>;

function DeleteLocation({ tenantSlug, location, action }: { tenantSlug: string; location: LocationDto; action: Action }) {
  const [state, formAction] = useActionState(action, { status: "idle" });
  return (
    <form action={formAction} className="flex flex-col items-end gap-1">
      <input type="hidden" name="tenant" value={tenantSlug} />
      <input type="hidden" name="id" value={location.id} />
      <SubmitButton variant="ghost" size="sm" pendingLabel="Removing…" aria-label={`Remove ${location.name}`}>
        Remove
      </SubmitButton>
      {state.status === "error" && (
        <p role="alert" className="text-xs text-red-700">
          {state.message}
        </p>
      )}
    </form>
  );
}

/** A location's printable feedback link and its QR code (an SVG data URL drawn server-side). */
export interface FeedbackLink {
  url: string;
  qr: string;
}

function FeedbackLinkCell({ location, link }: { location: LocationDto; link: FeedbackLink | undefined }) {
  if (!link) return "—";
  return (
    <div className="flex items-start gap-3">
      {/* A data: SVG made from our own link (the CSP allows data: images); next/image does not optimise those. */}
      {/* eslint-disable-next-line @next/next/no-img-element */}
      <img src={link.qr} alt={`QR code of the feedback link for ${location.name}`} width={96} height={96} className="size-24 shrink-0 bg-white" />
      <a href={link.url} className="font-mono text-xs break-all text-brand-700 hover:underline" data-testid="feedback-link">
        {link.url}
      </a>
    </div>
  );
}

export function LocationsTable({
  locations,
  tenantSlug,
  deleteAction,
  feedbackLinks = {},
}: {
  locations: LocationDto[];
  tenantSlug: string;
  deleteAction?: Action;
  /** Location id → its feedback link, for staff to print. */
  feedbackLinks?: Record<string, FeedbackLink>;
}) {
  return (
    <DataTable
      caption="Brand locations"
      rowKey={(l) => l.id}
      rows={locations}
      columns={[
        { key: "name", header: "Name", rowHeader: true, cell: (l) => <span className="font-medium">{l.name}</span> },
        { key: "where", header: "Address", hideBelow: "md", cell: (l) => [l.address, l.city].filter(Boolean).join(", ") || "—" },
        {
          key: "venue",
          header: "Foursquare venue",
          cell: (l) => (l.foursquareVenueId ? <span className="font-mono text-xs">{l.foursquareVenueId}</span> : "—"),
        },
        { key: "feedback", header: "Feedback link", cell: (l) => <FeedbackLinkCell location={l} link={feedbackLinks[l.id]} /> },
        ...(deleteAction
          ? [
              {
                key: "actions",
                header: <span className="sr-only">Actions</span>,
                align: "right" as const,
                cell: (l: LocationDto) => <DeleteLocation tenantSlug={tenantSlug} location={l} action={deleteAction} />,
              },
            ]
          : []),
      ]}
    />
  );
}
