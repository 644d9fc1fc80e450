import Form from "next/form";
import Link from "next/link";
import { useId } from "react";
import { Button } from "./button";
import { cn } from "./cn";
import { controlClasses } from "./control-styles";
import { SearchIcon, XIcon } from "./icons";

export interface SearchFormProps {
  /** The path the GET form submits to, usually the current list page. */
  action: string;
  /** Current query, to prefill the input (from searchParams). */
  defaultValue?: string | undefined;
  /** Accessible label of the input; also used as the landmark's name. */
  label?: string;
  placeholder?: string;
  /** Query parameter name (default "q"). */
  name?: string;
  /** Other params to keep across a new search (filters, sort), as hidden inputs. Page is dropped on purpose. */
  preserve?: Record<string, string | undefined>;
  /** When set and a query is active, shows a "Clear" link to this URL. */
  clearHref?: string;
  className?: string;
}

/**
 * A GET search form. next/form submits it as a client-side navigation when
 * JavaScript is running and falls back to a normal form submit otherwise,
 * so the query always ends up in the URL (?q=…).
 */
export function SearchForm({ action, defaultValue, label = "Search", placeholder, name = "q", preserve, clearHref, className }: SearchFormProps) {
  const inputId = useId();
  return (
    <Form action={action} role="search" aria-label={label} className={cn("flex w-full max-w-md items-center gap-2", className)}>
      {Object.entries(preserve ?? {}).map(([key, value]) => (value === undefined ? null : <input key={key} type="hidden" name={key} value={value} />))}
      <label htmlFor={inputId} className="sr-only">
        {label}
      </label>
      <div className="relative min-w-0 flex-1">
        <SearchIcon className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-fg-subtle" />
        <input
          id={inputId}
          type="search"
          name={name}
          defaultValue={defaultValue}
          placeholder={placeholder}
          autoComplete="off"
          className={controlClasses("h-9 pr-3 pl-9")}
        />
      </div>
      <Button type="submit" variant="secondary">
        Search
      </Button>
      {clearHref && defaultValue && (
        <Link href={clearHref} className="inline-flex h-9 items-center gap-1 rounded-control px-2 text-sm text-fg-muted hover:text-fg">
          <XIcon className="size-3.5" />
          Clear
        </Link>
      )}
    </Form>
  );
}
