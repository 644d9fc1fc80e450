import { describe, expect, it } from "vitest";
import { AppError } from "../../src/server/errors";
import { problemResponse, toAppError } from "../../src/server/http/problem";
import { ZCampaignCreate, ZCampaignUpdate } from "../../src/server/modules/campaigns/campaign.schemas";
import { ZCustomerCreate, ZCustomerUpdate } from "../../src/server/modules/customers/customer.schemas";
import { ZLocationCreate, ZLocationUpdate } from "../../src/server/modules/listening/location.schemas";
import { ZSourceCreate, ZSourceUpdate } from "../../src/server/modules/listening/source.schemas";
import { ZRewardCreate } from "../../src/server/modules/rewards/reward.schemas";
import { ZPointRuleCreate, ZPointRuleUpdate } from "../../src/server/modules/rules/point-rule.schemas";
import { ZSegmentCreate, ZSegmentUpdate } from "../../src/server/modules/segments/segment.schemas";

describe("problem+json mapping", () => {
  it("turns a zod error into 422 with one entry per field, unknown fields named", () => {
    const result = ZCustomerCreate.safeParse({ displayName: "", emails: ["bad"], role: "admin" });
    expect(result.success).toBe(false);
    const error = toAppError(result.error);
    expect(error.code).toBe("VALIDATION_FAILED");
    const paths = error.issues.map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(["displayName", "emails.0", "role"]));
    expect(error.issues.find((i) => i.path === "role")?.message).toBe("unknown field(s): role");
  });

  it("writes RFC 9457 bodies with the right status and content type", async () => {
    const response = problemResponse(new AppError("CONFLICT", "email already belongs to another customer"), "/api/v1/x");
    expect(response.status).toBe(409);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
    expect(await response.json()).toEqual({
      type: "https://megaphone.dev/problems/conflict",
      title: "Conflict",
      status: 409,
      detail: "email already belongs to another customer",
      instance: "/api/v1/x",
    });
  });

  it("never echoes an internal error's message", async () => {
    const response = problemResponse(new Error("password=hunter2 at db.internal:5432"));
    expect(response.status).toBe(500);
    const body = await response.json();
    expect(JSON.stringify(body)).not.toMatch(/hunter2|db.internal/);
    expect(body.detail).toBe("Something went wrong on our side.");
  });

  it("answers a failed If-Match as 412", async () => {
    const response = problemResponse(new AppError("PRECONDITION_FAILED", "the customer changed since that version"), "/api/v1/x");
    expect(response.status).toBe(412);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
    expect(await response.json()).toMatchObject({ type: "https://megaphone.dev/problems/precondition-failed", title: "Precondition failed", status: 412 });
  });

  it("sets Retry-After on rate limiting", () => {
    const response = problemResponse(new AppError("RATE_LIMITED", "slow down", { retryAfterSeconds: 42 }));
    expect(response.status).toBe(429);
    expect(response.headers.get("retry-after")).toBe("42");
  });

  // Each resource's input schema, not zod itself: a field no schema declares (a typo, or a smuggled
  // tenantId) must be refused and named, never silently dropped.
  const INPUT_SCHEMAS = {
    ZCustomerCreate,
    ZCustomerUpdate,
    ZCampaignCreate,
    ZCampaignUpdate,
    ZPointRuleCreate,
    ZPointRuleUpdate,
    ZSegmentCreate,
    ZSegmentUpdate,
    ZSourceCreate,
    ZSourceUpdate,
    ZLocationCreate,
    ZLocationUpdate,
    ZRewardCreate,
  };

  it.each(Object.entries(INPUT_SCHEMAS))("%s refuses a field it does not declare, and names it", (_name, schema) => {
    const result = schema.safeParse({ tenantId: "ten_other" });
    expect(result.success).toBe(false);
    expect(toAppError(result.error).issues).toContainEqual({ path: "tenantId", message: "unknown field(s): tenantId" });
  });
});
