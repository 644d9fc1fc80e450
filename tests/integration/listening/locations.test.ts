import { describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { getDb } from "../../../src/server/db/client";
import { AppError } from "../../../src/server/errors";
import {
  createLocation,
  deleteLocation,
  findLocationByVenue,
  getLocationOrThrow,
  listLocations,
  updateLocation,
} from "../../../src/server/modules/listening/location.service";
import { addMember, createTenantWithMember } from "../support/factories";

const VENUE = "4bf58dd8d48988d1e0931735";

async function caught(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error("expected a rejection");
    },
    (e: unknown) => e,
  );
}

async function expectAppError(promise: Promise<unknown>, code: AppError["code"]) {
  const error = await caught(promise);
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
  return error as AppError;
}

describe("brand locations", () => {
  it("creates a location from a venue URL, finds it by venue for check-ins, edits and deletes it with audits", async () => {
    const { ctx } = await createTenantWithMember("ADMIN");
    const created = await createLocation(ctx, {
      name: " Brand X Soho ",
      address: "1 Spring St",
      city: "New York",
      foursquareVenueId: `https://foursquare.com/v/brand-x-soho/${VENUE.toUpperCase()}`,
      latitude: 40.72,
      longitude: -74.0,
    });
    expect(created).toMatchObject({ name: "Brand X Soho", foursquareVenueId: VENUE, latitude: 40.72, longitude: -74 });
    expect(await findLocationByVenue(ctx, VENUE.toUpperCase())).toMatchObject({ id: created.id });
    expect(await findLocationByVenue(ctx, "0".repeat(24))).toBeNull();

    const updated = await updateLocation(ctx, created.id, { name: "Brand X SoHo", address: "" });
    expect(updated).toMatchObject({ name: "Brand X SoHo", address: null, city: "New York" });
    expect((await listLocations(ctx)).map((l) => l.id)).toEqual([created.id]);
    await deleteLocation(ctx, created.id);
    await expectAppError(getLocationOrThrow(ctx, created.id), "NOT_FOUND");
    const audit = await getDb().auditLog.findMany({ where: { tenantId: ctx.tenantId, targetId: created.id }, orderBy: { createdAt: "asc" } });
    expect(audit.map((a) => a.action)).toEqual(["location.created", "location.updated", "location.deleted"]);
  });

  it("validates fields and refuses a venue another location of the tenant already has", async () => {
    const { ctx } = await createTenantWithMember("ADMIN");
    const error = await caught(createLocation(ctx, { name: "", foursquareVenueId: "starbucks", latitude: 12 }));
    expect(error).toBeInstanceOf(ZodError);
    const paths = (error as ZodError).issues.map((i) => i.path.join("."));
    expect(paths).toEqual(expect.arrayContaining(["name", "foursquareVenueId"]));
    await createLocation(ctx, { name: "One", foursquareVenueId: VENUE });
    const conflict = await expectAppError(createLocation(ctx, { name: "Two", foursquareVenueId: VENUE }), "CONFLICT");
    expect(conflict.issues[0]?.path).toBe("foursquareVenueId");
    const half = await expectAppError(updateLocation(ctx, (await listLocations(ctx))[0]!.id, { latitude: 1 }), "VALIDATION_FAILED");
    expect(half.issues[0]?.message).toMatch(/both latitude and longitude/);
    // another tenant may use the same venue
    const other = await createTenantWithMember("ADMIN");
    await expect(createLocation(other.ctx, { name: "Theirs", foursquareVenueId: VENUE })).resolves.toMatchObject({ foursquareVenueId: VENUE });
  });

  it("is tenant-scoped and role-checked", async () => {
    const a = await createTenantWithMember("OWNER");
    const b = await createTenantWithMember("OWNER");
    const theirs = await createLocation(b.ctx, { name: "Theirs", foursquareVenueId: VENUE });
    await expectAppError(getLocationOrThrow(a.ctx, theirs.id), "NOT_FOUND");
    await expectAppError(updateLocation(a.ctx, theirs.id, { name: "hijack" }), "NOT_FOUND");
    await expectAppError(deleteLocation(a.ctx, theirs.id), "NOT_FOUND");
    expect(await findLocationByVenue(a.ctx, VENUE)).toBeNull();
    const marketer = await addMember(b.ctx, "MARKETER");
    expect(await listLocations(marketer.ctx)).toHaveLength(1);
    await expectAppError(createLocation(marketer.ctx, { name: "Nope" }), "FORBIDDEN");
    expect((await getLocationOrThrow(b.ctx, theirs.id)).name).toBe("Theirs");
  });
});
