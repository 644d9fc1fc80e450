// Brand appearance and uploaded images (issue 11), through the real entry points: the Settings →
// Brand server actions (only the next-auth session lookup is replaced) and the public media route.
// A viewer or marketer cannot change the brand, another brand's admin cannot, an SVG or an HTML
// page renamed to .png is refused, and the media route never answers with markup.
import { readdir } from "node:fs/promises";
import { NextRequest } from "next/server";
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { ActionState } from "../../src/server/http/action-state";
import type { SessionUser } from "../../src/server/http/session";
import { addMember, createTenantWithMember } from "../integration/support/factories";
import { withTemporaryStorage } from "../integration/support/temp-storage";
import { HTML_PAGE, pngBytes, SVG_WITH_SCRIPT } from "../integration/support/test-images";

const session = vi.hoisted(() => ({ user: null as SessionUser | null }));
vi.mock("../../src/server/http/session", async (importOriginal) => ({
  ...(await importOriginal<Record<string, unknown>>()),
  getSessionUser: async () => session.user,
}));

const { removeBrandLogoAction, updateBrandColorAction, uploadBrandLogoAction } = await import("../../src/app/t/[tenant]/settings/brand/actions");
const media = await import("../../src/app/media/[...key]/route");
const theme = await import("../../src/app/brand-theme/[file]/route");
const { unsafeCrossTenantDb } = await import("../../src/server/db/client");
const { getStorage } = await import("../../src/server/storage/storage");
const { storeImage } = await import("../../src/server/storage/store-image");
const { setBrandLogo, updateBrandColor } = await import("../../src/server/modules/tenants/brand-appearance.service");
const { MEDIA_CSP, securityHeaders } = await import("../../src/server/http/security-headers");

const storage = withTemporaryStorage();
const db = unsafeCrossTenantDb();
type Member = { user: { id: string; email: string; name: string | null } };
const as = (member: Member) => {
  session.user = { id: member.user.id, email: member.user.email, name: member.user.name ?? "" };
};
const form = (tenant: string, fields: Record<string, string | Blob>) => {
  const data = new FormData();
  data.set("tenant", tenant);
  for (const [name, value] of Object.entries(fields)) data.set(name, value);
  return data;
};
const png = (name = "logo.png") => new File([pngBytes(6, 6) as Uint8Array<ArrayBuffer>], name, { type: "image/png" });
const appearanceOf = (id: string) => db.tenant.findUniqueOrThrow({ where: { id }, select: { brandColor: true, logoKey: true } });

async function get(path: string): Promise<Response> {
  const request = new NextRequest(`http://app.test${path}`);
  const key = path
    .replace(/^\/media\/?/, "")
    .split("/")
    .filter(Boolean);
  return media.GET(request, { params: Promise.resolve({ key: key.length ? key : undefined }) });
}

let brand: Awaited<ReturnType<typeof createTenantWithMember>>;
let logoKey: string;
beforeAll(async () => {
  brand = await createTenantWithMember("OWNER", "Guarded brand");
  // Set up through the services (the actions' success path ends in Next's revalidatePath, which needs a running Next).
  await updateBrandColor(brand.ctx, { brandColor: "#0f766e" });
  await setBrandLogo(brand.ctx, png());
  logoKey = (await appearanceOf(brand.tenant.id)).logoKey!;
});

describe("who may change a brand's appearance", () => {
  it("a viewer and a marketer are refused every change, and nothing changes", async () => {
    for (const role of ["VIEWER", "MARKETER"] as const) {
      as(await addMember(brand.ctx, role));
      const attempts: ActionState[] = [
        await updateBrandColorAction({ status: "idle" }, form(brand.tenant.slug, { brandColor: "#ff0000" })),
        await uploadBrandLogoAction({ status: "idle" }, form(brand.tenant.slug, { logo: png() })),
        await removeBrandLogoAction({ status: "idle" }, form(brand.tenant.slug, {})),
      ];
      for (const state of attempts) expect(state).toMatchObject({ status: "error", message: `your role (${role.toLowerCase()}) cannot settings write` });
    }
    expect(await appearanceOf(brand.tenant.id)).toEqual({ brandColor: "#0f766e", logoKey });
  });

  it("another brand's owner is answered as if the brand did not exist, and nothing changes", async () => {
    as(await createTenantWithMember("OWNER", "Other brand"));
    const attempts = [
      await updateBrandColorAction({ status: "idle" }, form(brand.tenant.slug, { brandColor: "#ff0000" })),
      await uploadBrandLogoAction({ status: "idle" }, form(brand.tenant.slug, { logo: png() })),
      await removeBrandLogoAction({ status: "idle" }, form(brand.tenant.slug, {})),
    ];
    for (const state of attempts) expect(state).toMatchObject({ status: "error", message: "tenant not found" });
    expect(await appearanceOf(brand.tenant.id)).toEqual({ brandColor: "#0f766e", logoKey });
  });
});

describe("what may be uploaded", () => {
  it("refuses an SVG and an HTML page renamed to .png, naming the field, and stores nothing", async () => {
    as(brand);
    const before = await readdir(storage.dir(), { recursive: true });
    for (const file of [
      new File([SVG_WITH_SCRIPT], "logo.svg", { type: "image/svg+xml" }),
      new File([SVG_WITH_SCRIPT], "logo.png", { type: "image/png" }),
      new File([HTML_PAGE], "logo.png", { type: "image/png" }),
    ]) {
      const state = await uploadBrandLogoAction({ status: "idle" }, form(brand.tenant.slug, { logo: file }));
      expect(state, file.name).toMatchObject({
        status: "error",
        fieldErrors: { logo: "use a PNG, JPEG, WebP or GIF image (SVG and other files are not accepted)" },
      });
    }
    const empty = await uploadBrandLogoAction({ status: "idle" }, form(brand.tenant.slug, { logo: new File([], "") }));
    expect(empty).toMatchObject({ status: "error", fieldErrors: { logo: "choose an image file" } });
    expect(await readdir(storage.dir(), { recursive: true })).toEqual(before);
    expect((await appearanceOf(brand.tenant.id)).logoKey).toBe(logoKey);
  });
});

describe("the media route", () => {
  it("serves a stored image with its own type, nosniff, an inline name, a sandbox policy and long caching", async () => {
    const response = await get(`/media/${logoKey}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("image/png");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("content-disposition")).toBe(`inline; filename="${logoKey.split("/").pop()}"`);
    expect(response.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(response.headers.get("content-security-policy")).toBe(MEDIA_CSP);
    expect(MEDIA_CSP).toMatch(/default-src 'none'.*sandbox/);
    expect(Buffer.from(await response.arrayBuffer()).equals(Buffer.from(pngBytes(6, 6)))).toBe(true);
    // The proxy's headers for /media/ carry the same sandbox policy, not the page policy.
    expect(securityHeaders({ pathname: `/media/${logoKey}`, nonce: "bm9uY2U=", appUrl: "http://app.test", dev: false })["Content-Security-Policy"]).toBe(
      MEDIA_CSP,
    );
  });

  it("never answers with markup: HTML or SVG put in storage behind the uploads' back is a 404", async () => {
    await getStorage().put(`${brand.tenant.id}/logo/page.html`, HTML_PAGE, "text/html");
    await getStorage().put(`${brand.tenant.id}/logo/${"cd".repeat(16)}.png`, SVG_WITH_SCRIPT, "image/svg+xml");
    await getStorage().put(`${brand.tenant.id}/logo/${"ef".repeat(16)}.png`, HTML_PAGE, "text/html");
    for (const path of [
      `/media/${brand.tenant.id}/logo/page.html`,
      `/media/${brand.tenant.id}/logo/${"cd".repeat(16)}.png`,
      `/media/${brand.tenant.id}/logo/${"ef".repeat(16)}.png`,
    ]) {
      const response = await get(path);
      expect(response.status, path).toBe(404);
      expect(response.headers.get("content-type"), path).toBe("application/problem+json");
      expect(response.headers.get("cache-control"), path).toBe("no-store");
      expect(await response.text(), path).not.toContain("<script");
    }
  });

  it("serves a GIF that carries HTML after its header as image/gif only", async () => {
    const polyglot = new Uint8Array(Buffer.concat([Buffer.from("GIF89a\x01\x00\x01\x00\x00\x00\x00", "latin1"), Buffer.from(HTML_PAGE)]));
    const key = await storeImage(brand.ctx, "reward", new File([polyglot], "x.html", { type: "text/html" }));
    const response = await get(`/media/${key}`);
    expect(response.headers.get("content-type")).toBe("image/gif");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("content-security-policy")).toContain("sandbox");
  });

  it("answers 404 for unknown, malformed and escaping keys", async () => {
    for (const path of [
      "/media/",
      `/media/${brand.tenant.id}/logo/${"00".repeat(16)}.png`,
      "/media/..%2f..%2fetc/passwd",
      "/media/a/../../package.json",
      "/media/.env",
    ]) {
      const response = await get(path);
      expect(response.status, path).toBe(404);
    }
  });
});

describe("the brand theme stylesheet", () => {
  const css = (file: string) => theme.GET(new NextRequest(`http://app.test/brand-theme/${encodeURIComponent(file)}`), { params: Promise.resolve({ file }) });

  it("is CSS of the named colour only, cached for good", async () => {
    const response = await css("0f766e.css");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/css; charset=utf-8");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(await response.text()).toBe("[data-brand-theme]{--brand-color:#0f766e;--brand-text:#ffffff}\n");
  });

  it("answers 404 for anything but a lower-case #rrggbb name, so nothing can be written into the CSS", async () => {
    for (const file of ["0f766e", "0F766E.css", "0f766e;}*{display:none}.css", "0f766e.css</style><script>", "..%2f.css", "red.css"]) {
      const response = await css(file);
      expect(response.status, file).toBe(404);
      expect(response.headers.get("content-type"), file).toBe("application/problem+json");
    }
  });
});
