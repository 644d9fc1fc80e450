/** JSON shapes of the legacy v2 API (social-apis.md §3.3): the meta/response envelope and objects. */
import { randomBytes } from "node:crypto";
import type { FsqCheckin, FsqUser } from "./fsq-state";

export function requestId(): string {
  return randomBytes(12).toString("hex");
}

export function envelope(response: unknown): Record<string, unknown> {
  return {
    meta: { code: 200, requestId: requestId() },
    notifications: [{ type: "notificationTray", item: { unreadCount: 0 } }],
    response,
  };
}

export function errorEnvelope(code: number, errorType: string, errorDetail: string): Record<string, unknown> {
  return { meta: { code, errorType, errorDetail, requestId: requestId() }, response: {} };
}

export function renderCompactUser(u: FsqUser): Record<string, unknown> {
  return {
    id: u.id,
    firstName: u.firstName,
    ...(u.lastName ? { lastName: u.lastName } : {}),
    gender: u.gender,
    photo: { prefix: "https://fastly.4sqi.net/img/user/", suffix: `/${u.id}-sandbox.jpg` },
  };
}

export function renderSelf(u: FsqUser, checkinCount: number): Record<string, unknown> {
  return {
    ...renderCompactUser(u),
    relationship: "self",
    canonicalUrl: `https://foursquare.com/user/${u.id}`,
    homeCity: u.homeCity,
    checkins: { count: checkinCount },
  };
}

export function renderCheckin(c: FsqCheckin, withUser?: FsqUser): Record<string, unknown> {
  return {
    id: c.id,
    createdAt: c.createdAt,
    type: "checkin",
    timeZoneOffset: c.timeZoneOffset,
    ...(c.shout ? { shout: c.shout } : {}),
    ...(withUser ? { user: renderCompactUser(withUser) } : {}),
    venue: c.venue,
    source: { name: "Swarm for iOS", url: "https://www.swarmapp.com" },
    photos: { count: 0, items: [] },
    likes: { count: 0, groups: [] },
    isMayor: false,
  };
}
