/**
 * Foursquare (legacy v2) data: Swarm users, venues, check-ins, OAuth codes and never-expiring user
 * tokens (v2 tokens have no expiry, scopes or refresh). Ids are 24-hex ObjectIds as on the real API.
 */
import { randomBytes } from "node:crypto";
import type { SandboxClock } from "../core/clock";
import type { Prng } from "../core/prng";
import type { VenueInput } from "../generator/generator-config";

export interface FsqUser {
  id: string;
  /** Sandbox-only login name typed on the consent page. */
  handle: string;
  firstName: string;
  lastName: string;
  gender: "male" | "female" | "none";
  homeCity: string;
}

export interface FsqVenue {
  id: string;
  name: string;
  location: Record<string, unknown>;
  categories: Record<string, unknown>[];
}

export interface FsqCheckin {
  id: string;
  createdAt: number; // epoch seconds
  userId: string;
  venue: FsqVenue;
  shout: string | undefined;
  timeZoneOffset: number;
}

export class FoursquareState {
  readonly users = new Map<string, FsqUser>();
  readonly venues = new Map<string, FsqVenue>();
  /** Check-ins per user, oldest first. */
  readonly checkinsByUser = new Map<string, FsqCheckin[]>();
  readonly checkins = new Map<string, FsqCheckin>();
  readonly tokens = new Map<string, { userId: string; clientId: string }>();
  private readonly codes = new Map<string, { userId: string; clientId: string; redirectUri: string; expiresAt: number }>();
  private counter = 0;
  private userSeq = 0;

  constructor(private readonly clock: SandboxClock) {}

  objectId(at = this.clock.now()): string {
    this.counter = (this.counter + 1) % 0xffffffffff;
    return (
      Math.floor(at / 1000)
        .toString(16)
        .padStart(8, "0")
        .slice(-8) +
      "5a4d" +
      this.counter.toString(16).padStart(12, "0")
    );
  }

  addUser(input: Partial<Omit<FsqUser, "id">> & { id?: string; handle: string }): FsqUser {
    const existing = this.byHandle(input.handle);
    if (existing) return existing;
    const user: FsqUser = {
      id: input.id ?? String(48_000_000 + ++this.userSeq),
      handle: input.handle,
      firstName: input.firstName ?? input.handle.split(/[._-]/)[0]!.replace(/^./, (c) => c.toUpperCase()),
      lastName: input.lastName ?? "",
      gender: input.gender ?? "none",
      homeCity: input.homeCity ?? "New York, NY",
    };
    this.users.set(user.id, user);
    return user;
  }

  byHandle(handle: string): FsqUser | undefined {
    const h = handle.toLowerCase();
    for (const u of this.users.values()) if (u.handle.toLowerCase() === h) return u;
    return undefined;
  }

  addVenue(v: VenueInput): FsqVenue {
    const id = v.id ?? this.objectId(Date.UTC(2012, 0, 1) + this.venues.size * 1000);
    const existing = this.venues.get(id) ?? [...this.venues.values()].find((x) => x.name === v.name);
    if (existing) return existing;
    const formatted = [v.address, [v.city, v.state].filter(Boolean).join(", ")].filter((s): s is string => !!s);
    const venue: FsqVenue = {
      id,
      name: v.name,
      location: {
        ...(v.address ? { address: v.address } : {}),
        ...(v.lat !== undefined ? { lat: v.lat, lng: v.lng } : {}),
        cc: v.cc ?? "US",
        ...(v.city ? { city: v.city } : {}),
        ...(v.state ? { state: v.state } : {}),
        country: v.cc === "GB" ? "United Kingdom" : "United States",
        formattedAddress: formatted,
      },
      categories: [
        {
          id: "4bf58dd8d48988d1e0931735",
          name: v.category ?? "Coffee Shop",
          pluralName: `${v.category ?? "Coffee Shop"}s`,
          shortName: v.category ?? "Coffee Shop",
          icon: { prefix: "https://ss3.4sqi.net/img/categories_v2/food/coffeeshop_", suffix: ".png" },
          primary: true,
        },
      ],
    };
    this.venues.set(id, venue);
    return venue;
  }

  addCheckin(userId: string, venue: FsqVenue, ms: number, shout?: string): FsqCheckin {
    const c: FsqCheckin = { id: this.objectId(ms), createdAt: Math.floor(ms / 1000), userId, venue, shout, timeZoneOffset: -300 };
    const list = this.checkinsByUser.get(userId) ?? [];
    list.push(c);
    list.sort((a, b) => a.createdAt - b.createdAt);
    this.checkinsByUser.set(userId, list);
    this.checkins.set(c.id, c);
    return c;
  }

  createCode(userId: string, clientId: string, redirectUri: string): string {
    const code = randomBytes(24).toString("hex").toUpperCase();
    this.codes.set(code, { userId, clientId, redirectUri, expiresAt: this.clock.now() + 10 * 60_000 });
    return code;
  }

  redeemCode(code: string, clientId: string, redirectUri: string | undefined): string | undefined {
    const rec = this.codes.get(code);
    this.codes.delete(code);
    if (!rec || rec.clientId !== clientId || this.clock.now() >= rec.expiresAt) return undefined;
    if (redirectUri !== undefined && redirectUri !== rec.redirectUri) return undefined;
    return this.issueToken(rec.userId, clientId);
  }

  issueToken(userId: string, clientId: string): string {
    // One token per user and app, as Foursquare returns the same token on re-authorization.
    for (const [t, v] of this.tokens) if (v.userId === userId && v.clientId === clientId) return t;
    const token = randomBytes(24).toString("hex").toUpperCase();
    this.tokens.set(token, { userId, clientId });
    return token;
  }

  hasAuthorized(userId: string): boolean {
    for (const v of this.tokens.values()) if (v.userId === userId) return true;
    return false;
  }

  /** A generated visit by one of the Swarm users (created on first use). */
  randomUser(prng: Prng): FsqUser {
    const pool = [...this.users.values()];
    if (pool.length >= 50 || (pool.length > 0 && prng.chance(0.8))) return prng.pick(pool);
    return this.addUser({ handle: `swarm.user${this.users.size + 1}` });
  }

  clear(): void {
    this.users.clear();
    this.venues.clear();
    this.checkinsByUser.clear();
    this.checkins.clear();
    this.tokens.clear();
    this.codes.clear();
  }
}
