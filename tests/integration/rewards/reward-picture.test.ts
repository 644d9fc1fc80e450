import { existsSync } from "node:fs";
import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { TenantContext } from "../../../src/server/auth/tenant-context";
import { getDb } from "../../../src/server/db/client";
import { isAppError } from "../../../src/server/errors";
import { listCatalogForCustomer } from "../../../src/server/modules/rewards/customer-catalog";
import { archiveReward, createReward, listRewardsWithCounts, updateReward } from "../../../src/server/modules/rewards/reward.service";
import { readPublicMedia } from "../../../src/server/storage/store-image";
import { createTenantWithMember } from "../support/factories";
import { withTemporaryStorage } from "../support/temp-storage";
import { GIF_1X1, HTML_PAGE, JPEG_HEAD, pngBytes, SVG_WITH_SCRIPT } from "../support/test-images";
import { customerWith } from "./rewards-kit";

const storage = withTemporaryStorage();
const file = (bytes: Uint8Array, name: string, type: string) => new File([bytes as Uint8Array<ArrayBuffer>], name, { type });
const stored = (key: string) => existsSync(join(storage.dir(), ...key.split("/")));
const keyOf = async (ctx: TenantContext, id: string) =>
  (await getDb().reward.findFirstOrThrow({ where: { tenantId: ctx.tenantId, id }, select: { imageKey: true } })).imageKey;

async function rewardFiles(tenantId: string): Promise<string[]> {
  const dir = join(storage.dir(), tenantId, "reward");
  return existsSync(dir) ? (await readdir(dir)).filter((f) => !f.endsWith("~type")) : [];
}

async function refusal(promise: Promise<unknown>) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!isAppError(error)) throw new Error(`expected an AppError, got ${String(error)}`);
  return { code: error.code, field: error.issues[0]?.path, message: error.message };
}

describe("reward pictures", () => {
  it("an uploaded picture is stored by its bytes under the brand's reward key, listed for staff and shown in the customer's catalogue", async () => {
    const { ctx } = await createTenantWithMember("MARKETER");
    const png = pngBytes(16, 12);
    // The file name and declared type are the uploader's: the bytes decide.
    const reward = await createReward(ctx, { name: "Free cup", cost: 10, picture: file(png, "cup.gif", "image/gif") });
    const key = (await keyOf(ctx, reward.id))!;
    expect(key).toMatch(new RegExp(`^${ctx.tenantId}/reward/[0-9a-f]{32}\\.png$`));
    expect(reward.pictureUrl).toBe(`/media/${key}`);
    const served = await readPublicMedia(key);
    expect(served?.contentType).toBe("image/png");
    expect(Buffer.from(served!.bytes).equals(Buffer.from(png))).toBe(true);
    expect((await listRewardsWithCounts(ctx)).map((r) => [r.name, r.pictureUrl])).toEqual([["Free cup", `/media/${key}`]]);
    const { cctx } = await customerWith(ctx, 0);
    expect((await listCatalogForCustomer(cctx)).items.map((i) => [i.name, i.pictureUrl])).toEqual([["Free cup", `/media/${key}`]]);
    const audit = await getDb().auditLog.findFirstOrThrow({ where: { tenantId: ctx.tenantId, action: "reward.created" }, select: { data: true } });
    expect(audit.data).toMatchObject({ picture: { from: null, to: key } });
  });

  it("a new picture replaces the old one (whose file is deleted), an edit without one keeps it, and removing takes it away", async () => {
    const { ctx } = await createTenantWithMember("MARKETER");
    const reward = await createReward(ctx, { name: "Tote", cost: 50, picture: file(pngBytes(4, 4), "a.png", "image/png") });
    const first = (await keyOf(ctx, reward.id))!;
    const fields = { id: reward.id, name: "Tote bag", cost: 60 };

    const replaced = await updateReward(ctx, { ...fields, picture: file(JPEG_HEAD, "b.jpg", "image/jpeg") });
    const second = (await keyOf(ctx, reward.id))!;
    expect(second).toMatch(/\/reward\/[0-9a-f]{32}\.jpg$/);
    expect(replaced.pictureUrl).toBe(`/media/${second}`);
    expect(stored(first)).toBe(false);
    expect(stored(second)).toBe(true);

    await updateReward(ctx, { ...fields, cost: 70 });
    expect(await keyOf(ctx, reward.id)).toBe(second);

    const removed = await updateReward(ctx, { ...fields, removePicture: true });
    expect(removed.pictureUrl).toBeNull();
    expect(await keyOf(ctx, reward.id)).toBeNull();
    expect(stored(second)).toBe(false);
    expect(await rewardFiles(ctx.tenantId)).toEqual([]);
  });

  it("refuses SVG, GIF and a renamed HTML page on the picture field, storing nothing and changing nothing", async () => {
    const { ctx } = await createTenantWithMember("MARKETER");
    const message = "use a PNG, JPEG or WebP image (SVG and other files are not accepted)";
    for (const [bytes, name, type] of [
      [SVG_WITH_SCRIPT, "pic.svg", "image/svg+xml"],
      [SVG_WITH_SCRIPT, "pic.png", "image/png"],
      [GIF_1X1, "pic.gif", "image/gif"],
      [HTML_PAGE, "pic.jpg", "image/jpeg"],
    ] as const) {
      expect(await refusal(createReward(ctx, { name: `Refused ${name}`, cost: 5, picture: file(bytes, name, type) }))).toEqual({
        code: "VALIDATION_FAILED",
        field: "picture",
        message,
      });
    }
    expect(await getDb().reward.count({ where: { tenantId: ctx.tenantId } })).toBe(0);
    const kept = await createReward(ctx, { name: "Kept", cost: 5, picture: file(pngBytes(2, 2), "k.png", "image/png") });
    const key = await keyOf(ctx, kept.id);
    expect((await refusal(updateReward(ctx, { id: kept.id, name: "Kept", cost: 5, picture: file(SVG_WITH_SCRIPT, "x.svg", "image/svg+xml") }))).field).toBe(
      "picture",
    );
    expect(await keyOf(ctx, kept.id)).toBe(key);
    expect(await rewardFiles(ctx.tenantId)).toHaveLength(1);
  });

  it("the database refuses a key that is not one of the brand's own reward pictures; deleting a reward deletes its file", async () => {
    const { ctx } = await createTenantWithMember("MARKETER");
    const other = await createTenantWithMember("MARKETER");
    const theirs = await createReward(other.ctx, { name: "Theirs", cost: 5, picture: file(pngBytes(2, 2), "t.png", "image/png") });
    const mine = await createReward(ctx, { name: "Mine", cost: 5, picture: file(pngBytes(3, 3), "m.png", "image/png") });
    for (const key of [(await keyOf(other.ctx, theirs.id))!, `${ctx.tenantId}/logo/${"a".repeat(32)}.png`, `${ctx.tenantId}/reward/../x.png`]) {
      await expect(getDb().reward.updateMany({ where: { tenantId: ctx.tenantId, id: mine.id }, data: { imageKey: key } })).rejects.toThrow(
        /Reward_imageKey_own_picture/,
      );
    }
    const key = (await keyOf(ctx, mine.id))!;
    expect(await archiveReward(ctx, { id: mine.id })).toEqual({ archived: false, deleted: true });
    expect(stored(key)).toBe(false);
    expect(stored((await keyOf(other.ctx, theirs.id))!)).toBe(true);
  });
});
