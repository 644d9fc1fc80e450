import { expect } from "vitest";
import type { RouteHandler } from "./api-call";
import { callRoute } from "./api-call";
import { compileSchema, documentedSchema, type DocumentedOperation, type OpenApiDoc } from "./openapi-validation";

export interface ClientAnswer {
  status: number;
  headers: Headers;
  json: Record<string, unknown>;
}

interface Located {
  method: string;
  template: string;
  operation: DocumentedOperation;
}

/**
 * A tiny API client that knows nothing but the OpenAPI document: an operation is found by its
 * operationId (method and path template), its path parameters filled from `params`, and it is sent
 * with an API key to the route file the path names (src/app/api/v1 + the template, `{x}` → `[x]`).
 * Every answer must be a status the operation documents, in its documented media type, and its body
 * must validate against the documented schema (the Problem for errors); otherwise the call fails.
 */
export function openApiClient(doc: OpenApiDoc, key: string, tenant: string) {
  const byId = new Map<string, Located>();
  for (const [template, methods] of Object.entries(doc.paths)) {
    for (const [method, operation] of Object.entries(methods)) byId.set(operation.operationId, { method, template, operation });
  }
  const calls: string[] = [];

  async function call(
    operationId: string,
    options: { params?: Record<string, string>; query?: Record<string, string>; body?: unknown; headers?: Record<string, string> } = {},
  ): Promise<ClientAnswer> {
    const found = byId.get(operationId);
    expect(found, `the document has an operation ${operationId}`).toBeDefined();
    const { method, template, operation } = found!;
    const params: Record<string, string> = { tenant, ...options.params };
    for (const p of operation.parameters.filter((p) => p.in === "path")) expect(params[p.name], `${operationId} needs path parameter ${p.name}`).toBeDefined();
    const path = template.replace(/\{(\w+)\}/g, (_m, name: string) => encodeURIComponent(params[name]!));
    const query = options.query ? `?${new URLSearchParams(options.query).toString()}` : "";
    const routeFile = `../../../src/app/api/v1${template.replace(/\{(\w+)\}/g, "[$1]")}/route`;
    const route = (await import(routeFile)) as Record<string, RouteHandler | undefined>;
    const handler = route[method.toUpperCase()];
    expect(handler, `${routeFile} serves ${method.toUpperCase()}`).toBeTypeOf("function");
    const answer = await callRoute(handler!, method.toUpperCase(), `${path}${query}`, params, key, { body: options.body, headers: options.headers });
    calls.push(`${operationId} ${answer.status}`);

    const label = `${operationId} (${method.toUpperCase()} ${template}) → ${answer.status} ${JSON.stringify(answer.json)}`;
    const documented = operation.responses[String(answer.status)];
    expect(documented, `${label}: a status the document lists`).toBeDefined();
    const mediaType = (answer.headers.get("content-type") ?? "").split(";")[0]!.trim();
    expect(Object.keys(documented!.content ?? {}), `${label}: the documented media type`).toContain(mediaType);
    const schema = documentedSchema(doc, documented, mediaType);
    const validate = compileSchema(schema!);
    expect(validate(answer.json), `${label}: ${JSON.stringify(validate.errors)}`).toBe(true);
    for (const header of Object.keys(documented!.headers ?? {})) expect(answer.headers.get(header), `${label}: documented header ${header}`).toBeTruthy();
    return answer;
  }

  return { call, calls };
}
