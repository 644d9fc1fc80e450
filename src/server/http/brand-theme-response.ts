import { AppError } from "../errors";
import { brandThemeCss } from "../modules/tenants/brand-theme-css";
import { problemResponse } from "./problem";

/** GET /brand-theme/<rrggbb>.css: a colour's stylesheet, the same forever for the same name. */
export function brandThemeResponse(file: string | undefined, pathname: string): Response {
  const css = brandThemeCss(file ?? "");
  if (css === null) return problemResponse(AppError.notFound("theme"), pathname);
  return new Response(css, {
    headers: {
      "content-type": "text/css; charset=utf-8",
      "cache-control": "public, max-age=31536000, immutable",
      "x-content-type-options": "nosniff",
    },
  });
}
