import type { ComponentPropsWithRef } from "react";
import { controlClasses } from "./control-styles";

export interface InputProps extends ComponentPropsWithRef<"input"> {
  /** Marks the field invalid (red border, aria-invalid). <Field> sets this from its error. */
  invalid?: boolean;
}

/**
 * A styled native <input>. Label it with <Field> (or your own <label
 * htmlFor>); a placeholder is not a label. React 19 passes `ref` as a prop.
 */
export function Input({ invalid, className, ...props }: InputProps) {
  return <input aria-invalid={invalid || undefined} {...props} className={controlClasses(`h-9 px-3 ${className ?? ""}`)} />;
}
