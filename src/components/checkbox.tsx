import { useId, type ComponentPropsWithRef, type ReactNode } from "react";
import { cn } from "./cn";

export interface CheckboxProps extends Omit<ComponentPropsWithRef<"input">, "type"> {
  /** Visible label, clickable, tied to the input. */
  label: ReactNode;
  /** Secondary text under the label, linked with aria-describedby. */
  description?: ReactNode;
  /** Error text from the server, shown under the label. */
  error?: string | readonly string[] | undefined;
}

/**
 * A native checkbox with its label to the right. It renders its own label
 * (unlike text inputs, which go in <Field>) because a checkbox's label sits
 * beside it, not above. accent-color gives the brand fill natively.
 */
export function Checkbox({ label, description, error, id, className, ...props }: CheckboxProps) {
  const autoId = useId();
  const inputId = id ?? autoId;
  const descriptionId = description ? `${inputId}-description` : undefined;
  const errors = typeof error === "string" ? [error] : (error ?? []);
  const errorId = errors.length > 0 ? `${inputId}-error` : undefined;
  const describedBy = [descriptionId, errorId].filter(Boolean).join(" ") || undefined;

  return (
    <div className={cn("flex items-start gap-3", className)}>
      {/* The 20px box around a 16px input centres it on the first text line. */}
      <div className="flex h-5 items-center">
        <input
          {...props}
          id={inputId}
          type="checkbox"
          aria-describedby={describedBy}
          aria-invalid={errorId ? true : undefined}
          className="size-4 cursor-pointer rounded border-line-strong accent-brand-600 disabled:cursor-not-allowed"
        />
      </div>
      <div className="text-sm leading-5">
        <label htmlFor={inputId} className="cursor-pointer font-medium text-fg">
          {label}
        </label>
        {description && (
          <p id={descriptionId} className="text-fg-subtle">
            {description}
          </p>
        )}
        {errorId && (
          <p id={errorId} className="mt-1 text-red-700">
            {errors.join(" ")}
          </p>
        )}
      </div>
    </div>
  );
}
