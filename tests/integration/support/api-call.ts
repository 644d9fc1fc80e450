import { NextRequest } from "next/server";
import { getEnv } from "../../../src/server/env";

export type RouteHandler = (request: NextRequest, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

export interface ApiAnswer {
  status: number;
  headers: Headers;
  json: Record<string, unknown>;
}

/**
 * Calls a route handler as Next would: `path` under /api/v1 (with its query string), the route's
 * params, an API key as Bearer, a JSON body and extra headers. The answer's body is parsed as JSON.
 */
export async function callRoute(
  handler: RouteHandler,
  method: string,
  path: string,
  params: Record<string, string>,
  key: string,
  options: { body?: unknown; headers?: Record<string, string> } = {},
): Promise<ApiAnswer> {
  const request = new NextRequest(`${new URL(getEnv().APP_URL).origin}/api/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${key}`, ...(options.body === undefined ? {} : { "content-type": "application/json" }), ...options.headers },
    ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
  });
  const response = await handler(request, { params: Promise.resolve(params) });
  const text = await response.text();
  return { status: response.status, headers: response.headers, json: (text ? JSON.parse(text) : null) as Record<string, unknown> };
}
