import type { ComponentPropsWithRef } from "react";
import { controlClasses } from "./control-styles";
import { ChevronDownIcon } from "./icons";

export interface SelectOption {
  value: string;
  label: string;
  disabled?: boolean;
}

export interface SelectProps extends ComponentPropsWithRef<"select"> {
  /** Convenience for simple lists; pass <option> children instead for groups. */
  options?: readonly SelectOption[];
  /** A first, empty option ("Choose a role…"), submitted as "". */
  placeholder?: string;
  invalid?: boolean;
}

/**
 * A native <select> with custom chrome. Native keeps keyboard, type-ahead,
 * mobile pickers and form submission working without JavaScript.
 */
export function Select({ options, placeholder, invalid, className, children, ...props }: SelectProps) {
  return (
    <div className="relative">
      <select aria-invalid={invalid || undefined} {...props} className={controlClasses(`h-9 appearance-none pl-3 pr-9 ${className ?? ""}`)}>
        {placeholder !== undefined && <option value="">{placeholder}</option>}
        {options?.map((option) => (
          <option key={option.value} value={option.value} disabled={option.disabled}>
            {option.label}
          </option>
        ))}
        {children}
      </select>
      <ChevronDownIcon className="pointer-events-none absolute top-1/2 right-3 size-4 -translate-y-1/2 text-fg-subtle" />
    </div>
  );
}
