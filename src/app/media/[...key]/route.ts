import type { NextRequest } from "next/server";
import { mediaResponse } from "@/server/http/media-response";
import { otherMethods } from "@/server/http/route-methods";

export const dynamic = "force-dynamic";

/** Uploaded images (brand logos, reward pictures) by storage key; public, as the portal shows them to visitors. */
export async function GET(request: NextRequest, { params }: { params: Promise<{ key?: string[] }> }) {
  const { key } = await params;
  return mediaResponse(key, request.nextUrl.pathname);
}

// Every other method: 405 with Allow and problem+json; OPTIONS lists the served ones.
export const { OPTIONS, POST, PUT, PATCH, DELETE } = otherMethods(["GET"]);
