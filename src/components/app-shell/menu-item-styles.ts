/**
 * Look of a row inside a MenuPopover panel, shared by links and buttons so a
 * sign-out <button> lines up with the <a> items above it.
 */
export const menuItemClasses =
  "flex w-full items-center gap-2.5 rounded-md px-2.5 py-2 text-left text-sm text-fg " +
  "hover:bg-surface-muted focus-visible:bg-surface-muted focus-visible:outline-offset-0 " +
  "[&>svg]:size-4 [&>svg]:text-fg-subtle";
