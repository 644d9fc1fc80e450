import { Ajv2020, type ValidateFunction } from "ajv/dist/2020";
import addFormats from "ajv-formats";
import { openApiDocument } from "../../../src/server/openapi/openapi-document";

type Schema = Record<string, unknown>;
export interface DocumentedResponse {
  content?: Record<string, { schema: Schema }>;
  headers?: Record<string, unknown>;
}
export interface DocumentedOperation {
  operationId: string;
  parameters: { name: string; in: string; required?: boolean }[];
  responses: Record<string, DocumentedResponse>;
}
export interface OpenApiDoc {
  openapi: string;
  paths: Record<string, Record<string, DocumentedOperation>>;
  components: { schemas: Record<string, Schema> };
}

/** The document the app serves at /api/v1/openapi.json, built the same way. */
export function apiDocument(): OpenApiDoc {
  return openApiDocument() as unknown as OpenApiDoc;
}

/** A response's schema for a media type, with a `#/components/schemas/…` reference (the Problem) read from the document. */
export function documentedSchema(doc: OpenApiDoc, response: DocumentedResponse | undefined, mediaType: string): Schema | undefined {
  const schema = response?.content?.[mediaType]?.schema;
  const ref = typeof schema?.$ref === "string" ? /^#\/components\/schemas\/(\w+)$/.exec(schema.$ref)?.[1] : undefined;
  return ref ? doc.components.schemas[ref] : schema;
}

/** An Ajv (JSON Schema 2020-12, formats checked) validator of one schema of the document. */
export function compileSchema(schema: Schema): ValidateFunction {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats.default(ajv);
  return ajv.compile(schema);
}
