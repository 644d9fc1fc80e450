import "swagger-ui-dist/swagger-ui.css";
import Link from "next/link";
import { requestNonce } from "@/server/http/request-nonce";

export const metadata = { title: "API reference" };

/**
 * The public API's reference: Swagger UI over /api/v1/openapi.json, every asset served by this
 * app. Open to anyone, like the document (it holds no brand's data).
 */
export default async function ApiReferencePage() {
  const nonce = await requestNonce();
  return (
    <main className="mx-auto max-w-6xl min-w-0 px-4 py-8">
      <h1 className="text-2xl font-semibold">Megaphone API reference</h1>
      <p className="mt-2 text-sm text-fg-muted">
        Call it with an API key from Settings → API keys: <code>Authorization: Bearer mgp_…</code>. The document itself:{" "}
        <Link className="underline" href="/api/v1/openapi.json">
          /api/v1/openapi.json
        </Link>{" "}
        (OpenAPI 3.1).
      </p>
      <div id="swagger-ui" className="mt-6 min-w-0 overflow-x-auto" data-testid="api-reference" />
      <script src="/docs/api/assets/start.js" nonce={nonce} async />
    </main>
  );
}
