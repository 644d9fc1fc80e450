import { cloneElement, isValidElement, useId, type ReactElement, type ReactNode } from "react";
import { cn } from "./cn";

/** The props <Field> wires onto its control so label, hint and error are announced. */
export interface FieldControlProps {
  id: string;
  "aria-describedby"?: string;
  "aria-invalid"?: true;
  required?: boolean;
}

export interface FieldProps {
  label: ReactNode;
  /** Help text under the control, read after the label by screen readers. */
  hint?: ReactNode;
  /** Server-side validation message(s); shown inline and marks the control invalid. */
  error?: string | readonly string[] | undefined;
  /** Adds a visible "Required" marker and passes `required` to the control. */
  required?: boolean;
  /** Control id; generated when omitted. */
  id?: string;
  className?: string;
  /**
   * Either one control element (<Input name="email" />), which Field clones
   * with id/aria props, or a render function receiving those props, for
   * controls wrapped in other markup.
   */
  children: ReactElement<FieldControlProps> | ((control: FieldControlProps) => ReactNode);
}

/**
 * Label + control + hint + error, tied together with htmlFor, aria-describedby
 * and aria-invalid. Works in server components (useId is allowed there), so a
 * server-rendered form can show the errors a server action returned.
 */
export function Field({ label, hint, error, required, id, className, children }: FieldProps) {
  const autoId = useId();
  const controlId = id ?? autoId;
  const hintId = hint ? `${controlId}-hint` : undefined;
  const errors = typeof error === "string" ? [error] : (error ?? []);
  const errorId = errors.length > 0 ? `${controlId}-error` : undefined;

  const controlProps: FieldControlProps = { id: controlId };
  const describedBy = [hintId, errorId].filter(Boolean).join(" ");
  if (describedBy) controlProps["aria-describedby"] = describedBy;
  if (errorId) controlProps["aria-invalid"] = true;
  if (required) controlProps.required = true;

  let control: ReactNode;
  if (typeof children === "function") control = children(controlProps);
  else if (isValidElement(children)) control = cloneElement(children, controlProps);
  else control = children;

  return (
    <div className={cn("space-y-1.5", className)}>
      <label htmlFor={controlId} className="flex items-baseline gap-2 text-sm font-medium text-fg">
        {label}
        {/* Word, not just an asterisk: readable by everyone; the control's
            `required` attribute is what screen readers announce. */}
        {required && (
          <span className="text-xs font-normal text-fg-subtle" aria-hidden="true">
            Required
          </span>
        )}
      </label>
      {control}
      {hint && (
        <p id={hintId} className="text-[13px] leading-5 text-fg-subtle">
          {hint}
        </p>
      )}
      {errorId && (
        <p id={errorId} className="flex items-start gap-1.5 text-[13px] leading-5 text-red-700">
          {errors.join(" ")}
        </p>
      )}
    </div>
  );
}
