import type { ReactNode } from "react";
import { cn } from "./cn";
import { ErrorIcon } from "./icons";

export interface FormErrorProps {
  /** The headline, e.g. "We couldn't save the campaign". Nothing renders without it or errors. */
  title?: ReactNode;
  /** Form-level messages from the server (not tied to one field). */
  errors?: readonly string[] | undefined;
  className?: string;
}

/**
 * The alert at the top of a form for errors that belong to no single field
 * (permission denied, conflict, server down). role="alert" makes screen
 * readers announce it when it appears after a submit. Renders nothing when
 * there is nothing to say, so pages can always include it.
 */
export function FormError({ title, errors, className }: FormErrorProps) {
  const messages = errors ?? [];
  if (!title && messages.length === 0) return null;
  const heading = title ?? (messages.length === 1 ? messages[0] : "Please fix the following");
  const rest = title || messages.length > 1 ? messages : [];

  return (
    <div role="alert" className={cn("flex gap-3 rounded-control border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-800", className)}>
      <ErrorIcon className="mt-0.5 size-4 shrink-0 text-red-600" />
      <div className="min-w-0 space-y-1">
        <p className="font-medium">{heading}</p>
        {rest.length > 0 && (
          <ul className="list-disc space-y-0.5 pl-4 text-red-700">
            {rest.map((message) => (
              <li key={message}>{message}</li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
