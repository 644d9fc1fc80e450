import type { ComponentPropsWithRef } from "react";
import { controlClasses } from "./control-styles";

export interface TextareaProps extends ComponentPropsWithRef<"textarea"> {
  /** Marks the field invalid (red border, aria-invalid). <Field> sets this from its error. */
  invalid?: boolean;
}

/** A styled native <textarea>; resizes vertically only so layouts don't break. */
export function Textarea({ invalid, className, rows = 4, ...props }: TextareaProps) {
  return (
    <textarea
      rows={rows}
      aria-invalid={invalid || undefined}
      {...props}
      className={controlClasses(`min-h-20 resize-y px-3 py-2 leading-relaxed ${className ?? ""}`)}
    />
  );
}
