import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { AppError } from "@/server/errors";
import { problemResponse } from "@/server/http/problem";
import { otherMethods } from "@/server/http/route-methods";

/**
 * The API reference's assets, served from this app (no CDN): Swagger UI's bundle from the
 * swagger-ui-dist package (its stylesheet is bundled by the page), and the few lines that start it.
 * Only these two names exist.
 * The starter is loaded by the page with its CSP nonce; the bundle it adds is trusted through
 * 'strict-dynamic'.
 */
const START = `(function () {
  var bundle = document.createElement("script");
  bundle.src = "/docs/api/assets/swagger-ui-bundle.js";
  bundle.onload = function () {
    window.SwaggerUIBundle({ url: "/api/v1/openapi.json", dom_id: "#swagger-ui", deepLinking: true, tryItOutEnabled: false });
  };
  document.head.appendChild(bundle);
})();
`;

const FILES: Record<string, { type: string; from?: string }> = {
  "swagger-ui-bundle.js": { type: "text/javascript; charset=utf-8", from: "swagger-ui-bundle.js" },
  "start.js": { type: "text/javascript; charset=utf-8" },
};

export async function GET(_request: Request, { params }: { params: Promise<{ file: string }> }) {
  const { file } = await params;
  const asset = Object.hasOwn(FILES, file) ? FILES[file]! : null;
  if (!asset) return problemResponse(AppError.notFound("file"), `/docs/api/assets/${file}`);
  const body = asset.from ? await readFile(join(process.cwd(), "node_modules", "swagger-ui-dist", asset.from)) : START;
  return new Response(body, { headers: { "Content-Type": asset.type, "Cache-Control": "public, max-age=3600", "X-Content-Type-Options": "nosniff" } });
}

export const { OPTIONS, POST, PUT, PATCH, DELETE } = otherMethods(["GET"]);
