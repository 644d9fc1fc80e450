import { otherMethods } from "@/server/http/route-methods";
import { openApiDocument } from "@/server/openapi/openapi-document";

/** The OpenAPI 3.1 document of /api/v1, built from the routes' own zod schemas (src/server/openapi). */
export function GET() {
  return Response.json(openApiDocument(), { headers: { "Cache-Control": "public, max-age=300" } });
}

// Every other method: 405 with Allow and problem+json; OPTIONS lists the served one.
export const { OPTIONS, POST, PUT, PATCH, DELETE } = otherMethods(["GET"]);
