import { z } from "zod";
import { scopeFor } from "../auth/api-scopes";
import { API_OPERATIONS } from "./api-operations";
import type { ApiOperation } from "./operation-helpers";

type JsonSchema = { [key: string]: unknown };

/** JSON Schema 2020-12 (OpenAPI 3.1's dialect) of a zod schema: what a request may send, or what an answer holds. */
function schemaOf(schema: z.ZodType, io: "input" | "output"): JsonSchema {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { target: "draft-2020-12", io, unrepresentable: "any" }) as JsonSchema;
  return rest;
}

/** A query object's fields as OpenAPI parameters (an intersection's parts are merged). */
function queryParameters(schema: z.ZodType): JsonSchema[] {
  const parts: JsonSchema[] = [];
  const collect = (node: JsonSchema) => {
    if (Array.isArray(node.allOf)) for (const part of node.allOf as JsonSchema[]) collect(part);
    if (node.properties) parts.push(node);
  };
  collect(schemaOf(schema, "input"));
  return parts.flatMap((part) => {
    const required = new Set((part.required as string[] | undefined) ?? []);
    return Object.entries(part.properties as Record<string, JsonSchema>).map(([name, property]) => ({
      name,
      in: "query",
      required: required.has(name),
      ...(typeof property.description === "string" ? { description: property.description } : {}),
      schema: property,
    }));
  });
}

const PATH_PARAMETERS: Record<string, JsonSchema> = {
  tenant: { name: "tenant", in: "path", required: true, description: "The brand's slug.", schema: { type: "string", pattern: "^[a-z0-9-]+$" } },
  id: { name: "id", in: "path", required: true, schema: { type: "string" } },
  network: { name: "network", in: "path", required: true, schema: { type: "string", enum: ["twitter", "foursquare"] } },
};

const problem = (description: string) => ({ description, content: { "application/problem+json": { schema: { $ref: "#/components/schemas/Problem" } } } });

const IF_MATCH: JsonSchema = {
  name: "If-Match",
  in: "header",
  required: false,
  description: "The ETag of the version this change is made from: if the row changed since, 412 and nothing changes. Absent: the change applies as it is.",
  schema: { type: "string" },
};
const ETAG_HEADER = { ETag: { description: "The row's strong entity tag, for a later If-Match", schema: { type: "string" } } };

function operationObject(op: ApiOperation): JsonSchema {
  const pathParams = [...op.path.matchAll(/\{(\w+)\}/g)].map((m) => PATH_PARAMETERS[m[1]!]!);
  const scope = op.permission ? scopeFor(op.permission) : null;
  const success =
    "csv" in op.response
      ? { description: "CSV, UTF-8 with a BOM; formulas escaped", content: { "text/csv": { schema: { type: "string" } } } }
      : {
          description: "OK",
          ...(op.etag ? { headers: ETAG_HEADER } : {}),
          content: { "application/json": { schema: schemaOf(op.response.schema, "output") } },
        };
  const conditional = op.etag === true && op.method !== "get";
  return {
    operationId: op.operationId,
    summary: op.summary,
    tags: [op.tag],
    ...(op.permission
      ? {
          description: `Needs the \`${op.permission}\` permission${scope ? `; an API key needs the \`${scope}\` scope` : ""}.`,
          security: [{ apiKey: [] }, { session: [] }],
        }
      : { security: [] }),
    parameters: [...pathParams, ...(conditional ? [IF_MATCH] : []), ...(op.query ? queryParameters(op.query) : [])],
    ...(op.body ? { requestBody: { required: true, content: { "application/json": { schema: schemaOf(op.body, "input") } } } } : {}),
    ...(op.csvBody
      ? { requestBody: { required: true, content: { "text/csv": { schema: { type: "string", description: "UTF-8, a header row first" } } } } }
      : {}),
    responses: {
      [String(op.response.status)]: success,
      ...(op.alsoAnswers && "schema" in op.response ? { [String(op.alsoAnswers.status)]: { ...success, description: op.alsoAnswers.description } } : {}),
      ...(op.body || op.query ? { "400": problem("Malformed input"), "422": problem("Invalid fields, with their paths") } : {}),
      ...(op.body ? { "413": problem("The body is over 1,000,000 characters"), "415": problem("The body is not application/json") } : {}),
      ...(op.csvBody
        ? {
            "413": problem(`The file is over ${op.csvBody.maxMegabytes} MB`),
            "415": problem("The body is not text/csv"),
            "422": problem("The file is refused (encoding, header, malformed CSV), with the place"),
          }
        : {}),
      ...(conditional ? { "412": problem("If-Match names another version than the current one; nothing changed") } : {}),
      ...(op.permission
        ? {
            "401": problem("No valid session or API key"),
            "403": problem("The role or the key's scopes do not allow it"),
            "404": problem("Not found in this brand"),
            "429": problem("This API key's per-minute limit is spent (see Retry-After)"),
          }
        : {}),
    },
  };
}

let built: JsonSchema | undefined;

/** The OpenAPI 3.1 document of /api/v1, built once per process from API_OPERATIONS. */
export function openApiDocument(): JsonSchema {
  if (built) return built;
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const op of API_OPERATIONS) (paths[op.path] ??= {})[op.method] = operationObject(op);
  built = {
    openapi: "3.1.0",
    info: {
      title: "Megaphone API",
      version: "1.0.0",
      description:
        "A brand's customers, mentions, ledger and configuration. Authenticate with `Authorization: Bearer <API key>` (Settings → API keys). Errors are RFC 9457 problem+json; every answer to a key carries RateLimit-Limit, RateLimit-Remaining and RateLimit-Reset.",
    },
    servers: [{ url: "/api/v1" }],
    tags: [...new Set(API_OPERATIONS.map((op) => op.tag))].map((name) => ({ name })),
    paths,
    components: {
      securitySchemes: {
        apiKey: { type: "http", scheme: "bearer", description: "A brand's API key (mgp_…), with scopes." },
        session: {
          type: "apiKey",
          in: "cookie",
          name: "__Secure-next-auth.session-token",
          description: "A signed-in staff member's session (browsers only; writes need a same-origin Origin).",
        },
      },
      schemas: {
        Problem: {
          type: "object",
          required: ["type", "title", "status"],
          properties: {
            type: { type: "string" },
            title: { type: "string" },
            status: { type: "integer" },
            detail: { type: "string" },
            instance: { type: "string" },
            errors: {
              type: "array",
              items: { type: "object", required: ["path", "message"], properties: { path: { type: "string" }, message: { type: "string" } } },
            },
          },
        },
      },
    },
  };
  return built;
}
