import { assertCan, type TenantContext } from "../../auth/tenant-context";
import { getDb } from "../../db/client";
import type { Prisma } from "../../db/generated/client";
import { isUniqueViolation } from "../../db/prisma-errors";
import { AppError } from "../../errors";
import { writeAudit } from "../audit/audit.service";
import { ZLocationCreate, ZLocationId, ZLocationUpdate, type LocationCreateInput, type LocationDto, type LocationUpdateInput } from "./location.schemas";

/** Brand locations; the Foursquare venue id ties a check-in to one. Staff changes are audited. */

const LOCATION_SELECT = {
  id: true,
  name: true,
  address: true,
  city: true,
  foursquareVenueId: true,
  latitude: true,
  longitude: true,
  createdAt: true,
  updatedAt: true,
} as const;

type LocationRow = Prisma.LocationGetPayload<{ select: typeof LOCATION_SELECT }>;

function toDto(row: LocationRow): LocationDto {
  return { ...row, createdAt: row.createdAt.toISOString(), updatedAt: row.updatedAt.toISOString() };
}

function venueTaken(): AppError {
  return new AppError("CONFLICT", "another location has this Foursquare venue", {
    issues: [{ path: "foursquareVenueId", message: "already used by another location" }],
  });
}

export async function listLocations(ctx: TenantContext): Promise<LocationDto[]> {
  assertCan(ctx, "settings:read");
  const rows = await getDb().location.findMany({
    where: { tenantId: ctx.tenantId },
    select: LOCATION_SELECT,
    orderBy: [{ name: "asc" }, { id: "asc" }],
    take: 1_000,
  });
  return rows.map(toDto);
}

export async function getLocationOrThrow(ctx: TenantContext, id: string): Promise<LocationDto> {
  assertCan(ctx, "settings:read");
  if (!ZLocationId.safeParse(id).success) throw AppError.notFound("location");
  const row = await getDb().location.findFirst({ where: { tenantId: ctx.tenantId, id }, select: LOCATION_SELECT });
  if (!row) throw AppError.notFound("location");
  return toDto(row);
}

/** For the check-in worker: the tenant's location at a Foursquare venue, or null. */
export async function findLocationByVenue(ctx: TenantContext, foursquareVenueId: string): Promise<LocationDto | null> {
  const row = await getDb().location.findFirst({
    where: { tenantId: ctx.tenantId, foursquareVenueId: foursquareVenueId.toLowerCase() },
    select: LOCATION_SELECT,
  });
  return row ? toDto(row) : null;
}

export async function createLocation(ctx: TenantContext, raw: LocationCreateInput): Promise<LocationDto> {
  assertCan(ctx, "settings:write");
  const input = ZLocationCreate.parse(raw);
  try {
    return await getDb().$transaction(async (tx) => {
      const row = await tx.location.create({
        data: {
          tenantId: ctx.tenantId,
          name: input.name,
          address: input.address ?? null,
          city: input.city ?? null,
          foursquareVenueId: input.foursquareVenueId ?? null,
          latitude: input.latitude ?? null,
          longitude: input.longitude ?? null,
        },
        select: LOCATION_SELECT,
      });
      await writeAudit(tx, ctx, {
        action: "location.created",
        targetType: "Location",
        targetId: row.id,
        data: { name: row.name, foursquareVenueId: row.foursquareVenueId },
      });
      return toDto(row);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw venueTaken();
    throw error;
  }
}

export async function updateLocation(ctx: TenantContext, id: string, raw: LocationUpdateInput): Promise<LocationDto> {
  assertCan(ctx, "settings:write");
  const patch = ZLocationUpdate.parse(raw);
  const current = await getLocationOrThrow(ctx, id);
  const latitude = patch.latitude === undefined ? current.latitude : patch.latitude;
  const longitude = patch.longitude === undefined ? current.longitude : patch.longitude;
  if ((latitude === null) !== (longitude === null)) {
    throw new AppError("VALIDATION_FAILED", "the request has invalid fields", {
      issues: [{ path: "longitude", message: "give both latitude and longitude, or neither" }],
    });
  }
  try {
    return await getDb().$transaction(async (tx) => {
      const updated = await tx.location.updateMany({ where: { tenantId: ctx.tenantId, id }, data: { ...patch, updatedAt: new Date() } });
      if (updated.count !== 1) throw AppError.notFound("location");
      await writeAudit(tx, ctx, { action: "location.updated", targetType: "Location", targetId: id, data: { fields: Object.keys(patch) } });
      const row = await tx.location.findFirstOrThrow({ where: { tenantId: ctx.tenantId, id }, select: LOCATION_SELECT });
      return toDto(row);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw venueTaken();
    throw error;
  }
}

/** Mentions at the location keep existing; their link to it is cleared by the database. */
export async function deleteLocation(ctx: TenantContext, id: string): Promise<{ deleted: true }> {
  assertCan(ctx, "settings:write");
  const current = await getLocationOrThrow(ctx, id);
  return getDb().$transaction(async (tx) => {
    const deleted = await tx.location.deleteMany({ where: { tenantId: ctx.tenantId, id } });
    if (deleted.count !== 1) throw AppError.notFound("location");
    await writeAudit(tx, ctx, { action: "location.deleted", targetType: "Location", targetId: id, data: { name: current.name } });
    return { deleted: true as const };
  });
}
