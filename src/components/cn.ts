/**
 * Joins class names, skipping falsy values, so components can write
 * `cn(base, loading && "opacity-60", className)` without a dependency.
 * Caller classes come last; they add to the base styles rather than
 * reliably overriding a conflicting utility, so prefer props (variant, size)
 * over className for anything a component already styles.
 */
export function cn(...classes: Array<string | false | null | undefined>): string {
  return classes.filter(Boolean).join(" ");
}
