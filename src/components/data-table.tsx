import type { ReactNode } from "react";
import { cn } from "./cn";

export interface DataTableColumn<Row> {
  /** Stable React key for the column. */
  key: string;
  header: ReactNode;
  cell: (row: Row, rowIndex: number) => ReactNode;
  align?: "left" | "right" | "center";
  /**
   * Hide the column below a breakpoint so narrow screens keep the essentials;
   * the table also scrolls horizontally when it still doesn't fit.
   */
  hideBelow?: "sm" | "md" | "lg";
  /** Render this column's cells as <th scope="row"> (the row's name, e.g. the customer). */
  rowHeader?: boolean;
  /** Extra classes on the column's <th> and <td>s (widths, truncation). */
  className?: string;
  /** The column the rows are sorted by, announced on its header (aria-sort); its header is then usually a link that flips it. */
  sorted?: "ascending" | "descending";
}

export interface DataTableProps<Row> {
  columns: ReadonlyArray<DataTableColumn<Row>>;
  rows: readonly Row[];
  /** Stable key per row (its id). */
  rowKey: (row: Row) => string;
  /** Names the table for screen readers (and the scroll region); visually hidden unless captionVisible. */
  caption: string;
  captionVisible?: boolean;
  /** Shown instead of the table when rows is empty, e.g. an <EmptyState />. */
  empty?: ReactNode;
  className?: string;
}

// Literal class strings so Tailwind's scanner sees them.
const hideClasses = {
  sm: "hidden sm:table-cell",
  md: "hidden md:table-cell",
  lg: "hidden lg:table-cell",
} as const;
const alignClasses = { left: "text-left", right: "text-right", center: "text-center" } as const;

/**
 * A plain, semantic, server-rendered table: caption, column headers with
 * scope, optional row headers. Sorting and filtering belong in the URL
 * (search params) so they work without client state.
 */
export function DataTable<Row>({ columns, rows, rowKey, caption, captionVisible = false, empty, className }: DataTableProps<Row>) {
  if (rows.length === 0 && empty !== undefined) {
    return <div className={cn("rounded-card border border-line bg-surface shadow-card", className)}>{empty}</div>;
  }

  const cellClass = (column: DataTableColumn<Row>) =>
    cn("px-4 py-3", alignClasses[column.align ?? "left"], column.hideBelow && hideClasses[column.hideBelow], column.className);

  return (
    // A focusable, labelled region so keyboard users can scroll a table that
    // is wider than the screen (WCAG 2.1.1 for scrollable content). `relative`
    // makes it the containing block of absolutely placed text inside (sr-only
    // headers), which would otherwise escape the scroll box and widen the page.
    <div
      role="region"
      aria-label={caption}
      tabIndex={0}
      className={cn("relative overflow-x-auto rounded-card border border-line bg-surface shadow-card", className)}
    >
      <table className="w-full border-collapse text-sm">
        <caption className={captionVisible ? "px-4 pt-4 pb-2 text-left text-sm font-semibold text-fg" : "sr-only"}>{caption}</caption>
        <thead className="bg-surface-muted/70">
          <tr className="border-b border-line">
            {columns.map((column) => (
              <th
                key={column.key}
                scope="col"
                aria-sort={column.sorted}
                className={cn(cellClass(column), "py-2.5 text-xs font-medium whitespace-nowrap text-fg-muted")}
              >
                {column.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-line">
          {rows.map((row, rowIndex) => (
            <tr key={rowKey(row)} className="transition-colors hover:bg-surface-muted/50">
              {columns.map((column) =>
                column.rowHeader ? (
                  <th key={column.key} scope="row" className={cn(cellClass(column), "font-medium text-fg")}>
                    {column.cell(row, rowIndex)}
                  </th>
                ) : (
                  <td key={column.key} className={cn(cellClass(column), "text-fg-muted")}>
                    {column.cell(row, rowIndex)}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
