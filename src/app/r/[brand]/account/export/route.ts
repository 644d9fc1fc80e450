import { otherMethods } from "@/server/http/route-methods";
import { withCustomer } from "@/server/http/with-customer";
import { exportMyData } from "@/server/modules/portal/export-my-data";

/** "Download my data": everything the brand holds about the signed-in customer, as a JSON file. */
export const GET = withCustomer({}, async ({ brand, cctx }) => {
  const data = await exportMyData(cctx);
  const day = data.exportedAt.slice(0, 10);
  return new Response(JSON.stringify(data, null, 2), {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="${brand.scope.tenantSlug}-my-data-${day}.json"`,
      "Cache-Control": "no-store",
    },
  });
});

// Every other method: 405 with Allow and problem+json; OPTIONS lists the served one.
export const { OPTIONS, POST, PUT, PATCH, DELETE } = otherMethods(["GET"]);
