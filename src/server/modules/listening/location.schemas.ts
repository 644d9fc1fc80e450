import { z } from "zod";
import { normalizeSourceValue } from "./source-values";

const ZOptionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `at most ${max} characters`)
    .transform((v) => (v === "" ? null : v))
    .nullable()
    .optional();

/** A venue id or foursquare.com/v/… URL → the lower-case id; blank → null. */
const ZVenueId = z
  .string()
  .trim()
  .transform((raw, ctx) => {
    if (raw === "") return null;
    const result = normalizeSourceValue("FOURSQUARE", "VENUE", raw);
    if (!result.ok) {
      ctx.addIssue({ code: "custom", message: result.message });
      return z.NEVER;
    }
    return result.value;
  })
  .nullable()
  .optional();

const ZLatitude = z.number({ error: "latitude must be a number" }).min(-90, "between -90 and 90").max(90, "between -90 and 90").nullable().optional();
const ZLongitude = z.number({ error: "longitude must be a number" }).min(-180, "between -180 and 180").max(180, "between -180 and 180").nullable().optional();

const locationFields = {
  name: z.string({ error: "name is required" }).trim().min(1, "name is required").max(200, "at most 200 characters"),
  address: ZOptionalText(300),
  city: ZOptionalText(100),
  foursquareVenueId: ZVenueId,
  latitude: ZLatitude,
  longitude: ZLongitude,
};

const bothOrNeither = (v: { latitude?: number | null; longitude?: number | null }) =>
  (v.latitude === undefined || v.latitude === null) === (v.longitude === undefined || v.longitude === null);

/** A brand location (store, venue); its Foursquare venue id links check-ins to it. */
export const ZLocationCreate = z
  .strictObject(locationFields)
  .refine(bothOrNeither, { message: "give both latitude and longitude, or neither", path: ["longitude"] });
export type LocationCreateInput = z.input<typeof ZLocationCreate>;

export const ZLocationUpdate = z
  .strictObject(locationFields)
  .partial()
  .refine((v) => Object.keys(v).length > 0, "nothing to update");
export type LocationUpdateInput = z.input<typeof ZLocationUpdate>;

export const ZLocationId = z.string().regex(/^loc_[0-9a-f]{32}$/, "not a location id");

export const ZLocationDto = z.object({
  id: z.string(),
  name: z.string(),
  address: z.string().nullable(),
  city: z.string().nullable(),
  foursquareVenueId: z.string().nullable(),
  latitude: z.number().nullable(),
  longitude: z.number().nullable(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type LocationDto = z.infer<typeof ZLocationDto>;
