// Foursquare check-ins in the demo: the brand's venues (fixed venue ids the sandbox is told about
// at start, see scripts/demo-checkins.ts), its Foursquare app credentials with the push secret,
// and a CHECKIN rule. Safe to run again: only what is missing is added.
import type { TenantContext } from "../../src/server/auth/tenant-context";
import { getDb } from "../../src/server/db/client";
import { getEnv } from "../../src/server/env";
import { saveChannelConnection } from "../../src/server/modules/channels/channel.service";
import { createLocation, findLocationByVenue } from "../../src/server/modules/listening/location.service";
import { createPointRule } from "../../src/server/modules/rules/point-rule.service";

export interface DemoVenue {
  id: string;
  name: string;
  address: string;
  city: string;
  state?: string;
  cc: string;
  lat: number;
  lng: number;
  category: string;
}

/** The brand's stores: Locations in the app, venues in the sandbox (same ids). */
export const DEMO_BRAND_VENUES: DemoVenue[] = [
  {
    id: "4ef0e7cf7beb5932d5bdeb4e",
    name: "Tasti D-Lite Soho",
    address: "568 Broadway",
    city: "New York",
    state: "NY",
    cc: "US",
    lat: 40.7241,
    lng: -73.9972,
    category: "Frozen Yogurt Shop",
  },
  {
    id: "4a9d6b4ef964a520c73720e3",
    name: "Tasti D-Lite Upper West Side",
    address: "2172 Broadway",
    city: "New York",
    state: "NY",
    cc: "US",
    lat: 40.7808,
    lng: -73.9811,
    category: "Frozen Yogurt Shop",
  },
];

/** Somewhere else the same customers go: check-ins here are never stored (privacy). */
export const DEMO_OTHER_VENUES: DemoVenue[] = [
  {
    id: "4c3cf9d3c1b9e21e1c5e7f02",
    name: "Corner Deli on 9th",
    address: "455 9th Ave",
    city: "New York",
    state: "NY",
    cc: "US",
    lat: 40.7553,
    lng: -73.9958,
    category: "Deli",
  },
];

/** How many demo customers link a Swarm account when the demo starts. */
export const DEMO_SWARM_CUSTOMERS = 3;

export async function seedCheckinListening(ctx: TenantContext): Promise<string[]> {
  const env = getEnv();
  const db = getDb();
  const added: string[] = [];
  if (!(await db.channelConnection.findFirst({ where: { tenantId: ctx.tenantId, network: "FOURSQUARE" }, select: { id: true } }))) {
    await saveChannelConnection(ctx, {
      network: "FOURSQUARE",
      credentials: { clientId: env.FOURSQUARE_CLIENT_ID, clientSecret: env.FOURSQUARE_CLIENT_SECRET, pushSecret: env.FOURSQUARE_PUSH_SECRET },
    });
    added.push("Foursquare app credentials");
  }
  for (const venue of DEMO_BRAND_VENUES) {
    if (await findLocationByVenue(ctx, venue.id)) continue;
    await createLocation(ctx, {
      name: venue.name,
      address: venue.address,
      city: venue.city,
      foursquareVenueId: venue.id,
      latitude: venue.lat,
      longitude: venue.lng,
    });
    added.push(`location ${venue.name}`);
  }
  if (!(await db.pointRule.findFirst({ where: { tenantId: ctx.tenantId, network: "FOURSQUARE", action: "CHECKIN" }, select: { id: true } }))) {
    await createPointRule(ctx, {
      network: "FOURSQUARE",
      action: "CHECKIN",
      name: "Check-ins at our stores",
      basePoints: 25,
      influenceCurve: "NONE",
      dailyCap: 50,
      enabled: true,
    });
    added.push("a check-in rule");
  }
  return added;
}
