import type { NextRequest } from "next/server";
import { brandThemeResponse } from "@/server/http/brand-theme-response";
import { otherMethods } from "@/server/http/route-methods";

/** A brand colour's stylesheet (CSS variables), named by the colour; no tenant data. */
export async function GET(request: NextRequest, { params }: { params: Promise<{ file?: string }> }) {
  const { file } = await params;
  return brandThemeResponse(file, request.nextUrl.pathname);
}

// Every other method: 405 with Allow and problem+json; OPTIONS lists the served ones.
export const { OPTIONS, POST, PUT, PATCH, DELETE } = otherMethods(["GET"]);
