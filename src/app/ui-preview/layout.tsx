import "../globals.css";
import type { ReactNode } from "react";
export default function L({ children }: { children: ReactNode }) {
  return (<html lang="en"><body>{children}</body></html>);
}
