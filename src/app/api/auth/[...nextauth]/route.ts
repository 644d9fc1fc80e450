import NextAuth from "next-auth";
import { getAuthOptions } from "@/server/http/auth-options";
import { otherMethods } from "@/server/http/route-methods";

type Ctx = { params: Promise<{ nextauth: string[] }> };

// next-auth v4 reads the catch-all segment from the context; Next 16 gives params as a promise.
async function handler(request: Request, context: Ctx): Promise<Response> {
  const params = await context.params;
  // next-auth v4's App Router overload is typed `any`; it answers a Response.
  return (await NextAuth(request as never, { params } as never, getAuthOptions())) as Response;
}

export { handler as GET, handler as POST };

// Every other method: 405 with Allow and problem+json; OPTIONS lists the served ones.
export const { OPTIONS, PUT, PATCH, DELETE } = otherMethods(["GET", "POST"]);
