import { existsSync } from "node:fs";
import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { isAppError } from "../../../src/server/errors";
import { getStorage } from "../../../src/server/storage/storage";
import { deleteImage, MAX_IMAGE_BYTES, mediaUrl, readPublicMedia, storeImage } from "../../../src/server/storage/store-image";
import { createTenantWithMember } from "../support/factories";
import { withTemporaryStorage } from "../support/temp-storage";
import { GIF_1X1, HTML_PAGE, pngBytes, SVG_WITH_SCRIPT, WEBP_HEAD } from "../support/test-images";

const storage = withTemporaryStorage();
const file = (bytes: Uint8Array, name = "upload.png", type = "image/png") => new File([bytes as Uint8Array<ArrayBuffer>], name, { type });

async function refusal(promise: Promise<unknown>) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!isAppError(error)) throw new Error(`expected an AppError, got ${String(error)}`);
  return { code: error.code, field: error.issues[0]?.path, message: error.message };
}

describe("storeImage", () => {
  it("stores a PNG under an unguessable key of the tenant and kind, typed by its bytes", async () => {
    const { ctx } = await createTenantWithMember("ADMIN");
    const bytes = pngBytes(8, 8);
    // The name and declared type are the uploader's; the bytes decide.
    const key = await storeImage(ctx, "logo", file(bytes, "logo.gif", "image/gif"));
    expect(key).toMatch(new RegExp(`^${ctx.tenantId}/logo/[0-9a-f]{32}\\.png$`));
    expect(existsSync(join(storage.dir(), ...key.split("/")))).toBe(true);
    const served = await readPublicMedia(key);
    expect(served?.contentType).toBe("image/png");
    expect(Buffer.from(served!.bytes).equals(Buffer.from(bytes))).toBe(true);
    expect(mediaUrl(key)).toBe(`/media/${key}`);

    const second = await storeImage(ctx, "logo", file(bytes));
    expect(second).not.toBe(key);
    expect(await storeImage(ctx, "reward", file(GIF_1X1))).toMatch(/\/reward\/[0-9a-f]{32}\.gif$/);
    expect(await storeImage(ctx, "reward", file(WEBP_HEAD))).toMatch(/\.webp$/);
  });

  it("refuses an empty file, one over the limit, SVG and a renamed HTML page, storing nothing", async () => {
    const { ctx } = await createTenantWithMember("ADMIN");
    expect(await refusal(storeImage(ctx, "logo", file(new Uint8Array(0)), "logo"))).toEqual({
      code: "VALIDATION_FAILED",
      field: "logo",
      message: "choose an image file",
    });
    const big = pngBytes(1, 1, [0, 0, 0], MAX_IMAGE_BYTES + 1);
    expect(big.byteLength).toBe(MAX_IMAGE_BYTES + 1);
    expect(await refusal(storeImage(ctx, "logo", file(big)))).toMatchObject({ code: "VALIDATION_FAILED", message: "the image is larger than 2 MB" });
    expect(await storeImage(ctx, "logo", file(pngBytes(1, 1, [0, 0, 0], MAX_IMAGE_BYTES)))).toMatch(/\.png$/);
    for (const bytes of [SVG_WITH_SCRIPT, HTML_PAGE]) {
      expect(await refusal(storeImage(ctx, "logo", file(bytes, "logo.png", "image/png")))).toMatchObject({
        code: "VALIDATION_FAILED",
        message: "use a PNG, JPEG, WebP or GIF image (SVG and other files are not accepted)",
      });
    }
    // Only the one accepted image (and its content-type sidecar) is in the tenant's folder.
    const stored = await readdir(join(storage.dir(), ctx.tenantId, "logo"));
    expect(stored).toHaveLength(2);
    expect(stored.filter((name) => name.endsWith(".png"))).toHaveLength(1);
  });

  it("deletes only its own tenant's images", async () => {
    const a = await createTenantWithMember("ADMIN");
    const b = await createTenantWithMember("ADMIN");
    const key = await storeImage(b.ctx, "logo", file(pngBytes(1, 1)));
    expect(await refusal(deleteImage(a.ctx, key))).toMatchObject({ code: "NOT_FOUND" });
    expect(await readPublicMedia(key)).not.toBeNull();
    await deleteImage(b.ctx, key);
    expect(await readPublicMedia(key)).toBeNull();
  });

  it("serves nothing for malformed keys and nothing that is not a stored image", async () => {
    await getStorage().put("ten_x/page.html", HTML_PAGE, "text/html");
    for (const key of ["ten_x/page.html", "../etc/passwd", "", "ten_x/logo/nope.png", 42]) expect(await readPublicMedia(key)).toBeNull();
  });
});
